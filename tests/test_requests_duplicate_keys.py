"""A key given twice in one JSON object is a 400 naming the key (never silently the last value)."""

import json

import pytest

from service.app import create_app
from service.jsonvalues import JsonSyntaxError, loads


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def test_loads_names_the_key():
    with pytest.raises(JsonSyntaxError, match='the key "status" is given twice'):
        loads('{"status": "employee", "status": "unemployed"}')
    with pytest.raises(JsonSyntaxError, match='the key "livesAlone" is given twice'):
        loads('{"household": {"livesAlone": true, "livesAlone": false}}')
    assert loads('[{"a": 1}, {"a": 2}]') == [{"a": 1}, {"a": 2}]  # the same key in two objects is fine


@pytest.mark.parametrize("path", ["/benefits/inami", "/benefits/ossom", "/decisions/familyCategory/evaluate"])
def test_duplicate_key_is_a_400(client, path):
    response = client.post(path, data=b'{"household": {"livesAlone": true, "livesAlone": false}}',
                           content_type="application/json")
    assert response.status_code == 400
    problem = json.loads(response.data)
    assert problem["type"] == "/problems/malformed-json"
    assert '"livesAlone"' in problem["detail"]
