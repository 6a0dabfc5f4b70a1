import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _private_data_dir(settings, tmp_path_factory):
    """Published files and evidence of one test never land in the working copy or in another test."""
    settings.DATA_DIR = tmp_path_factory.mktemp("data")
