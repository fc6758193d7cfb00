"""decisions sample: synthetic cases that every request schema accepts, spread over 2022–2027."""

from __future__ import annotations

import datetime

import pytest

from schemas.inami import CAUSES, STATUSES, InamiRequestSchema
from schemas.ossom import OssomRequestSchema
from service.batch.sample import cases
from service.jsonvalues import dumps, loads

SCHEMAS = {"inami": InamiRequestSchema(), "ossom": OssomRequestSchema()}


@pytest.mark.parametrize("scheme", ["inami", "ossom"])
def test_every_case_passes_the_request_schema(scheme):
    schema = SCHEMAS[scheme]
    ids, starts = set(), []
    for case in cases(scheme, 3000, 11):
        body = loads(dumps(case))  # as a client would send it
        ids.add(body.pop("caseId"))
        assert schema.validate(body) == {}, body
        start = datetime.date.fromisoformat(body["incapacityStartDate"])
        reference = datetime.date.fromisoformat(body["referenceDate"])
        assert datetime.date(2022, 1, 1) <= start <= reference <= datetime.date(2027, 12, 31)
        starts.append(start.year)
    assert len(ids) == 3000
    assert set(starts) == {2022, 2023, 2024, 2025, 2026, 2027}


def test_statuses_causes_and_households_vary():
    population = list(cases("inami", 2000, 1))
    assert {c["status"] for c in population} == set(STATUSES)
    assert {c["cause"] for c in population} == set(CAUSES)
    assert {c["household"]["livesAlone"] for c in population} == {True, False}
    assert len({c["household"]["dependentChildren"] for c in population}) >= 4


def test_the_seed_decides_the_cases():
    assert list(cases("ossom", 50, 7)) == list(cases("ossom", 50, 7))
    assert list(cases("ossom", 50, 7)) != list(cases("ossom", 50, 8))
