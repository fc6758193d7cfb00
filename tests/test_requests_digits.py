"""Only ASCII digits make numbers: a numeric string is a decimal number's text (``"150.10"``, at most 34 digits
before the point, no exponent), never ``"1_000"``, Arabic-Indic or other scripts' digits, spaces or
``"Infinity"``; dates take ASCII digits too."""

from decimal import Decimal

import pytest
from marshmallow import ValidationError

from schemas.fields import FeelNumber, WholeNumber
from service.app import create_app


@pytest.mark.parametrize("text", ["1_000", "١٢٣", "۱۲۳", "１２３", "१२३", " 12", "12 ", "+12", "1.", ".5",
                                  "Infinity", "NaN", "1e", "0x10", "12,5", "",
                                  "1e3", "2.5E-1", "1" * 35, "007"])
def test_refused(text):
    with pytest.raises(ValidationError):
        FeelNumber().deserialize(text)
    with pytest.raises(ValidationError):
        WholeNumber().deserialize(text)


@pytest.mark.parametrize("text, value", [("150.10", "150.10"), ("0", "0"), ("-3", "-3"), ("0.25", "0.25"),
                                         ("9" * 34, "9" * 34)])
def test_accepted(text, value):
    assert FeelNumber().deserialize(text) == Decimal(value)


def test_inami_refuses_arabic_indic_digits():
    client = create_app().test_client()
    response = client.post("/benefits/inami", json={
        "status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
        "grossDailyWage": "١٥٠", "household": {"livesAlone": True, "dependentChildren": "1_000"}})
    assert response.status_code == 422
    paths = {error["path"] for error in response.get_json()["errors"]}
    assert paths == {"grossDailyWage", "household.dependentChildren"}


@pytest.mark.parametrize("text", ["2026-1-5", "٢٠٢٦-٠١-١٥", "2026-01-15T00:00:00", "0000-01-01", "2026-02-30"])
def test_dates_take_ascii_digits_only(text):
    client = create_app().test_client()
    response = client.post("/benefits/ossom", json={"incapacityStartDate": text, "referenceDate": "2026-03-20",
                                                    "monthlyContributions": [100]})
    assert response.status_code == 422
    assert [e["path"] for e in response.get_json()["errors"]] == ["incapacityStartDate"]
