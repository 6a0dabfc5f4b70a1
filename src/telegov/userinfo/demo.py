"""A realistic register for the fictional demo group: items in the four classes, systems in Japanese,
US and Singapore clouds, a contractor in Vietnam with a sub-contractor, and measures in the four classes.
All names are invented."""

from __future__ import annotations

from telegov.userinfo.exchange import FORMAT, import_register

REGISTER = {
    "format": FORMAT,
    "profile": {
        "carrier_name": "架空モバイル株式会社",
        "contact_point": "架空モバイル株式会社 お客さま情報窓口"
                         "（東京都千代田区架空町1-1、privacy@example.jp、0120-000-000）",
        "incident_response": "漏えい等を知ったときは情報セキュリティ委員会が直ちに影響を調査し、"
                             "通信の秘密に係る漏えいは速やかに総合通信局へ報告し、30日以内に詳報を提出する。",
        "assessment_procedure": "統括管理者が毎事業年度、自己評価の要求事項ごとに適合状況と証跡を確認し、"
                                "外国の制度の影響を含むリスクを評価して、結果を情報取扱方針と情報取扱規程に反映する。",
    },
    "vocabulary": [],
    "items": [
        {"key": "message-content", "name": "メッセージ本文", "information_class": "content",
         "data_categories": ["user.content.private"], "purposes": ["essential.service"],
         "method_of_use": "送受信と利用者の端末への配信にのみ用いる。", "third_party_provision": "",
         "secrecy_protected": True, "specified": True},
        {"key": "call-records", "name": "通信履歴（発着信日時・相手方番号）", "information_class": "constituent",
         "data_categories": ["user.telecom.communication_history"],
         "purposes": ["essential.service.payment_processing", "essential.fraud_detection"],
         "method_of_use": "料金計算と不正利用の検知に用いる。", "third_party_provision": "",
         "secrecy_protected": True, "specified": True},
        {"key": "subscriber", "name": "契約者情報（氏名・住所・連絡先）", "information_class": "user_provided",
         "data_categories": ["user.name", "user.contact.address", "user.contact.email", "user.contact.phone_number"],
         "purposes": ["essential.service", "essential.service.payment_processing", "marketing.communications"],
         "method_of_use": "契約の管理、料金の請求、重要なお知らせに用いる。",
         "third_party_provision": "料金の回収のため、決済代行事業者に氏名と請求額を提供する。",
         "secrecy_protected": False, "specified": True},
        {"key": "app-identifiers", "name": "ログインID・クッキーID・端末ID", "information_class": "obtained",
         "data_categories": ["user.account.username", "user.device.cookie_id", "user.device.device_id"],
         "purposes": ["essential.service.security", "analytics.reporting"],
         "method_of_use": "認証、不正ログインの検知、利用状況の統計に用いる。", "third_party_provision": "",
         "secrecy_protected": False, "specified": True},
        {"key": "location", "name": "基地局に基づく位置情報", "information_class": "obtained",
         "data_categories": ["user.location.imprecise"], "purposes": ["essential.service.operations"],
         "method_of_use": "回線の接続と品質管理に用いる。", "third_party_provision": "",
         "secrecy_protected": True, "specified": True},
        {"key": "web-activity", "name": "会員サイトの閲覧・アプリ利用履歴", "information_class": "obtained",
         "data_categories": ["user.behavior.browsing_history", "user.telecom.app_activity"],
         "purposes": ["functional.service.improve", "personalize"],
         "method_of_use": "サービス改善と表示内容の最適化に用いる。", "third_party_provision": "",
         "secrecy_protected": False, "specified": False},
    ],
    "systems": [
        {"key": "core-billing", "name": "料金・顧客管理システム", "facility": "自社 東京第一データセンター",
         "cloud_provider": "", "country": "JP", "region": "東京都", "items": ["subscriber", "call-records"],
         "retention": "契約終了後7年", "deletion_method": "論理削除後、暗号鍵を破棄"},
        {"key": "messaging", "name": "メッセージ配信基盤", "facility": "", "cloud_provider": "架空クラウド東日本",
         "country": "JP", "region": "ap-northeast-1", "items": ["message-content", "location"],
         "retention": "配信後30日", "deletion_method": "自動削除"},
        {"key": "analytics", "name": "利用状況分析基盤", "facility": "", "cloud_provider": "Example Cloud Inc.",
         "country": "US", "region": "us-west-2", "items": ["app-identifiers", "web-activity"],
         "retention": "取得後13か月", "deletion_method": "パーティション単位で削除"},
        {"key": "cdn-logs", "name": "配信ログ保管", "facility": "", "cloud_provider": "Example Edge Pte. Ltd.",
         "country": "SG", "region": "ap-southeast-1", "items": ["app-identifiers"],
         "retention": "90日", "deletion_method": "ライフサイクル規則で削除"},
    ],
    "contractors": [
        {"key": "vn-support", "name": "Example Support Vietnam Co., Ltd.", "parent": None, "country": "VN",
         "tasks": "アプリの問い合わせ対応と運用監視", "items": ["app-identifiers", "subscriber"],
         "systems": ["core-billing", "analytics"], "contract_reference": "業務委託契約 第2024-017号",
         "contract_start": "2024-04-01", "contract_end": "2027-03-31",
         "supervision": [{"reviewed_on": "2026-03-10", "method": "questionnaire",
                          "answers": {"access_control": "実施", "staff_training": "年1回",
                                      "subcontracting": "事前承認制"},
                          "evidence": "委託先点検票2025.pdf", "next_review_on": "2027-03-10", "note": ""}]},
        {"key": "vn-datacentre", "name": "Example Hosting Hanoi JSC", "parent": "vn-support", "country": "VN",
         "tasks": "監視端末の設置場所の提供", "items": [], "systems": [], "contract_reference": "再委託承認 2024-03",
         "contract_start": "2024-04-01", "contract_end": None, "supervision": []},
        {"key": "jp-billing-agent", "name": "架空決済サービス株式会社", "parent": None, "country": "JP",
         "tasks": "料金の収納代行", "items": ["subscriber"], "systems": [], "contract_reference": "収納代行契約",
         "contract_start": "2020-04-01", "contract_end": None,
         "supervision": [{"reviewed_on": "2026-05-20", "method": "documents", "answers": {},
                          "evidence": "ISMS認証書の写し", "next_review_on": "2027-05-20", "note": ""}]},
    ],
    "measures": [
        {"key": "org-committee", "name": "情報セキュリティ委員会", "measure_class": "organisational",
         "description": "統括管理者を委員長とする委員会が四半期ごとに取扱状況を確認する。", "items": [], "systems": [],
         "owner": "統括管理者", "evidence": "委員会議事録"},
        {"key": "staff-training", "name": "従業者への教育と誓約", "measure_class": "personnel",
         "description": "通信の秘密と利用者情報の取扱いについて年1回の研修と誓約書の提出を求める。",
         "items": ["message-content", "call-records"], "systems": [], "owner": "人事部長", "evidence": "受講記録"},
        {"key": "dc-entry", "name": "データセンターの入退室管理", "measure_class": "physical",
         "description": "生体認証と監視カメラで入退室を管理し、記録を1年保存する。", "items": [],
         "systems": ["core-billing"], "owner": "設備部長", "evidence": "入退室記録"},
        {"key": "encryption", "name": "暗号化とアクセス制御", "measure_class": "technical",
         "description": "保存時と通信時に暗号化し、特権アクセスは多要素認証と操作記録で管理する。",
         "items": ["message-content", "subscriber", "app-identifiers"],
         "systems": ["core-billing", "messaging", "analytics", "cdn-logs"], "owner": "情報システム部長",
         "evidence": "設定監査報告"},
    ],
}


def load_register(organisation, user) -> dict[str, int]:
    return import_register(user, organisation, REGISTER)
