"""The generic endpoints on TCK models (compliance level 2), values from the TCK's expected results."""

import hashlib
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from service.app import create_app
from service.jsonvalues import loads

TCK = Path(__file__).resolve().parents[2] / "shared" / "dmn-tck" / "compliance-level-2"  # ../shared
MODELS = ["0003-input-data-string-allowed-values", "0004-simpletable-U", "0008-LX-arithmetic"]
APPROVAL = "_3b2953a3-745f-4d2e-b55d-75c8c5ae653c"  # decision "Approval Status" of 0004


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tck")
    for name in MODELS:
        shutil.copy(TCK / name / f"{name}.dmn", folder)
    return folder


@pytest.fixture(scope="module")
def client(folder):
    return create_app(folder).test_client()


def body(response):
    return loads(response.data)


def test_health_and_ready(client):
    assert body(client.get("/health")) == {"status": "ok"}
    ready = client.get("/ready")
    assert ready.status_code == 200 and body(ready)["models"] == 3


def test_models_name_their_file_and_hash(client, folder):
    models = {m["name"]: m for m in body(client.get("/models"))}
    assert set(models) == set(MODELS)
    simple = models["0004-simpletable-U"]
    assert simple["file"] == "0004-simpletable-U.dmn"
    assert simple["sha256"] == hashlib.sha256((folder / "0004-simpletable-U.dmn").read_bytes()).hexdigest()
    assert simple["decisions"] == [APPROVAL]
    assert simple["namespace"] == "http://www.trisotech.com/definitions/_edbd2d8e-a5a8-4660-9bb9-adaa792d900c"


def test_model_xml_is_returned_as_loaded(client, folder):
    response = client.get("/models/0004-simpletable-U/dmn")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.data == (folder / "0004-simpletable-U.dmn").read_bytes()
    assert client.get("/models/0004-simpletable-U.dmn/dmn").data == response.data


def test_decisions_list_kinds_inputs_and_types(client):
    decisions = {d["name"]: d for d in body(client.get("/decisions"))}
    approval = decisions["Approval Status"]
    assert approval["id"] == APPROVAL
    assert approval["kind"] == "table"
    assert approval["model"] == "0004-simpletable-U"
    assert approval["outputType"] == "string"
    assert sorted((i["name"], i["type"]) for i in approval["inputs"]) == [
        ("Age", "number"), ("RiskCategory", "string"), ("isAffordable", "boolean")]
    assert decisions["payment"]["kind"] == "literal"
    assert body(client.get(f"/decisions/{APPROVAL}")) == approval
    assert body(client.get("/decisions/Approval Status")) == approval  # by name too


@pytest.mark.parametrize("age, expected", [(18, "Approved"), (17, "Declined")])  # TCK 0004 cases 001, 002
def test_evaluate_a_table(client, age, expected):
    response = client.post(f"/decisions/{APPROVAL}/evaluate",
                           json={"Age": age, "RiskCategory": "Medium", "isAffordable": True})
    assert response.status_code == 200, response.data
    answer = body(response)
    assert answer["decision"] == APPROVAL
    assert answer["result"] == expected
    assert answer["model"]["name"] == "0004-simpletable-U"
    assert len(answer["model"]["sha256"]) == 64
    [step] = answer["evaluatedDecisions"]
    assert step["decisionId"] == APPROVAL and step["decisionName"] == "Approval Status"
    assert step["result"] == expected
    # rule 1 is ">=18, Medium/Low, true -> Approved"; rule 2 "<18, Medium/Low, true -> Declined"
    assert [r["ruleIndex"] for r in step["matchedRules"]] == [1 if expected == "Approved" else 2]
    assert answer["messages"] == []


def test_evaluate_a_literal_with_allowed_values(client):
    response = client.post("/decisions/d_EmploymentStatusStatement/evaluate",
                           json={"Employment Status": "EMPLOYED"})
    assert body(response)["result"] == "You are EMPLOYED"  # TCK 0003 case 001


def test_evaluate_a_structure(client):
    response = client.post("/decisions/payment/evaluate",
                           json={"loan": {"principal": 600000, "rate": 0.0375, "termMonths": 360}})
    result = body(response)["result"]
    assert type(result) is Decimal
    assert abs(result - Decimal("2778.69354943277")) < Decimal("1e-10")  # TCK 0008 case 001


def test_numbers_come_back_exact(client):
    response = client.post("/decisions/payment/evaluate",
                           json={"loan": {"principal": 30000, "rate": 0.0475, "termMonths": 60}})
    text = response.get_data(as_text=True)
    assert '"result":562.7' in text  # a JSON number, not a string (TCK 0008 case 002: 562.707359373292)
    assert abs(body(response)["result"] - Decimal("562.707359373292")) < Decimal("1e-10")


def test_a_table_matching_no_rule_gives_null_unless_strict(client):
    inputs = {"Age": 18, "RiskCategory": "Medium", "isAffordable": None}
    lax = client.post(f"/decisions/{APPROVAL}/evaluate", json=inputs)
    assert lax.status_code == 200 and body(lax)["result"] is None
    strict = client.post(f"/decisions/{APPROVAL}/evaluate?strict=true", json=inputs)
    assert strict.status_code == 422
    problem = body(strict)
    assert strict.mimetype == "application/problem+json"
    assert problem["type"] == "/problems/undecidable"
    assert "Approval Status" in problem["detail"] and "isAffordable = null" in problem["detail"]
    assert problem["decision"] == APPROVAL
    assert problem["model"]["name"] == "0004-simpletable-U"
    assert isinstance(problem["evaluatedDecisions"], list)


def test_missing_inputs_are_null(client):
    response = client.post(f"/decisions/{APPROVAL}/evaluate", json={"Age": 18, "RiskCategory": "High"})
    assert response.status_code == 200 and body(response)["result"] is None


def test_cli_style_model_choice_by_query(client):
    response = client.get(f"/decisions/{APPROVAL}?model=0003-input-data-string-allowed-values")
    assert response.status_code == 404
    assert client.get(f"/decisions/{APPROVAL}?model=0004-simpletable-U").status_code == 200
