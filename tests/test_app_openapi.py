"""The OpenAPI document is generated from the schemas and describes the contract of API.md."""

import re

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
    # a number, or its text without a sign: API.md (v2) makes a wage above 100,000 implausible, so the text is
    # a number from 0 to 100000
    wage = props["grossDailyWage"]["anyOf"]
    assert wage[0] == {"type": "number", "nullable": True, "minimum": 0, "maximum": 100000}
    assert wage[1]["type"] == "string"
    assert re.fullmatch(wage[1]["pattern"], "150.50") and re.fullmatch(wage[1]["pattern"], "100000.00")
    assert not re.fullmatch(wage[1]["pattern"], "100000.01") and not re.fullmatch(wage[1]["pattern"], "1_000")
    assert props["earningCapacityReduction"]["anyOf"][0]["maximum"] == 100
    assert props["earningCapacityReduction"]["anyOf"][1]["pattern"] == "^(?:100(?:\\.0+)?|[1-9]?[0-9](?:\\.[0-9]+)?)$"
    worked = props["workedDaysLast12Months"]["anyOf"]
    assert worked[0]["type"] == "integer" and worked[0]["maximum"] == 366
    assert re.fullmatch(worked[1]["pattern"], "366") and not re.fullmatch(worked[1]["pattern"], "367")
    assert props["incapacityStartDate"]["type"] == "string" and props["incapacityStartDate"]["format"] == "date"
    # API.md (v2): a date before 1900 or after 2200 is not plausible
    assert props["incapacityStartDate"]["pattern"].startswith("^(?:19[0-9]{2}|20[0-9]{2}|21[0-9]{2}|2200)-")
    assert props["incapacityStartDate"]["x-minimum"] == "1900-01-01"
    assert props["invalidityRecognition"]["enum"] == ["recognised", "pending", "refused"]
    household = spec["components"]["schemas"]["Household"]
    # RULES §1 (v2): a missing household field is a manual review naming it, not a 422
    assert "required" not in household and "anyOf" not in household
    # the rules between fields: what the status needs, a period given whole
    assert {"properties": {"grossDailyWage": {"not": {"enum": [None]}}}, "required": ["grossDailyWage"]} in [
        rule["anyOf"][1] for rule in schema["allOf"]]
    assert {"properties": {"periodStart": {"not": {"enum": [None]}}, "periodEnd": {"not": {"enum": [None]}}},
            "required": ["periodStart", "periodEnd"]} in [rule["anyOf"][0] for rule in schema["allOf"]]
    # a nullable nested object is that object or null, not any object
    assert props["selfEmployed"]["anyOf"][1] == {"type": "object", "nullable": True, "enum": [None]}


def test_ossom_request_schema(spec):
    schema = spec["components"]["schemas"]["OssomRequest"]
    assert sorted(schema["required"]) == ["incapacityStartDate", "monthlyContributions", "referenceDate"]
    contributions = schema["properties"]["monthlyContributions"]
    assert contributions["type"] == "array" and contributions["minItems"] == 1
    assert contributions["items"]["anyOf"][0] == {"type": "number", "minimum": 0, "maximum": 100000}  # API.md v2
    # ISO 3166 alpha-2 codes only, in either case
    nationality = schema["properties"]["nationality"]["pattern"]
    assert re.fullmatch(nationality, "BE") and re.fullmatch(nationality, "be") and not re.fullmatch(nationality, "UK")


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
