import pytest
from django.test import Client

from telegov.core import services as actions
from telegov.core.choices import Role
from telegov.core.models import ApiToken


class TokenClient(Client):
    """A test client that authenticates every request with an API token."""

    def __init__(self, user, **kwargs):
        super().__init__(**kwargs)
        _, key = ApiToken.issue(user, "tests")
        self.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"


@pytest.fixture
def tenants(db):
    alice = actions.create_user("alice", "pw-alice-123")
    bob = actions.create_user("bob", "pw-bob-123")
    vera = actions.create_user("vera", "pw-vera-123")
    org_a = actions.create_organisation(alice, "A通信", "a-tsushin")
    org_b = actions.create_organisation(bob, "B通信", "b-tsushin")
    actions.add_member(alice, org_a, vera, Role.VIEWER)
    op_a = actions.create_operator(alice, org_a, name="A回線", registration_status="notified", users_prev_fy=40000)
    op_b = actions.create_operator(bob, org_b, name="B回線", registration_status="registered", users_prev_fy=10)
    svc_a = actions.create_service(alice, op_a, name="A光", category="other", paid=True, users=1000)
    svc_b = actions.create_service(bob, op_b, name="B光", category="other", paid=True, users=2000)
    return {
        "alice": TokenClient(alice), "bob": TokenClient(bob), "vera": TokenClient(vera), "anonymous": Client(),
        "org_a": org_a, "org_b": org_b, "op_a": op_a, "op_b": op_b, "svc_a": svc_a, "svc_b": svc_b,
    }
