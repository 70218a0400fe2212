import pytest

from tests.helpers import make_chief_editor, make_editor


@pytest.fixture
def editor(db):
    return make_editor(username="editor")


@pytest.fixture
def chief_editor(db):
    return make_chief_editor(username="chief")
