from telegov.disclosure.models.components import Component
from telegov.disclosure.models.incidents import IncidentUpdate, Maintenance, StatusIncident
from telegov.disclosure.models.subscribers import Delivery, Subscriber

__all__ = ["Component", "Delivery", "IncidentUpdate", "Maintenance", "StatusIncident", "Subscriber"]
