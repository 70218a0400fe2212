"""Where a client starts: the index of lists, and the API's OpenAPI description."""

import json

import pytest
import yaml
from openapi_spec_validator import validate as validate_spec

from tests.api.helpers import get

pytestmark = pytest.mark.django_db


def test_api_index_links_every_list_and_the_description(client):
    answer = get(client, "/api/")
    assert answer["schema"] == "http://testserver/api/schema/"
    for name in ("quotes", "speakers", "nations", "topics"):
        assert client.get(answer[name]).status_code == 200


def test_api_schema_is_a_valid_openapi_description_in_yaml_and_json(client):
    as_json = client.get("/api/schema/")
    assert as_json.status_code == 200
    assert as_json["Content-Type"] == "application/json"
    as_yaml = client.get("/api/schema/?format=yaml")
    assert as_yaml.status_code == 200
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    spec = yaml.safe_load(as_yaml.content)
    assert spec == json.loads(as_json.content)
    validate_spec(spec)
    assert spec["openapi"].startswith("3.")
    parameters = {p["name"] for p in spec["paths"]["/api/quotes/"]["get"]["parameters"]}
    assert parameters == {
        "nation",
        "speaker",
        "outlet",
        "source",
        "event",
        "topic",
        "stance",
        "kind",
        "verification",
        "lang",
        "said_after",
        "said_before",
        "q",
        "sort",
        "cursor",
    }
