"""POST /benefits/inami and /benefits/ossom on the bundled decisions/ models.

Every expected figure is worked out by hand from shared/RULES.md (section numbers in the comments).
"""

from decimal import Decimal

import pytest

from service.app import create_app
from service.jsonvalues import loads


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()  # the bundled decisions/ folder


def post(client, path, case, expect=200):
    response = client.post(path, json=case)
    assert response.status_code == expect, response.data
    return loads(response.data)


def inami(client, expect=200, **case):
    return post(client, "/benefits/inami", case, expect)


def test_employee_primary_incapacity(client):
    answer = inami(client, status="employee", incapacityStartDate="2026-01-15", referenceDate="2026-03-20",
                   grossDailyWage=150, workedDaysLast12Months=200,
                   household={"livesAlone": True, "dependentChildren": 0})
    assert answer["covered"] is True and answer["eligible"] is True and answer["reasons"] == []
    assert answer["incapacityMonth"] == 3  # 2026-01-15 + 2 whole months = 2026-03-15 <= 03-20 (vocabulary)
    assert answer["phase"] == "primary"
    assert answer["familyCategory"] == "isolated"  # §1 row 2: lives alone
    assert answer["rate"] == Decimal("0.60")  # §2
    assert answer["ceiling"] == Decimal("178.69")  # §3, from 2026-01-01
    assert answer["cappedDailyWage"] == 150
    assert answer["minimumDailyAmount"] == Decimal("54.11")  # §4 2026, month 3, isolated
    assert answer["dailyAmount"] == Decimal("90.00")  # §5: 0.60 x 150
    assert answer["basis"] == "wage"
    assert answer["declarationDeadline"] == "2026-02-11"  # §7: employee day 28, day 1 = 2026-01-15
    # §8: March 2026 has 31 days and 5 Sundays (1, 8, 15, 22, 29): 26 benefit days, all after the guaranteed
    # wage (day 31 = 2026-02-14); §8.5 (v2): 11.11 % withheld in primary incapacity, 2340.00 x 0.1111 = 259.974
    assert answer["month"] == {"benefitDays": 26, "paidDays": 26, "gross": Decimal("2340.00"),
                               "withholdingTax": Decimal("259.97"), "pensionRetention": 0,
                               "net": Decimal("2080.03")}
    # §8.4: month 2 until 2026-03-14, month 3 from 2026-03-15: two segments of 90.00
    assert [(s["from"], s["to"], s["days"], s["incapacityMonth"], s["gross"]) for s in answer["schedule"]] == [
        ("2026-03-02", "2026-03-14", 12, 2, Decimal("1080.00")), ("2026-03-16", "2026-03-31", 14, 3, 1260)]
    assert answer["months"] == [{"month": "2026-03", **{k: v for k, v in answer["month"].items()
                                                         if k != "benefitDays"}}]
    assert answer["outcome"] == "decided" and answer["manualReview"] == []
    assert answer["unchecked"] == ["earning-capacity"]  # §7 (v2): not given, listed
    assert [p["code"] for p in answer["provisional"]] == ["unofficial-2026-figures"]  # §11: S3's 2026 figures
    assert answer["model"]["name"] == "INAMI incapacity and invalidity benefit"
    assert len(answer["model"]["sha256"]) == 64
    trace = {step["decisionId"]: step for step in answer["evaluatedDecisions"]}
    assert {"coverage", "eligibility", "incapacityMonth", "periodPayment"} <= set(trace)
    # §12: the values a decision's logic read (a decision reads the request's facts from Request: of it, only the
    # fields its logic reads), and the source of a decision without a table
    inputs = trace["incapacityMonth"]["inputs"]
    assert set(inputs) == {"Months counted from", "Request"} and inputs["Months counted from"] == "2026-01-15"
    assert inputs["Request"] == {"referenceDate": "2026-03-20"}  # its logic reads Request.referenceDate only
    # Declaration deadline's table reads Request.status and Request.incapacityStartDate
    assert trace["declarationDeadline"]["inputs"] == {
        "Request": {"status": "employee", "incapacityStartDate": "2026-01-15"}}
    # RULES §12: the source cites the seed and the legal basis
    source = trace["incapacityMonth"]["source"]
    assert source.startswith("S1: invalidity from the second year") and "14 July 1994" in source
    assert "\n" not in source
    assert "source" not in trace["coverage"] and set(trace["coverage"]["inputs"]) == {"Request"}
    # Coverage's table reads Request.cause and Request.civilServant (the request gives neither: illness, false)
    assert trace["coverage"]["inputs"]["Request"] == {"cause": "illness", "civilServant": False}


def test_sentences_follow_accept_language(client):
    case = {"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
            "grossDailyWage": 150, "workedDaysLast12Months": 100, "household": {"livesAlone": True}}
    texts = {}
    for header in ("fr-BE,fr;q=0.9", "nl", "de", None):
        response = client.post("/benefits/inami", json=case,
                               headers={"Accept-Language": header} if header else {})
        answer = loads(response.data)
        texts[header] = answer["reasons"][0]["message"]
        assert answer["reasons"][0]["code"] == "waiting-period"
    assert texts["fr-BE,fr;q=0.9"].startswith("Le stage d'attente")  # §12: French
    assert texts["nl"].startswith("De wachttijd")
    assert texts["de"] == texts[None] and texts[None].startswith("The waiting period")  # English by default


def test_a_missing_household_field_is_a_manual_review_naming_it(client):
    answer = inami(client, status="employee", incapacityStartDate="2026-01-15", referenceDate="2026-03-20",
                   grossDailyWage=150, household={"livesAlone": False, "dependentChildren": 0,
                                                  "cohabitantProfessionalIncome": 1200})
    assert answer["outcome"] == "manual-review"  # §1, §11 (v2): never a default category
    assert [(r["code"], "household.cohabitantReplacementIncome" in r["message"])
            for r in answer["manualReview"]] == [("household-cohabitantReplacementIncome-missing", True)]
    assert answer["familyCategory"] is None and answer["schedule"] == []


def test_a_period_pays_each_month(client):
    answer = inami(client, status="unemployed", incapacityStartDate="2026-01-05", referenceDate="2026-01-05",
                   grossDailyWage=100, unemploymentDailyAllowance=80, periodStart="2026-01-05",
                   periodEnd="2026-02-28", household={"livesAlone": True, "dependentChildren": 0})
    # §5: 0.60 x 100 = 60.00 (allowance 80 not lower); January 5-31: 27 days - 3 Sundays (11, 18, 25) = 24;
    # February 2026: 28 days - 4 Sundays = 24
    assert [(m["month"], m["paidDays"], m["gross"]) for m in answer["months"]] == [
        ("2026-01", 24, 1440), ("2026-02", 24, 1440)]
    assert answer["period"]["paidDays"] == 48 and answer["period"]["gross"] == 2880
    # 1440.00 x 0.1111 = 159.984 -> 159.98 in each month
    assert answer["period"]["withholdingTax"] == Decimal("319.96")


@pytest.mark.parametrize("change, path", [
    ({"grossDailyWage": 100001}, "grossDailyWage"),
    ({"workedDaysLast12Months": 367}, "workedDaysLast12Months"),
    ({"household": {"livesAlone": False, "dependentChildren": 31}}, "household.dependentChildren"),
    ({"household": {"livesAlone": False, "dependentChildren": 0, "cohabitantReplacementIncome": 100000.01}},
     "household.cohabitantReplacementIncome"),
    ({"incapacityStartDate": "1899-12-31"}, "incapacityStartDate"),
    ({"declarationDate": "2201-01-01"}, "declarationDate"),
    ({"periodStart": "2026-01-01", "periodEnd": "2027-01-02"}, "periodEnd"),
    ({"periodStart": "2026-01-01"}, "periodEnd"),
    ({"previousIncapacity": {"startDate": "2025-01-01", "endDate": "2026-02-01"}}, "previousIncapacity"),
    ({"invalidityRecognition": "maybe"}, "invalidityRecognition"),
])
def test_implausible_input_is_a_422_naming_the_field(client, change, path):
    case = {"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
            "grossDailyWage": 150, "household": {"livesAlone": True, "dependentChildren": 0}, **change}
    problem = inami(client, 422, **case)
    assert [e["path"] for e in problem["errors"]] == [path]


def test_employee_invalidity_capped_with_withholding(client):
    answer = inami(client, status="employee", incapacityStartDate="2025-01-15", referenceDate="2026-03-20",
                   grossDailyWage=200, household={"livesAlone": False, "dependentChildren": 0,
                                                  "cohabitantProfessionalIncome": 2500,
                                                  "cohabitantReplacementIncome": 0})
    assert answer["incapacityMonth"] == 15 and answer["phase"] == "invalidity"
    assert answer["familyCategory"] == "cohabitant"  # §1 row 6: professional income 2500 > 1955.09
    assert answer["rate"] == Decimal("0.40")  # §2 invalidity, cohabitant
    assert answer["cappedDailyWage"] == Decimal("178.69")  # §3: 200 capped at 178.69
    assert answer["dailyAmount"] == Decimal("71.48")  # §5: round(0.40 x 178.69 = 71.476, 2)
    assert answer["basis"] == "maximum"
    assert answer["minimumDailyAmount"] == Decimal("52.00")  # §4 2026 invalidity cohabitant
    # §8: 26 days x 71.48 = 1858.48; tax 11.11 % = 206.477128 -> 206.48; net 1652.00; §8.5 (v2): the 3.5 %
    # retention has no threshold in the rule set: not computed, provisional
    assert answer["month"] == {"benefitDays": 26, "paidDays": 26, "gross": Decimal("1858.48"),
                               "withholdingTax": Decimal("206.48"), "pensionRetention": 0,
                               "net": Decimal("1652.00")}
    assert "pension-retention-threshold" in [p["code"] for p in answer["provisional"]]


def test_unemployed_first_months_get_the_lower_allowance(client):
    answer = inami(client, status="unemployed", incapacityStartDate="2026-01-15", referenceDate="2026-02-20",
                   grossDailyWage=100, unemploymentDailyAllowance=55,
                   household={"livesAlone": True, "dependentChildren": 0})
    assert answer["incapacityMonth"] == 2
    assert answer["minimumDailyAmount"] is None  # §4 2026: none in months 1-2
    assert answer["dailyAmount"] == 55  # §5 step 4: min(55, 0.60 x 100 = 60)
    assert answer["basis"] == "unemployment-allowance"
    assert answer["declarationDeadline"] == "2026-01-22"  # §7: unemployed day 8
    # §8: February 2026 has 4 Sundays (1, 8, 15, 22): 24 days x 55
    assert answer["month"]["benefitDays"] == 24 and answer["month"]["gross"] == 1320


def test_work_accident_is_not_covered(client):
    answer = inami(client, status="employee", incapacityStartDate="2026-01-15", referenceDate="2026-03-20",
                   grossDailyWage=150, cause="work-accident", household={"livesAlone": True})
    assert answer["covered"] is False
    assert answer["coveredBy"]  # §7: the federal agency for occupational risks
    assert answer["dailyAmount"] is None


def test_an_incapacity_from_before_2022_is_a_manual_review(client):
    answer = inami(client, status="employee", incapacityStartDate="2021-06-01", referenceDate="2021-07-01",
                   grossDailyWage=150, household={"livesAlone": True, "dependentChildren": 0})
    # §3 (v2): no ceiling for incapacities that began before 2022 - a manual review, not a 422 (v1); no amount
    assert answer["outcome"] == "manual-review"
    assert [r["code"] for r in answer["manualReview"]] == ["no-ceiling-before-2022"]
    assert answer["dailyAmount"] is None and answer["schedule"] == [] and answer["familyCategory"] is None
    assert answer["month"]["paidDays"] == 0


def test_invalid_case_is_a_422_with_paths(client):
    problem = inami(client, 422, status="employee", incapacityStartDate="2026-01-15",
                    referenceDate="2026-01-01", household={"livesAlone": True, "dependentChildren": -2})
    assert {e["path"] for e in problem["errors"]} == {"referenceDate", "grossDailyWage",
                                                      "household.dependentChildren"}


def test_ossom_first_year(client):
    answer = post(client, "/benefits/ossom", {
        "incapacityStartDate": "2026-01-10", "referenceDate": "2026-02-01",
        "monthlyContributions": [500, 600], "requestDate": "2026-01-20",
        "insuranceMonthsBeforeIncapacity": 12, "nationality": "BE"})
    assert answer["eligible"] is True and answer["reasons"] == []
    assert answer["averageContribution"] == 550  # §9: mean of 500 and 600
    assert answer["incapacityMonth"] == 1
    assert answer["monthlyAllowance"] == Decimal("483.60")  # §9 row 387.93-620.79, ordinary, year 1
    assert answer["payableAmount"] == Decimal("483.60")
    assert answer["model"]["name"] == "OSSOM sickness and invalidity allowance"


def test_ossom_second_year_family_charge_minus_income(client):
    answer = post(client, "/benefits/ossom", {
        "incapacityStartDate": "2024-01-10", "referenceDate": "2026-02-01",
        "monthlyContributions": [700] * 40, "familyCharge": True, "professionalIncome": 1000,
        "requestDate": "2024-02-01", "insuranceMonthsBeforeIncapacity": 12, "nationality": "BE"})
    assert answer["averageContribution"] == 700  # §9: the last 36 of 40 equal contributions
    assert answer["incapacityMonth"] == 25  # from year 2
    assert answer["monthlyAllowance"] == Decimal("1608.68")  # §9 row 620.79-827.72, family charge, year 2
    assert answer["payableAmount"] == Decimal("608.68")  # 1608.68 - 1000
