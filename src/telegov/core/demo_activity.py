"""The demo group's activity: a status page with a past outage, an accident record, a site to scan.

Dates are relative to the day the demo is loaded, so the first start always shows recent history.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from telegov.core.models import Operator, Organisation
from telegov.disclosure import services as status_actions
from telegov.incidents.services import open_incident
from telegov.transmission.services import create_site

STATUS_REGIONS = ["関東", "関西"]


def load_activity(organisation: Organisation, user) -> None:
    mobile = Operator.objects.get(organisation=organisation, name="架空モバイル株式会社")
    isp = Operator.objects.get(organisation=organisation, name="架空ネット株式会社")
    news = Operator.objects.get(organisation=organisation, name="架空ニュース株式会社")
    now = timezone.now()

    components = [
        status_actions.create_component(user, organisation, name=service.name, region=region, service=service,
                                        position=index)
        for index, (service, region) in enumerate(
            (service, region) for service in mobile.services.order_by("name") for region in STATUS_REGIONS
        )
    ]
    started = now - timedelta(days=3, hours=2)
    past = status_actions.create_incident(
        user, organisation, title="関東の一部でデータ通信がつながりにくい状況", impact="minor", started_at=started,
        components=[c for c in components if c.region == "関東"][:1], component_status="degraded_performance",
        affected_prefectures=["東京都", "神奈川県"],
    )
    status_actions.post_update(user, past, status="resolved", posted_at=started + timedelta(hours=1, minutes=40))

    outage_start = now - timedelta(days=12, hours=5)
    open_incident(
        user, isp, name="DSLAM故障による光インターネットの通信断", kind="outage", service_category="other",
        facility_class="dslam", affected_users=1200, started_at=outage_start,
        ended_at=outage_start + timedelta(hours=2, minutes=30), detected_at=outage_start + timedelta(minutes=4),
        facility_owner="own", facility_location="東京都港区 架空ネット芝局",
        affected_service="光インターネット接続サービス",
        affected_area="東京都港区の一部", cause_description="収容装置（DSLAM）の電源ユニット故障",
        measures_taken="予備の電源ユニットに交換し復旧", prevention_measures="同型装置の電源ユニットを前倒しで更改",
    )

    create_site(user, organisation, name="架空ニュース", slug="kaku-news", start_urls=["https://news.example.jp/"],
                operator_name=news.name, service=news.services.first(), max_pages=30)
