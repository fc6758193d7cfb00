"""The OpenAPI document is generated from the schemas and describes the contract of API.md."""

import pytest

from service.app import create_app
from service.jsonvalues import loads


@pytest.fixture(scope="module")
def spec():
    response = create_app(models={}).test_client().get("/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return loads(response.data)


def test_every_endpoint_of_api_md(spec):
    assert spec["openapi"].startswith("3.")
    paths = {path: set(ops) for path, ops in spec["paths"].items()}
    assert paths == {
        "/health": {"get"},
        "/ready": {"get"},
        "/models": {"get"},
        "/models/{name}/dmn": {"get", "parameters"},
        "/decisions": {"get"},
        "/decisions/{decision_id}": {"get", "parameters"},
        "/decisions/{decision_id}/evaluate": {"post", "parameters"},
        "/benefits/inami": {"post"},
        "/benefits/ossom": {"post"},
    }


def test_model_xml_is_documented_as_xml(spec):
    assert "application/xml" in spec["paths"]["/models/{name}/dmn"]["get"]["responses"]["200"]["content"]


def test_inami_request_schema(spec):
    body = spec["paths"]["/benefits/inami"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/InamiRequest"}
    schema = spec["components"]["schemas"]["InamiRequest"]
    assert sorted(schema["required"]) == ["household", "incapacityStartDate", "referenceDate", "status"]
    props = schema["properties"]
    assert props["status"]["enum"] == ["employee", "blue-collar", "unemployed", "self-employed"]
    assert props["cause"]["enum"] == ["illness", "accident", "work-accident", "occupational-disease"]
    assert props["cause"]["default"] == "illness"
    assert props["regularWorker"] == {"type": "boolean", "default": True}
    # a number, or its text without a sign: the field's values are at least 0
    assert props["grossDailyWage"]["anyOf"] == [
        {"type": "number", "nullable": True, "minimum": 0},
        {"type": "string", "pattern": "^(?:0|[1-9][0-9]{0,33})(?:\\.[0-9]+)?$"}]
    assert props["earningCapacityReduction"]["anyOf"][0]["maximum"] == 100
    assert props["earningCapacityReduction"]["anyOf"][1]["pattern"] == "^(?:100(?:\\.0+)?|[1-9]?[0-9](?:\\.[0-9]+)?)$"
    assert props["workedDaysLast12Months"]["anyOf"][0]["type"] == "integer"
    assert props["incapacityStartDate"]["type"] == "string" and props["incapacityStartDate"]["format"] == "date"
    assert props["incapacityStartDate"]["pattern"].startswith("^(?:[1-9][0-9]{3}|")
    household = spec["components"]["schemas"]["Household"]
    assert household["required"] == ["livesAlone"]
    # the rules between fields: incomes needed by a household without children, what the status needs
    assert len(household["anyOf"]) == 3 and household["anyOf"][0] == {"properties": {"livesAlone": {"enum": [True]}}}
    assert {"properties": {"grossDailyWage": {"not": {"enum": [None]}}}, "required": ["grossDailyWage"]} in [
        rule["anyOf"][1] for rule in schema["allOf"]]
    # a nullable nested object is that object or null, not any object
    assert props["selfEmployed"]["anyOf"][1] == {"type": "object", "nullable": True, "enum": [None]}


def test_ossom_request_schema(spec):
    schema = spec["components"]["schemas"]["OssomRequest"]
    assert sorted(schema["required"]) == ["incapacityStartDate", "monthlyContributions", "referenceDate"]
    contributions = schema["properties"]["monthlyContributions"]
    assert contributions["type"] == "array" and contributions["minItems"] == 1
    assert contributions["items"]["anyOf"][0] == {"type": "number", "minimum": 0}
    assert schema["properties"]["nationality"]["pattern"] == "^[A-Za-z]{2}$"


def test_answers_carry_model_and_trace(spec):
    schemas = spec["components"]["schemas"]
    for name in ("EvaluationResponse", "InamiResponse", "OssomResponse"):
        assert {"model", "evaluatedDecisions"} <= set(schemas[name]["properties"]), name
    assert schemas["ModelRef"]["required"] == ["name", "sha256"]
    inami = schemas["InamiResponse"]["properties"]
    for field in ("covered", "coveredBy", "eligible", "reasons", "incapacityMonth", "phase", "familyCategory",
                  "rate", "ceiling", "cappedDailyWage", "minimumDailyAmount", "dailyAmount", "basis",
                  "declarationDeadline", "lateDeclaration", "month"):
        assert field in inami, field
    ossom = schemas["OssomResponse"]["properties"]
    for field in ("eligible", "reasons", "averageContribution", "incapacityMonth", "monthlyAllowance",
                  "payableAmount", "reviewFlags"):
        assert field in ossom, field


def test_errors_are_problem_documents(spec):
    problem = spec["components"]["schemas"]["Problem"]
    assert sorted(problem["required"]) == ["status", "title", "type"]
    assert "errors" in problem["properties"]
    unprocessable = spec["components"]["responses"]["UNPROCESSABLE_ENTITY"]
    problem_ref = {"schema": {"$ref": "#/components/schemas/Problem"}}
    assert unprocessable["content"] == {"application/problem+json": problem_ref}
    inami = spec["paths"]["/benefits/inami"]["post"]["responses"]
    assert inami["422"] == {"$ref": "#/components/responses/UNPROCESSABLE_ENTITY"}
