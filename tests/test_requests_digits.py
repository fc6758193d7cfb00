"""Only ASCII digits make numbers: a numeric string is the text of a JSON number (``"150.10"``), never
``"1_000"``, Arabic-Indic or other scripts' digits, spaces or ``"Infinity"``."""

from decimal import Decimal

import pytest
from marshmallow import ValidationError

from schemas.fields import FeelNumber, WholeNumber
from service.app import create_app


@pytest.mark.parametrize("text", ["1_000", "١٢٣", "۱۲۳", "１２３", "१२३", " 12", "12 ", "+12", "1.", ".5",
                                  "Infinity", "NaN", "1e", "0x10", "12,5", ""])
def test_refused(text):
    with pytest.raises(ValidationError):
        FeelNumber().deserialize(text)
    with pytest.raises(ValidationError):
        WholeNumber().deserialize(text)


@pytest.mark.parametrize("text, value", [("150.10", "150.10"), ("0", "0"), ("-3", "-3"), ("1e3", "1E+3"),
                                         ("2.5E-1", "0.25")])
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
