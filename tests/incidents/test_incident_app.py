"""The incidents package is a Django app without weighing on the console tool that only classifies."""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.management import call_command


def test_the_engine_imports_without_django_settings_or_the_models():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = ("import sys, telegov.incidents.classification as c; "
            "assert c.classify({'kind': 'secrecy_leak', 'detected_at': '2026-05-12T10:00:00+09:00'}).reports; "
            "assert 'telegov.incidents.models' not in sys.modules and 'telegov.incidents.services' not in sys.modules")
    finished = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr


def test_the_migrations_match_the_models(db):
    call_command("makemigrations", "incidents", "--check", "--dry-run", verbosity=0)
