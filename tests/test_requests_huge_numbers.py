"""A number outside decimal128's range (FEEL's numbers: exponents -6143 to 6144, subnormals down to 1E-6176)
is a 422 naming the field: it never becomes an infinity that a table reads as its top band."""

from decimal import Decimal

import pytest

from schemas.fields import out_of_range
from service.app import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


@pytest.mark.parametrize("text, outside", [("9.999999999999999999999999999999999E+6144", False),
                                           ("1E+6145", True), ("1E+999999", True), ("1E-6176", False),
                                           ("1E-6177", True), ("0E-999999", False), ("-1E+6145", True)])
def test_decimal128_bounds(text, outside):
    assert out_of_range(Decimal(text)) is outside


def test_ossom_contribution_past_decimal128(client):
    response = client.post("/benefits/ossom", data=b'{"incapacityStartDate": "2026-01-15", '
                           b'"referenceDate": "2026-03-20", "monthlyContributions": [100, 1e999999]}',
                           content_type="application/json")
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"path": "monthlyContributions[1]", "message": (
        "Outside the range of decimal128 numbers (at most 34 digits, exponents from -6143 to 6144).")}]


def test_inami_numeric_string_past_34_digits(client):
    response = client.post("/benefits/inami", json={
        "status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
        "grossDailyWage": "1" * 35, "household": {"livesAlone": True}})  # more digits than decimal128 holds
    assert response.status_code == 422
    assert [e["path"] for e in response.get_json()["errors"]] == ["grossDailyWage"]


def test_generic_endpoint_nested_number(client):
    response = client.post("/decisions/familyCategory/evaluate", data=b'{"household": {"livesAlone": false, '
                           b'"dependentChildren": 0, "cohabitantProfessionalIncome": -1e70000}}',
                           content_type="application/json")
    assert response.status_code == 422
    assert [e["path"] for e in response.get_json()["errors"]] == ["household.cohabitantProfessionalIncome"]
