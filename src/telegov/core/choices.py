"""Enumerations of the core domain. Plain enums usable without a configured Django."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered (Art. 9)")
    NOTIFIED = "notified", _("Notified (Art. 16)")
    THIRD_CATEGORY = "third_category", _("Third-category business (Art. 164(1)(iii))")
    NONE = "none", _("Not a telecommunications business")


CARRIER_STATUSES = frozenset({RegistrationStatus.REGISTERED, RegistrationStatus.NOTIFIED})


class ServiceCategory(models.TextChoices):
    """The service categories of the serious-accident thresholds (施行規則 Art. 58)."""

    VOICE_EMERGENCY = "voice_emergency", _("Voice with emergency calls")
    VOICE = "voice", _("Voice without emergency calls")
    LPWA = "lpwa", _("Cellular LPWA")
    FREE_INTERNET = "free_internet", _("Free internet service")
    OTHER = "other", _("Other services")


class TransmissionServiceType(models.TextChoices):
    """The services covered by the external-transmission rule (Act Art. 27-12)."""

    MESSAGING = "messaging", _("Messaging and intermediation")
    SNS_SHARING = "sns_sharing", _("SNS, posting and sharing")
    SEARCH = "search", _("Online search")
    INFORMATION = "information", _("Online information")
    NONE = "none", _("Not covered")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    CHIEF_MANAGER = "chief_manager", _("Chief manager")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")
    AUDITOR = "auditor", _("Auditor")


# Roles that may change an organisation's records.
WRITE_ROLES = frozenset({Role.ADMIN, Role.CHIEF_MANAGER, Role.EDITOR})


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)
