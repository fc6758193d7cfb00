"""POST /benefits/ossom with rule set v2 on the bundled model: the answer's v2 fields (outcome, manualReview,
provisional, unchecked, reasons with sentences) and the 422s for implausible values.

Every expected figure is worked out by hand from shared/RULES.md v2 section 9 and S4 (the comments say how).
"""

from decimal import Decimal

import pytest

from service.app import create_app
from service.jsonvalues import loads

CHECKED = {"requestDate": "2026-01-20", "insuranceMonthsBeforeIncapacity": 24, "residenceCountry": "BE",
           "nationality": "BE"}


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def ossom(client, expect=200, **case):
    response = client.post("/benefits/ossom", json=case)
    assert response.status_code == expect, response.data
    return loads(response.data)


def test_a_decided_answer_has_every_v2_field(client):
    answer = ossom(client, incapacityStartDate="2026-01-10", referenceDate="2026-02-15",
                   monthlyContributions=[827.72], professionalIncome=200, socialSecurityBenefits="300.50", **CHECKED)
    assert answer["eligible"] is True and answer["reasons"] == []
    assert answer["averageContribution"] == Decimal("827.72")  # a level of S4's scale
    assert answer["incapacityMonth"] == 2
    assert answer["monthlyAllowance"] == Decimal("935.98")  # level 827.72, ordinary, year 1
    assert answer["payableAmount"] == Decimal("435.48")  # 935.98 - (200 + 300.50): benefits are income (v2)
    assert answer["outcome"] == "decided" and answer["manualReview"] == [] and answer["unchecked"] == []
    # 2026-02-15 is after OSSOM's verifiedUntil 2023-12-31 (RULES §10); English without Accept-Language
    assert answer["provisional"] == [{"code": "not-yet-indexed",
                                      "message": "Amounts after 2023-12-31 not yet indexed in this rule set."}]
    assert answer["model"]["name"] == "OSSOM sickness and invalidity allowance"
    assert {"ossomAllowance", "reasonTexts", "provisional"} <= {d["decisionId"] for d in answer["evaluatedDecisions"]}


def test_the_average_is_rounded_to_the_cent(client):
    answer = ossom(client, incapacityStartDate="2026-01-10", referenceDate="2026-02-15",
                   monthlyContributions=[400, 400, 401], **CHECKED)
    assert answer["averageContribution"] == Decimal("400.33")  # 1201 / 3 = 400.333..., half up to the cent
    # between the levels 387.93 and 620.79: the lower one, provisional
    assert answer["monthlyAllowance"] == Decimal("483.60")
    assert [p["code"] for p in answer["provisional"]] == ["average-between-levels", "not-yet-indexed"]


def test_an_average_below_the_scale_is_a_manual_review_not_an_error(client):
    answer = ossom(client, incapacityStartDate="2026-01-10", referenceDate="2026-03-01",
                   monthlyContributions=[300, 400], **CHECKED)
    assert answer["outcome"] == "manual-review"  # 350.00 < 387.93 (v1: a 422)
    assert answer["manualReview"] == [{
        "code": "average-below-scale",
        "message": "Average contribution below the scale (387.93): a case worker reviews the case."}]
    assert answer["eligible"] is True and answer["averageContribution"] == Decimal("350.00")
    assert answer["monthlyAllowance"] is None and answer["payableAmount"] is None and answer["provisional"] == []


def test_a_late_request_is_paid_from_its_month(client):
    case = dict(CHECKED, incapacityStartDate="2026-01-10", monthlyContributions=[900], requestDate="2026-05-04")
    before = ossom(client, referenceDate="2026-04-30", **case)  # 114 days after the start, April < May
    assert before["eligible"] is True and before["payableAmount"] == 0
    assert [r["code"] for r in before["reasons"]] == ["late-request"] and before["reasons"][0]["message"]
    assert before["monthlyAllowance"] == Decimal("935.98")  # level 827.72 and above, ordinary, year 1
    after = ossom(client, referenceDate="2026-05-01", **case)
    assert after["reasons"] == [] and after["payableAmount"] == Decimal("935.98")


def test_a_work_accident_is_refused(client):
    answer = ossom(client, incapacityStartDate="2026-01-10", referenceDate="2026-03-01",
                   monthlyContributions=[900], cause="work-accident", **CHECKED)
    assert answer["eligible"] is False and [r["code"] for r in answer["reasons"]] == ["work-accident"]
    assert answer["monthlyAllowance"] is None and answer["outcome"] == "decided"


def test_a_maternity_rest_needs_no_waiting_period_and_ends_after_15_weeks(client):
    case = dict(CHECKED, incapacityStartDate="2026-02-02", monthlyContributions=[700], maternityRest=True,
                insuranceMonthsBeforeIncapacity=2, requestDate="2026-02-10")
    last = ossom(client, referenceDate="2026-05-17", **case)  # 2026-02-02 + 104 days: the 105th day
    assert last["eligible"] is True and last["payableAmount"] == Decimal("779.99")  # level 620.79, year 1
    ended = ossom(client, referenceDate="2026-05-18", **case)
    assert ended["payableAmount"] == 0 and [r["code"] for r in ended["reasons"]] == ["maternity-rest-ended"]


def test_missing_inputs_are_listed_as_unchecked(client):
    answer = ossom(client, incapacityStartDate="2025-01-10", referenceDate="2026-01-10", monthlyContributions=[900])
    assert answer["eligible"] is True  # month 13, nothing given to check
    assert answer["unchecked"] == ["waiting-period", "residence", "late-request", "age-65"]


def test_the_language_input_chooses_the_sentences(client):
    """The generic endpoint takes the model's `language` input as it is (the domain endpoint sets it from
    Accept-Language where the service supports it)."""
    response = client.post("/decisions/ossomAllowance/evaluate", json={
        "incapacityStartDate": "2026-01-10", "referenceDate": "2026-03-01", "monthlyContributions": [300],
        "ossomPension": True, "language": "nl"})
    assert response.status_code == 200, response.data
    result = loads(response.data)["result"]
    assert result["reasons"] == [{"code": "pension", "message": "De persoon ontvangt een rustpensioen van de Dienst: "
                                                                "de uitkering wordt niet meer toegekend."}]


def test_implausible_values_are_a_422_naming_the_field(client):
    problem = ossom(client, 422, incapacityStartDate="1899-12-31", referenceDate="2026-03-01",
                    monthlyContributions=[500, 150000], socialSecurityBenefits=100000.01, residenceCountry="UK")
    assert problem["type"] == "/problems/validation"
    assert {e["path"] for e in problem["errors"]} == {"incapacityStartDate", "monthlyContributions[1]",
                                                      "socialSecurityBenefits", "residenceCountry"}
