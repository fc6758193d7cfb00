"""The page's blueprint (service/web): the page, its files, the decision forms and the findings."""

import json
import re
import sys
import types
from pathlib import Path

import pytest

from service.app import create_app
from service.web.findings import table_findings

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "service" / "web"
TCK = ROOT.parent / "shared" / "dmn-tck" / "compliance-level-2"


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


@pytest.fixture(scope="module")
def tck_client():
    return create_app(TCK / "0003-input-data-string-allowed-values").test_client()


def test_the_page_is_at_the_root_and_every_file_it_names_is_served(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="(/ui/static/[^"]+)"', html)
    assert "/ui/static/vendor/dmn-js/dmn-navigated-viewer.production.min.js" in assets
    assert "/ui/static/vendor/dmn-js/assets/dmn-js-decision-table.css" in assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    # the page fetches nothing from another host: no CDN
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_the_viewer_is_the_dmn_js_of_package_json_with_its_licence():
    vendor = WEB / "static" / "vendor" / "dmn-js"
    pinned = json.loads((WEB / "package.json").read_text())["dependencies"]["dmn-js"]
    locked = json.loads((WEB / "package-lock.json").read_text())["packages"]["node_modules/dmn-js"]["version"]
    assert pinned == locked
    assert (vendor / "VERSION").read_text() == f"dmn-js {locked}\n"
    assert "Camunda Services GmbH" in (vendor / "LICENSE").read_text()
    # the viewer's font, which dmn.css loads from ../font
    assert (vendor / "assets" / "dmn-font" / "font" / "dmn.woff2").is_file()


def test_a_file_is_answered_as_bytes_not_handed_to_the_server_to_send():
    # a server's sendfile path (gunicorn's wsgi.file_wrapper) never sees the page's files
    from service.web import blp

    app = create_app()
    with app.test_request_context("/ui/static/page.js"):
        response = blp.send_static_file("page.js")
    assert response.is_sequence and not response.direct_passthrough
    assert response.get_data() == (WEB / "static" / "page.js").read_bytes()


def test_an_unknown_file_is_a_problem_document(client):
    response = client.get("/ui/static/nothing.js")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_the_page_is_not_part_of_the_api_document(client):
    paths = json.loads(client.get("/openapi.json").data)["paths"]
    assert "/" not in paths and not [p for p in paths if p.startswith("/ui")]


def test_a_decision_form_takes_allowed_values_from_the_item_definition(tck_client):
    # 0003: input data "Employment Status" of type tEmploymentStatus, a string with allowed values
    response = tck_client.get("/ui/decisions/d_EmploymentStatusStatement/form")
    assert response.status_code == 200
    form = json.loads(response.data)
    assert form["inputs"] == [{"name": "Employment Status", "type": "tEmploymentStatus"}]
    status = form["schema"]["properties"]["Employment Status"]
    assert status["type"] == "string"
    assert [v for v in status["enum"] if v is not None] == ["UNEMPLOYED", "EMPLOYED", "SELF-EMPLOYED", "STUDENT"]
    assert form["schema"]["additionalProperties"] is False


def test_a_decision_form_nests_structures_and_marks_dates(client):
    form = json.loads(client.get("/ui/decisions/inamiBenefit/form").data)
    assert {"name": "household", "type": "tHousehold"} in form["inputs"]
    properties = form["schema"]["properties"]
    assert properties["referenceDate"]["format"] == "date"
    household = properties["household"]
    assert household["type"] == "object"
    assert household["properties"]["livesAlone"]["type"] == "boolean"
    assert household["properties"]["dependentChildren"]["type"] in ("number", "integer")


def test_a_decision_in_two_models_needs_the_model(client):
    ambiguous = client.get("/ui/decisions/incapacityMonth/form")
    assert ambiguous.status_code == 404 and "several models" in json.loads(ambiguous.data)["detail"]
    chosen = client.get("/ui/decisions/incapacityMonth/form?model=ossom-allowance.dmn")
    assert chosen.status_code == 200
    assert json.loads(chosen.data)["model"] == "OSSOM sickness and invalidity allowance"
    missing = client.get("/ui/decisions/noSuchDecision/form")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"


def test_the_bundled_models_have_no_error_finding(client):
    report = json.loads(client.get("/ui/findings").data)
    assert report["source"] in ("lint", "load")
    assert [f for f in report["findings"] if f["severity"] == "error"] == []


class _Model:
    def __init__(self, name, file, diagnostics=None):
        self.name, self.file = name, file
        if diagnostics is not None:
            self.diagnostics = diagnostics


def test_without_the_linter_the_findings_are_the_load_diagnostics(monkeypatch):
    from service.dmn.errors import Problem

    monkeypatch.setitem(sys.modules, "service.dmn.analysis", None)  # import fails
    problem = Problem("unknown name 'dailyy'", file="/rules/a.dmn", line=12, element_id="rate_rule3")
    report = table_findings({"A": _Model("A", "/rules/a.dmn", [problem]), "B": _Model("B", "/rules/b.dmn")})
    assert report == {"source": "load", "findings": [{
        "severity": "error", "code": "load", "message": "unknown name 'dailyy'", "where": "a.dmn", "file": "a.dmn",
        "line": 12, "model": "A", "decisionId": None, "ruleId": "rate_rule3"}]}


def test_with_the_linter_the_findings_are_its_own(monkeypatch):
    class Finding:
        def to_dict(self):
            return {"severity": "warning", "code": "overlap", "where": "a.dmn › Rate › rule 2"}

    seen = []
    analysis = types.ModuleType("service.dmn.analysis")
    analysis.lint = lambda models: seen.append(models) or [Finding()]
    monkeypatch.setitem(sys.modules, "service.dmn.analysis", analysis)
    models = {"A": _Model("A", "a.dmn")}
    assert table_findings(models) == {"source": "lint", "findings": [
        {"severity": "warning", "code": "overlap", "where": "a.dmn › Rate › rule 2"}]}
    assert seen == [models]
