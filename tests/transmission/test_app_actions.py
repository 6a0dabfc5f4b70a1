"""The app's actions: scan jobs claimed by exactly one worker, scheduled re-scans, scan history with the diff
between releases, catalog overrides, and published notices that never change."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from telegov.core.models import AuditLog
from telegov.transmission import services
from telegov.transmission.choices import JobReason, JobState
from telegov.transmission.diff import diff_recipients, sentences_ja
from telegov.transmission.models import NoticeVersion, Scan, ScanJob
from telegov.transmission.models.scans import PublishedVersionIsFinal
from telegov.transmission.publishing import site_directory
from telegov.transmission.worker import BrowserSettings, run_round
from tests.transmission import sites
from tests.transmission.app_helpers import record
from tests.transmission.fixture_server import FixtureServer


def test_the_engine_imports_without_django_settings_or_the_models():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = ("import sys, telegov.transmission.notice, telegov.transmission.audit, telegov.transmission.diff, "
            "telegov.transmission.notice_render, telegov.transmission.declared; "
            "assert 'telegov.transmission.models' not in sys.modules and 'django.conf' not in sys.modules or "
            "not __import__('django.conf').conf.settings.configured")
    finished = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr


def test_the_migrations_match_the_models(db):
    call_command("makemigrations", "transmission", "--check", "--dry-run", verbosity=0)


def test_a_job_is_claimed_by_one_worker_only(shop_org):
    job = services.request_scan(shop_org["admin"], shop_org["site"])
    assert services.claim(job.pk, "worker-a")
    assert not services.claim(job.pk, "worker-b")
    job.refresh_from_db()
    assert (job.state, job.claimed_by) == (JobState.RUNNING, "worker-a")
    with pytest.raises(ValidationError, match="すでに待機中または実行中"):
        services.request_scan(shop_org["admin"], shop_org["site"])


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_never_claim_one_job_twice(settings, tmp_path):
    import threading

    from django.db import connection

    from telegov.core import services as actions

    settings.DATA_DIR = tmp_path
    admin = actions.create_user("w", "pw-w-12345")
    organisation = actions.create_organisation(admin, "W", "w")
    site = services.create_site(admin, organisation, name="W", slug="w", start_urls=["https://w.example/"])
    jobs = [ScanJob.objects.create(site=site).pk for _ in range(20)]
    won: dict[str, list[int]] = {f"worker-{n}": [] for n in range(4)}
    barrier = threading.Barrier(len(won))

    def work(name):
        barrier.wait()
        try:
            won[name].extend(pk for pk in jobs if services.claim(pk, name))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(name,)) for name in won]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    claimed = [pk for pks in won.values() for pk in pks]
    assert sorted(claimed) == sorted(jobs)  # every job once, none twice


def test_a_stale_claim_is_released_for_another_worker(shop_org):
    job = services.request_scan(shop_org["admin"], shop_org["site"])
    assert services.claim(job.pk, "dead-worker")
    ScanJob.objects.filter(pk=job.pk).update(claimed_at=timezone.now() - timedelta(hours=2))
    assert services.release_stale_claims() == 1
    assert services.claim(job.pk, "live-worker")


def test_due_sites_are_queued_once_and_their_next_scan_moves_on(shop_org):
    site = services.update_site(shop_org["admin"], shop_org["site"], scan_interval_days=7)
    assert site.next_scan_at is not None and site.next_scan_at <= timezone.now()
    queued = services.enqueue_due_scans()
    assert [job.site_id for job in queued] == [site.pk] and queued[0].reason == JobReason.SCHEDULED
    assert services.enqueue_due_scans() == []  # not due again for a week
    site.refresh_from_db()
    assert site.next_scan_at > timezone.now() + timedelta(days=6)
    assert AuditLog.objects.filter(object_type="transmission.scanjob", object_id=str(queued[0].pk)).exists()


@pytest.mark.e2e
def test_the_worker_round_scans_a_queued_site_in_chromium(shop_org, shop_report):
    services.request_scan(shop_org["admin"], shop_org["site"])
    with FixtureServer(sites.shop, sites.TLS_NAMES) as server:
        ran = run_round(BrowserSettings(host_rules=server.host_rules, ignore_https_errors=True))
    assert len(ran) == 1
    job = ScanJob.objects.get(pk=ran[0])
    assert job.state == JobState.DONE and job.finished_at is not None
    scan = Scan.objects.get(job=job)
    keys = {item["key"] for item in scan.recipients}
    assert keys == {item["key"] for item in record(shop_org["site"], shop_report).recipients}
    assert "vendor:meta_pixel" in keys  # the organisation's catalog entry named it
    assert run_round(BrowserSettings()) == []  # nothing left to do


def test_an_unreachable_site_fails_its_job_with_the_reason(shop_org):
    services.request_scan(shop_org["admin"], shop_org["site"])
    run_round(BrowserSettings(executable_path="/nonexistent/chromium"))
    job = ScanJob.objects.get(site=shop_org["site"])
    assert job.state == JobState.FAILED and "Chromium not found" in job.error


@pytest.mark.e2e
def test_the_diff_between_two_releases_names_the_added_recipient(shop_org, shop_report, released_report):
    before = record(shop_org["site"], shop_report)
    after = record(shop_org["site"], released_report)
    diff = diff_recipients(before.recipients, after.recipients)
    assert [item["key"] for item in diff["added"]] == ["vendor:tiktok_pixel"]
    assert diff["removed"] == []
    assert "このリリースでTikTok Pte. Ltd.が送信先に追加されました。" in sentences_ja(diff)
    back = diff_recipients(after.recipients, before.recipients)
    assert [item["name"] for item in back["removed"]] == ["TikTok Pte. Ltd."]


def test_information_added_or_removed_per_recipient_is_said():
    before = [{"key": "vendor:ga", "organization": "Google LLC", "domains": ["g.example"],
               "information": ["page_url", "ip_address"]}]
    after = [{**before[0], "information": ["page_url", "cookie_id"]}]
    diff = diff_recipients(before, after)
    assert diff["changed"] == [{"key": "vendor:ga", "name": "Google LLC", "information_added": ["cookie_id"],
                                "information_removed": ["ip_address"]}]
    assert sentences_ja(diff) == ["Google LLCに送信される情報にCookie等に記録された識別子が加わりました。",
                                  "Google LLCにIPアドレスが送信されなくなりました。"]


def test_an_override_changes_the_recipient_named(shop_org):
    catalog = services.catalog_of(shop_org["organisation"])
    assert catalog.lookup("analytics.tiktok.com").id == "tiktok_pixel"  # the organisation's entry wins
    assert catalog.lookup("www.tiktokcdn.com").id == "tiktok"  # the built-in one keeps its other domains
    with pytest.raises(ValidationError):
        services.save_override(shop_org["admin"], shop_org["organisation"], {"id": "broken", "domains": []})


@pytest.mark.e2e
def test_publishing_writes_the_files_and_a_published_version_never_changes(
        shop_org, shop_report, released_report, django_capture_on_commit_callbacks):
    site = shop_org["site"]
    record(site, shop_report)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.publish_notice(shop_org["admin"], site)
    directory = site_directory("kakuu-shop", "shop")
    assert directory == shop_org["tmp"] / "public" / "kakuu-shop" / "transmission" / "shop"
    v1 = {name: (directory / "v1" / name).read_bytes() for name in ("index.html", "notice.yaml", "notice.md")}
    assert (directory / "index.html").read_bytes() == v1["index.html"]
    assert "外部送信について".encode() in v1["index.html"] and b"tiktok" not in v1["notice.yaml"]

    record(site, released_report)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.publish_notice(shop_org["admin"], site)
    assert second.number == 2
    assert b"tiktok_pixel" in (directory / "notice.yaml").read_bytes()  # the latest is the new version
    assert {name: (directory / "v1" / name).read_bytes() for name in v1} == v1  # v1 is as it was

    first.refresh_from_db()
    first.notice["recipients"] = []
    with pytest.raises(PublishedVersionIsFinal), transaction.atomic():
        first.save()
    with pytest.raises(PublishedVersionIsFinal):
        first.delete()
    assert NoticeVersion.objects.get(pk=first.pk).notice["recipients"]
    audit = AuditLog.objects.filter(object_type="transmission.noticeversion").order_by("pk")
    assert [row.after["number"] for row in audit] == [1, 2]


def test_nothing_to_publish_before_a_scan(shop_org):
    with pytest.raises(ValidationError, match="通知を公表する前に"):
        services.publish_notice(shop_org["admin"], shop_org["site"])
