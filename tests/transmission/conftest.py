from pathlib import Path

import pytest

from telegov.transmission.catalog import Catalog

FIXTURE_CATALOG = Path(__file__).resolve().parent / "fixture_vendors.yaml"


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    return Catalog.load(FIXTURE_CATALOG)
