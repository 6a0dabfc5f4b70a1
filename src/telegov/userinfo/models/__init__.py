from telegov.userinfo.models.assessment import Action, AssessmentCycle, RequirementAnswer, Risk
from telegov.userinfo.models.documents import ChiefManagerAppointment, DocumentVersion, ReleasedVersionError
from telegov.userinfo.models.register import (
    Contractor,
    HandlingProfile,
    InformationItem,
    SafetyMeasure,
    SupervisionRecord,
    System,
    VocabularyTerm,
)

__all__ = [
    "Action", "AssessmentCycle", "ChiefManagerAppointment", "Contractor", "DocumentVersion", "HandlingProfile",
    "InformationItem", "ReleasedVersionError", "RequirementAnswer", "Risk", "SafetyMeasure", "SupervisionRecord",
    "System", "VocabularyTerm",
]
