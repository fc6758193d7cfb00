"""``service.api.domain.evaluate_document``: a case evaluated without HTTP, with the answer or the problem
document the endpoint gives (the endpoint calls the same function)."""

from decimal import Decimal

from service.api.domain import evaluate_document
from service.api.registry import Registry
from service.app import DEFAULT_DECISIONS_DIR, create_app
from service.jsonvalues import loads

CASE = {"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
        "grossDailyWage": Decimal(150), "workedDaysLast12Months": Decimal(200),
        "household": {"livesAlone": True, "dependentChildren": Decimal(0)}}


def test_answer_without_http_equals_the_endpoint():
    registry = Registry.load(DEFAULT_DECISIONS_DIR)
    status, answer = evaluate_document("inami", CASE, registry)
    assert status == 200
    assert answer["dailyAmount"] == Decimal("90.00")  # RULES.md §5: 0.60 x 150
    assert answer["familyCategory"] == "isolated"  # §1 row 2: lives alone, no dependent children
    over_http = loads(create_app(models=registry.models).test_client().post("/benefits/inami", json={
        **CASE, "grossDailyWage": 150, "workedDaysLast12Months": 200}).data)
    assert loads(create_app().json.dumps(answer)) == over_http


def test_problems_without_http():
    registry = Registry.load(DEFAULT_DECISIONS_DIR)
    status, problem = evaluate_document("inami", {**CASE, "household": {"livesAlone": "yes"}}, registry)
    assert status == 422 and problem["errors"] == [{"path": "household.livesAlone",
                                                     "message": "Not a boolean: use true or false."}]
    status, problem = evaluate_document("ossom", {"incapacityStartDate": "2026-01-15",
                                                  "referenceDate": "2026-03-20", "monthlyContributions": [100]},
                                        Registry({}))
    assert status == 503 and problem["type"] == "/problems/not-ready"
