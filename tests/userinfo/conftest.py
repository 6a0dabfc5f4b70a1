import copy

import pytest

from telegov.core import services as actions
from telegov.core.choices import Role
from telegov.userinfo.demo import REGISTER, load_register


@pytest.fixture
def carrier(db, settings, tmp_path):
    """A carrier group with the demo register, an administrator, an editor, a chief manager and a viewer."""
    settings.DATA_DIR = tmp_path
    admin = actions.create_user("kanri", "pw-kanri-123")
    organisation = actions.create_organisation(admin, "架空通信グループ", "kakuu")
    people = {"admin": admin}
    for name, role in (("henshu", Role.EDITOR), ("sekinin", Role.CHIEF_MANAGER), ("etsuran", Role.VIEWER)):
        people[name] = actions.create_user(name, f"pw-{name}-123")
        actions.add_member(admin, organisation, people[name], role)
    load_register(organisation, admin)
    return {"organisation": organisation, "tmp": tmp_path, **people}


@pytest.fixture
def register_document():
    return copy.deepcopy(REGISTER)


@pytest.fixture(autouse=True)
def english_messages():
    """Messages of the actions in English, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("en"):
        yield
