"""The notice a user reads: what, since when in JST, where, what to do instead, when we tell more."""

from telegov.core.choices import PREFECTURES
from telegov.disclosure.notices import NoticeFacts, moment, write_notice
from telegov.disclosure.workarounds import suggested, workarounds

from .conftest import jst

OUTAGE = NoticeFacts(
    title="音声通話の障害",
    status="investigating",
    started_at=jst(2026, 11, 26, 19, 30),
    components=[("携帯電話（音声）（関東）", "partial_outage")],
    affected_prefectures=["千葉県", "東京都", "神奈川県"],
    workarounds=["disaster_message_171", "wifi_00000japan"],
    next_update_at=jst(2026, 11, 26, 21, 0),
)


def test_japanese_notice_says_what_since_when_where_what_to_do_and_when_next():
    text = write_notice(OUTAGE, "ja")
    assert "11月26日 19時30分ごろから、一部のお客さまで携帯電話（音声）（関東）がご利用できない状況" in text
    # Prefectures in the usual north-to-south order, not in the order they were ticked.
    assert "影響地域：千葉県、東京都、神奈川県" in text
    assert "災害用伝言ダイヤル（171）" in text and "web171" in text
    assert "00000JAPAN" in text
    assert "次回の更新は11月26日 21時00分ごろの予定です。" in text
    assert "原因を調査しています" in text


def test_english_notice():
    text = write_notice(OUTAGE, "en")
    assert "Since around 19:30 JST on 26 November, some customers cannot use 携帯電話（音声）（関東）." in text
    assert "Affected prefectures: 千葉県, 東京都, 神奈川県" in text
    assert "web171" in text
    assert "The next update is planned for around 21:00 JST on 26 November." in text


def test_partly_recovered_lists_both_and_utc_times_are_told_in_jst():
    facts = NoticeFacts(
        title="t", status="monitoring", started_at=jst(2026, 11, 26, 19, 30).astimezone(tz=None),
        components=[("光回線", "degraded_performance")],
        affected_prefectures=["東京都", "神奈川県"], recovered_prefectures=["東京都"],
    )
    text = write_notice(facts, "ja")
    assert "影響が続いている地域：神奈川県" in text
    assert "復旧した地域：東京都" in text
    assert "ご利用しづらい" in text
    assert "次回の更新" not in text


def test_resolved_notice_names_the_recovery_time_and_drops_workarounds():
    facts = NoticeFacts(
        title="t", status="resolved", started_at=jst(2026, 11, 26, 19, 30), resolved_at=jst(2026, 11, 27, 1, 5),
        components=[("携帯電話（音声）", "operational")], affected_prefectures=list(PREFECTURES),
        recovered_prefectures=list(PREFECTURES), workarounds=["disaster_message_171"],
    )
    text = write_notice(facts, "ja")
    assert "11月26日 19時30分ごろから発生していた携帯電話（音声）の障害は、11月27日 1時05分ごろに復旧しました。" in text
    assert "影響地域：全国" in text
    assert "171" not in text


def test_moment_is_in_tokyo_time():
    from datetime import UTC, datetime

    assert moment(datetime(2026, 11, 26, 10, 30, tzinfo=UTC), "ja") == "11月26日 19時30分ごろ"


def test_workarounds_are_data_and_suggested_by_service_category_and_impact():
    assert {"disaster_message_171", "wifi_00000japan", "public_phone"} <= set(workarounds())
    assert "disaster_message_171" in suggested({"voice_emergency"}, "major")
    assert "wifi_00000japan" not in suggested({"voice_emergency"}, "major")
    assert "wifi_00000japan" in suggested({"free_internet"}, "critical")
    assert suggested({"voice"}, "minor") == []
