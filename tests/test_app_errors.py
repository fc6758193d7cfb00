"""Every error is an RFC 9457 problem document: 400, 404, 405, 413, 415, 422, 500, 503. Never HTML."""

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from service.app import create_app
from service.jsonvalues import loads

TCK = Path(__file__).resolve().parents[2] / "shared" / "dmn-tck" / "compliance-level-2"
APPROVAL = "_3b2953a3-745f-4d2e-b55d-75c8c5ae653c"  # decision "Approval Status" of 0004

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tck")
    for name in ("0004-simpletable-U", "0008-LX-arithmetic", "0003-input-data-string-allowed-values"):
        shutil.copy(TCK / name / f"{name}.dmn", folder)
    return create_app(folder, config={"MAX_CONTENT_LENGTH": 200}).test_client()


def problem(response, status):
    assert response.status_code == status, response.data
    assert response.mimetype == PROBLEM
    text = response.get_data(as_text=True)
    assert "<html" not in text.lower() and "Traceback" not in text
    body = loads(text)
    assert body["status"] == status
    assert {"type", "title", "detail"} <= set(body)
    return body


def evaluate(client, decision=APPROVAL, **kwargs):
    return client.post(f"/decisions/{decision}/evaluate", **kwargs)


def test_400_malformed_json_says_where(client):
    body = problem(evaluate(client, data='{"Age": 18,,}', content_type="application/json"), 400)
    assert body["detail"] == "The body is not valid JSON: Expecting property name enclosed in double quotes" \
                             " at line 1 column 12."


def test_400_empty_body(client):
    problem(evaluate(client, data="", content_type="application/json"), 400)


def test_404_unknown_route_decision_and_model(client):
    assert problem(client.get("/nowhere"), 404)["detail"] == "There is nothing at /nowhere."
    assert "No decision 'nope'" in problem(client.get("/decisions/nope"), 404)["detail"]
    problem(evaluate(client, decision="nope", json={}), 404)
    assert "No model named 'nope'" in problem(client.get("/models/nope/dmn"), 404)["detail"]


def test_405_names_the_allowed_methods(client):
    response = client.delete("/decisions")
    body = problem(response, 405)
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert body["detail"] == "DELETE is not allowed on /decisions; allowed: GET, HEAD, OPTIONS."
    problem(client.get(f"/decisions/{APPROVAL}/evaluate"), 405)


def test_413_body_past_the_configured_limit(client):
    body = problem(evaluate(client, data='{"Age": 1' + " " * 300 + "}", content_type="application/json"), 413)
    assert body["detail"] == "The body is larger than the limit of 200 bytes."


def test_415_not_json(client):
    body = problem(evaluate(client, data="Age=18", content_type="application/x-www-form-urlencoded"), 415)
    assert "application/x-www-form-urlencoded" in body["detail"]
    problem(evaluate(client, data='{"Age": 18}'), 415)  # no content type at all


def test_422_lists_every_bad_field_with_its_path(client):
    body = problem(evaluate(client, json={"Age": "old", "RiskCategory": "Extreme", "isAffordable": "yes",
                                          "Colour": "red"}), 422)
    assert body["type"] == "/problems/validation"
    assert body["detail"] == "4 fields are invalid"
    assert sorted(body["errors"], key=lambda e: e["path"]) == [
        {"path": "Age", "message": "Not a valid number."},
        {"path": "Colour", "message": "Unknown field."},
        {"path": "RiskCategory", "message": 'Must be one of: "High", "Low", "Medium".'},
        {"path": "isAffordable", "message": "Not a boolean: use true or false."},
    ]


def test_422_nested_structure_paths(client):
    body = problem(evaluate(client, decision="payment", json={"loan": {"principal": "a lot", "rate": 0.01,
                                                                      "term": 12}}), 422)
    assert body["errors"] == [
        {"path": "loan.principal", "message": "Not a valid number."},
        {"path": "loan.term", "message": "Unknown field."},
    ]


def test_422_item_definition_allowed_values(client):
    body = problem(evaluate(client, decision="d_EmploymentStatusStatement",
                            json={"Employment Status": "RETIRED"}), 422)
    message = 'Must be one of: "UNEMPLOYED", "EMPLOYED", "SELF-EMPLOYED", "STUDENT".'
    assert body["errors"] == [{"path": "Employment Status", "message": message}]


def test_422_body_not_an_object(client):
    body = problem(evaluate(client, json=[1, 2]), 422)
    assert body["errors"] == [{"path": "", "message": "Must be a JSON object."}]


def test_422_bad_query_parameter(client):
    body = problem(evaluate(client, query_string={"strict": "perhaps"}, json={}), 422)
    assert body["errors"][0]["path"] == "query.strict"


class Exploding:
    name, namespace, file, sha256, xml = "Exploding", "urn:x", "exploding.dmn", "0" * 64, b"<definitions/>"
    definitions = None
    decisions = [SimpleNamespace(id="boom", name="boom", kind="literal", inputs=[], output_type=None)]

    def evaluate(self, decision, inputs, strict=False):
        raise RuntimeError("secret internals /etc/passwd")


def test_500_shows_no_internals():
    client = create_app(models={"Exploding": Exploding()}).test_client()
    body = problem(client.post("/decisions/boom/evaluate", json={}), 500)
    assert body["detail"] == "The service failed to answer; the error has been logged."
    assert "secret" not in str(body)


def test_503_when_no_models_or_no_domain_model():
    client = create_app(models={}).test_client()
    problem(client.get("/ready"), 503)
    case = {"incapacityStartDate": "2026-01-10", "referenceDate": "2026-02-01", "monthlyContributions": [500]}
    body = problem(client.post("/benefits/ossom", json=case), 503)
    assert "ossom-allowance.dmn" in body["detail"]


def test_broken_folder_fails_to_load(tmp_path):
    from service.dmn import LoadError

    (tmp_path / "broken.dmn").write_text("<definitions")
    with pytest.raises(LoadError):
        create_app(Path(tmp_path))


def test_400_nesting_too_deep(client):
    deep = '{"Age":' + "[" * 90 + "]" * 90 + "}"
    body = problem(evaluate(client, data=deep, content_type="application/json"), 400)
    assert "nested more than 64 deep" in body["detail"]
