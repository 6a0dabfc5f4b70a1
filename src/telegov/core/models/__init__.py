from telegov.core.models.audit import AuditLog
from telegov.core.models.operators import Operator, Service
from telegov.core.models.organisations import ApiToken, Membership, Organisation

__all__ = ["ApiToken", "AuditLog", "Membership", "Operator", "Organisation", "Service"]
