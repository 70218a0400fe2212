"""Bad input: a 400 in JSON that names the parameter it could not read."""

import pytest

from tests.api.helpers import get
from tests.helpers import (
    make_nation,
    make_quote,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("said_after=yesterday-ish", "said_after"),
        ("said_before=2025-02-30", "said_before"),
        ("nation=zz", "nation"),
        ("nation=de&nation=zz", "nation"),
        ("kind=rumour", "kind"),
        ("lang=xx", "lang"),
        ("stance=furious", "stance"),
        ("topic=nothing", "topic"),
        ("speaker=nobody", "speaker"),
        ("source=nokey", "source"),
        ("outlet=nowhere", "outlet"),
        ("sort=loudest", "sort"),
        ("q=" + "word " * 100, "q"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=cD0lMDA%3D", "cursor"),  # p=%00
        ("cursor=cD1bIm5vdC1hLWRhdGUiLCAxXQ%3D%3D", "cursor"),  # p=["not-a-date", 1]
        ("cursor=cD1bIjIwMjUtMDItMTciXQ%3D%3D", "cursor"),  # p=["2025-02-17"]
        ("cursor=bz01JnA9MQ%3D%3D", "cursor"),  # o=5&p=1
    ],
)
def test_api_bad_filter_values_are_a_400_that_names_the_parameter(client, query, parameter):
    make_nation(code="de", name="Germany")
    make_quote()
    answer = get(client, f"/api/quotes/?{query}", status=400)
    assert parameter in answer["detail"]
    assert list(answer["errors"]) == [parameter]
    assert answer["errors"][parameter][0]


@pytest.mark.parametrize("query", ["speaker=%00", "nation=%00", "source=%00", "q=%00"])
def test_api_nul_bytes_are_a_400(client, query):
    # Refused for the whole site by RejectNulBytesMiddleware, before the API reads them.
    make_quote()
    assert client.get(f"/api/quotes/?{query}").status_code == 400


def test_nul_bytes_get_a_json_400_from_the_api(client):
    response = client.get("/api/quotes/?speaker=%00")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "URLs cannot contain NUL bytes.",
        "errors": {"speaker": ["URLs cannot contain NUL bytes."]},
    }
