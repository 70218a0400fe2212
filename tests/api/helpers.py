"""Asking the API as a client would, and checking every answer against the API's own description."""

import functools
import re

from django.test import Client
from django.urls import reverse
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse


@functools.cache
def description():
    """The API's OpenAPI description, as /api/schema/ serves it."""
    response = Client().get("/api/schema/")
    assert response.status_code == 200
    return OpenAPI.from_dict(response.json())


def get(client, url, *, status=200, params=None, fresh=False):
    """Ask the API, check the status, and check the answer against the API's description."""
    headers = {"accept": "application/json"}
    if fresh:  # not the answer cached for readers: the one the API renders
        headers["Cache-Control"] = "no-cache"
    response = client.get(url, params, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    description().validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
    return response.json()


def keys(client, url, params=None):
    return [quote["key"] for quote in get(client, url, params=params)["results"]]


def page_keys(client, query):
    response = client.get(f"{reverse('quote_list')}?{query}")
    assert response.status_code == 200
    # The permalinks of the page's cards, in the order readers see them.
    return re.findall(r'class="permalink" href="/q/([^/]+)/"', response.content.decode())
