"""The Japanese catalogue: Japanese is the default language, so every English msgid must be translated,
and the compiled .mo that Django reads must say what the .po says."""

import contextlib
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

import telegov
from telegov.core.choices import RegistrationStatus

PACKAGE_DIR = Path(telegov.__file__).resolve().parent
PO_PATH = PACKAGE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(entries) -> dict[tuple[str, str], tuple[str, ...]]:
    found = {}
    for entry in entries:
        if not entry.msgid:
            continue
        strings = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)) if entry.msgid_plural else (
            entry.msgstr,
        )
        found[(entry.msgctxt or "", entry.msgid)] = strings
    return found


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(PO_PATH))
    assert len(po) > 0
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "ja"


def test_translations_keep_the_placeholders_of_their_msgid():
    for entry in polib.pofile(str(PO_PATH)):
        expected = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert set(PLACEHOLDER.findall(text)) == expected, entry.msgid


def test_compiled_catalogue_matches_the_po():
    assert catalogue(polib.mofile(str(MO_PATH))) == catalogue(polib.pofile(str(PO_PATH)))


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogue_holds_every_msgid_of_the_source(tmp_path, settings):
    # Extract from a copy so that the committed catalogue is never rewritten by the test.
    copy = tmp_path / "telegov"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    settings.LOCALE_PATHS = [copy / "locale"]
    with contextlib.chdir(copy):
        call_command("makemessages", locale=["ja"], no_obsolete=True, verbosity=0)
    extracted = {entry.msgid for entry in polib.pofile(str(copy / "locale" / "ja" / "LC_MESSAGES" / "django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(PO_PATH)) if entry.translated()}
    assert "Rule book" in extracted
    assert sorted(extracted - committed) == []


def test_django_reads_the_japanese_catalogue():
    with translation.override("ja"):
        assert translation.gettext("Rule book") == "ルールブック"
        assert str(RegistrationStatus.REGISTERED.label) == "登録（第9条）"
    with translation.override("en"):
        assert str(RegistrationStatus.REGISTERED.label) == "Registered (Art. 9)"
