"""A lone surrogate in a key or a value never reaches a 500: the problem document escapes it (JSON allows
``\\udfff`` as an escape; UTF-8 cannot encode the character itself)."""

import json

import pytest

from service.app import create_app

PATHS = ["/benefits/inami", "/benefits/ossom", "/decisions/familyCategory/evaluate"]


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


@pytest.mark.parametrize("path", PATHS)
def test_surrogate_key_is_an_escaped_unknown_field(client, path):
    response = client.post(path, data=b'{"\\udfff": 1}', content_type="application/json")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    text = response.data.decode("utf-8")  # valid UTF-8
    assert "\\udfff" in text
    errors = json.loads(text)["errors"]
    assert {"path": "\udfff", "message": "Unknown field."} in errors


@pytest.mark.parametrize("path", PATHS)
def test_surrogate_value_and_other_scripts(client, path):
    body = '{"status": "\\ud800x", "household": {"livesAlone": "\\udc00 ≥ é"}}'.encode()
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code in (404, 422)
    json.loads(response.data.decode("utf-8"))


def test_unpaired_surrogate_in_a_generic_result_is_escaped(client):
    # a string input echoed in no answer still must not break the answer's encoding
    response = client.post("/decisions/familyCategory/evaluate",
                           data=b'{"household": {"livesAlone": true, "x\\udfff": 1}}',
                           content_type="application/json")
    assert response.status_code == 422
    assert "\\udfff" in response.data.decode("utf-8")
