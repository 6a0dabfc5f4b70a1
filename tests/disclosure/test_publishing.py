"""Publishing writes the status page as static files: index.html with its prefecture map, summary.json,
feed.atom and one page per incident, Japanese at the top and English under en/."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.db import transaction

from telegov.disclosure import services as actions
from telegov.disclosure.publishing import status_dir, write_atomically

from .conftest import open_outage, soon

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(text: str) -> ET.Element:
    return ET.fromstring(text.encode())  # noqa: S314 - the feed we just wrote


def read(carrier, name: str) -> str:
    return (status_dir(carrier["organisation"].slug) / name).read_text(encoding="utf-8")


@pytest.fixture
def outage(carrier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = open_outage(carrier)
        actions.post_update(carrier["admin"], incident, status="identified", message="基地局設備の故障です。",
                            recovered_prefectures=["東京都"], next_update_at=soon(2))
    return incident


def test_summary_json_has_the_page_components_and_the_incident_with_its_updates(carrier, outage):
    summary = json.loads(read(carrier, "summary.json"))
    assert summary["page"]["id"] == "kakuu"
    assert summary["status"]["indicator"] == "partial_outage"
    states = {(item["name"], item["region"]): item["status"] for item in summary["components"]}
    assert states == {("携帯電話（音声）", "関東"): "partial_outage", ("モバイルデータ通信", "関東"): "operational"}
    [incident] = summary["incidents"]
    assert incident["status"] == "identified"
    assert incident["components"] == [carrier["voice"].pk]
    assert incident["recovered_prefectures"] == ["東京都"]
    assert [update["status"] for update in incident["incident_updates"]] == ["identified", "investigating"]
    assert "原因を特定し" in incident["incident_updates"][0]["notice"]["ja"]
    assert "found the cause" in incident["incident_updates"][0]["notice"]["en"]
    assert summary["past_incidents"] == []


def test_feed_is_atom_with_one_entry_per_update(carrier, outage):
    feed = parse_atom(read(carrier, "feed.atom"))
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}title").text == "[原因特定] 携帯電話の音声通話がつながりにくい状況について"
    assert entries[1].find(f"{ATOM}title").text.startswith("[調査中]")
    assert len({entry.find(f"{ATOM}id").text for entry in entries}) == 2
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/status/kakuu/incidents/{outage.pk}.html")
    assert "基地局設備の故障です。" in entries[0].find(f"{ATOM}summary").text
    english = parse_atom(read(carrier, "en/feed.atom"))
    assert english.findall(f"{ATOM}entry")[0].find(f"{ATOM}title").text.startswith("[Identified]")


def test_index_shows_states_the_incident_and_a_map_of_affected_and_recovered_prefectures(carrier, outage):
    page = read(carrier, "index.html")
    assert '<html lang="ja">' in page
    assert "一部障害" in page and "正常" in page
    assert f'href="incidents/{outage.pk}.html"' in page
    assert "影響が続いている地域：千葉県、神奈川県" in page
    assert page.count('class="tile ') == 47
    assert 'data-prefecture="神奈川県" data-state="affected"' in page
    assert 'data-prefecture="東京都" data-state="recovered"' in page
    assert 'data-prefecture="大阪府" data-state="normal"' in page
    english = read(carrier, "en/index.html")
    assert '<html lang="en">' in english and "Partial outage" in english


def test_resolved_incidents_keep_their_page_and_move_to_the_past(carrier, outage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_update(carrier["admin"], outage, status="resolved")
    summary = json.loads(read(carrier, "summary.json"))
    assert summary["incidents"] == []
    assert [item["id"] for item in summary["past_incidents"]] == [outage.pk]
    assert {component["status"] for component in summary["components"]} == {"operational"}
    page = read(carrier, f"incidents/{outage.pk}.html")
    assert page.count('class="update card"') + page.count('class="card update"') == 3
    assert "に復旧しました。" in page
    assert "Past incidents" in read(carrier, "en/index.html")
    assert f"incidents/{outage.pk}.html" in read(carrier, "index.html")


def test_nothing_is_published_when_the_transaction_rolls_back(carrier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError), \
            transaction.atomic():
        open_outage(carrier)
        raise RuntimeError("the request failed after writing")
    assert callbacks == []
    assert not (status_dir("kakuu") / "incidents").exists()


def test_files_are_replaced_by_rename_and_unchanged_files_are_left_alone(tmp_path):
    target = tmp_path / "status" / "index.html"
    assert write_atomically(target, b"one")
    inode = target.stat().st_ino
    assert not write_atomically(target, b"one")
    assert target.stat().st_ino == inode
    assert write_atomically(target, b"two")
    # A new inode: readers holding the old file keep reading the whole old file.
    assert target.stat().st_ino != inode
    assert target.read_bytes() == b"two"
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert [path.name for path in target.parent.iterdir()] == ["index.html"]


def test_maintenance_is_published(carrier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.schedule_maintenance(
            carrier["admin"], carrier["organisation"], title="設備更改工事", scheduled_from=soon(24),
            scheduled_until=soon(26), components=[carrier["data"]], affected_prefectures=["大阪府"],
        )
    [maintenance] = json.loads(read(carrier, "summary.json"))["scheduled_maintenances"]
    assert maintenance["name"] == "設備更改工事"
    assert maintenance["components"] == [carrier["data"].pk]
    assert "設備更改工事" in read(carrier, "index.html")
