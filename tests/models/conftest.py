import pytest

from tests.helpers import make_nation


@pytest.fixture
def germany(db):
    return make_nation(code="de", name="Germany")


@pytest.fixture
def france(db):
    return make_nation(code="fr", name="France")
