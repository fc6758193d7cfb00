"""The page end to end in a real browser: Debian's chromium driven by Playwright, against `decisions serve`.

Open the page, try the README's INAMI case, see the answer, open the table of the family category and see the
rule that matched highlighted; a bad case marks its field; a single decision can be tried too. The screenshots are
kept in tests/artifacts/ (web-page.png, as in the README, and web-page-full.png). CI (CI=true) installs chromium:
there, a missing browser fails the test.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it: .ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def sync_playwright():
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[test]')")
    return sync_playwright


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(log: Path, *options):
    """`decisions serve` on a free port until the generator is closed; yields its base URL."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "1", *options],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("decisions serve did not start:\n" + log.read_text()) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve(tmp_path_factory.mktemp("serve") / "serve.log")


@pytest.fixture(scope="module")
def browser(sync_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1440, "height": 1200})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # the page must work on an intranet: it may only reach the service that serves it
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.set_default_timeout(20_000)
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    return page


def close_page(page, url):
    assert page.errors == []
    assert [u for u in page.requests if not (u.startswith(url) or u.startswith("data:"))] == []
    page.close()


@pytest.fixture
def page(browser, server):
    page = open_page(browser, server)
    yield page
    close_page(page, server)


def fill_readme_case(page):
    """The README's example: an employee living alone, off work since 15 January 2026, 150 € a day."""
    page.select_option("#target-select", "scheme:/benefits/inami")
    page.select_option("#f-status", "employee")
    page.fill("#f-incapacityStartDate", "2026-01-15")
    page.fill("#f-referenceDate", "2026-03-20")
    page.fill("#f-grossDailyWage", "150")
    page.fill("#f-workedDaysLast12Months", "200")
    page.select_option("#f-household-livesAlone", "true")
    page.fill("#f-household-dependentChildren", "0")


def test_try_a_case_see_the_answer_and_the_rule_that_matched(page):
    assert page.locator("#ready-state").inner_text().startswith("Ready: ")
    # the diagram is drawn by dmn-js: the decisions are shapes
    page.wait_for_selector("#canvas .djs-shape[data-element-id]")
    fill_readme_case(page)
    page.click("#evaluate")
    page.wait_for_selector("table.evaluated")
    # 60 % of 150 € (below the 2026 ceiling of 178.69 €): RULES.md; the number as the service writes it
    daily = page.locator('#answer [data-field="dailyAmount"] dd').inner_text()
    assert Decimal(daily) == Decimal("90.00") and daily == "90.00"
    assert page.locator('#answer [data-field="familyCategory"] dd').inner_text() == "isolated"  # lives alone
    # in the diagram, the decisions the case reached are marked
    page.wait_for_selector("#canvas .djs-element.evaluated")

    # the rule of the family category table that matched, named in the answer, opens its table (a decision's
    # table, familyCategory, or a knowledge model's, familyCategory...)
    link = page.locator("#answer button[data-table^=familyCategory]").first
    rule_id, table = link.get_attribute("data-rule"), link.get_attribute("data-table")
    index = re.match(r"rule (\d+)", link.inner_text()).group(1)
    link.click()
    assert page.locator(f"#view-tabs button.active[data-view={table}]").count() == 1
    page.wait_for_selector(f'.canvas:not([hidden]) tr.matched-rule td[data-row-id="{rule_id}"]')
    rows = page.locator(".canvas:not([hidden]) tr.matched-rule")
    assert rows.count() == 1
    cells = [c.strip() for c in rows.first.locator("td").all_inner_texts()]
    assert cells[0] == index  # the row number dmn-js draws is the rule the answer names
    assert "true" in cells  # the row for a person who lives alone
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "web-page.png"))  # as in the README (docs/web-page.png)
    page.screenshot(path=str(ARTIFACTS / "web-page-full.png"), full_page=True)


def test_a_bad_case_marks_its_field(page):
    fill_readme_case(page)
    page.fill("#f-referenceDate", "")
    page.click("#evaluate")
    page.wait_for_selector("#answer .problem")
    assert "422" in page.locator("#answer .problem").inner_text()
    field = page.locator('[data-path="referenceDate"]')
    assert "invalid" in field.get_attribute("class")
    assert field.locator(".error").inner_text() != ""


def test_try_one_decision(page):
    target = page.locator("#target-select option[value$=':coverage']").first.get_attribute("value")
    page.select_option("#target-select", target)
    page.wait_for_selector("#f-cause")
    page.select_option("#f-cause", "illness")
    for flag in ("civilServant", "disabilityAllowance"):  # the inputs the model's version has
        if page.locator(f"#f-{flag}").count():
            page.select_option(f"#f-{flag}", "false")
    page.click("#evaluate")
    page.wait_for_selector("#answer dl.result")
    # an illness of a person who is not a civil servant is covered by this scheme: RULES.md section 2
    assert page.locator('#answer [data-field="covered"] dd').inner_text() == "true"


def test_a_pasted_request_fills_the_form(page):
    page.select_option("#target-select", "scheme:/benefits/inami")
    page.click("#request-json summary")
    page.fill("#request-text", '{"status": "employee", "grossDailyWage": 150.10, "household": {"livesAlone": false}}')
    page.click("#fill-from-json")
    assert page.input_value("#f-status") == "employee"
    assert page.input_value("#f-grossDailyWage") == "150.10"  # as written, not as a float would print it
    assert page.input_value("#f-household-livesAlone") == "false"


def _json_route(body):
    def fulfil(route):
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))
    return fulfil


def test_a_failed_reload_shows_its_problems(page, server):
    # GET /ready as `decisions serve` answers after a failed `kill -HUP`: the last good models keep serving
    page.route(f"{server}ready", _json_route({"status": "ready", "models": 2, "lastReload": {
        "time": "2026-03-20T10:15:00.000+00:00", "succeeded": False, "serving": [
            {"name": "INAMI incapacity and invalidity benefit", "sha256": "d6b4"}],
        "problems": [{"severity": "error", "code": "unknown-value", "message": '"isolatd" is not one of "isolated"',
                      "where": "inami-benefit.dmn › Family category › rule 2 › Family category"}]}}))
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    reload = page.locator("#reload-state").inner_text()
    assert "Last reload 2026-03-20 10:15:00 UTC failed" in reload
    assert "INAMI incapacity and invalidity benefit keeps serving" in reload
    assert 'inami-benefit.dmn › Family category › rule 2 › Family category: "isolatd" is not one of' in reload


def test_a_finding_is_marked_on_its_row(page, server):
    # the rule id of the family category table's first row, from the model as the service serves it
    with urllib.request.urlopen(f"{server}models", timeout=5) as response:
        models = json.loads(response.read())
    for model in models:
        with urllib.request.urlopen(f"{server}models/{model['file']}/dmn", timeout=5) as response:
            xml = response.read().decode()
        found = re.search(r'<(?:\w+:)?(?:decision|businessKnowledgeModel) id="(familyCategory\w*)"', xml)
        if found:
            file, model_name, table_id = model["file"], model["name"], found.group(1)
            break
    table = xml[found.start():]
    rule_id = re.search(r'<(?:\w+:)?rule\b[^>]*\bid="([^"]+)"', table).group(1)
    finding = {"severity": "warning", "code": "overlap", "message": "overlaps rule 3 for the witness ...",
               "where": f"{file} › Family category › rule 1", "file": f"/srv/decisions/{file}", "line": 40,
               "model": model_name, "decisionId": table_id, "ruleId": rule_id, "ruleIndex": 1}
    page.route(f"{server}ui/findings", _json_route({"source": "lint", "findings": [finding]}))
    page.reload()
    page.wait_for_selector("li.finding")
    item = page.locator("li.finding").first
    assert f"{file}:40" in item.inner_text() and "/srv" not in item.inner_text()  # no server path shown
    item.click()
    page.wait_for_selector(".canvas:not([hidden]) tr.finding-warning")
    row = page.locator(".canvas:not([hidden]) tr.finding-warning")
    assert row.count() == 1 and row.locator("td").first.inner_text().strip() == "1"
    assert "overlaps rule 3" in row.get_attribute("title")
    # and under the table, the findings on it
    assert "overlaps rule 3" in page.locator("#view-findings").inner_text()


def test_an_answer_with_a_schedule_shows_it_as_a_table(page, server):
    # an INAMI answer with the schedule and months of the newer rule set, and the inputs of each decision
    answer = ('{"outcome": "paid", "provisional": false, "dailyAmount": 90.00,'
              ' "schedule": [{"from": "2026-01-15", "to": "2026-03-31", "phase": "primary", "dailyAmount": 90.00},'
              ' {"from": "2026-04-01", "to": "2026-12-31", "phase": "primary", "dailyAmount": 91.50}],'
              ' "months": [{"month": "2026-03", "benefitDays": 26, "gross": 2340.00}],'
              ' "model": {"name": "INAMI incapacity and invalidity benefit", "sha256": "d6b4"},'
              ' "evaluatedDecisions": [{"decisionId": "familyCategory", "decisionName": "Family category",'
              ' "inputs": {"household.livesAlone": true}, "source": "S1, 2022-01-01", "result": "isolated",'
              ' "matchedRules": [{"ruleIndex": 2, "ruleId": "r2", "annotation": "lives alone"}]}],'
              ' "messages": []}')
    page.route(f"{server}benefits/inami", lambda route: route.fulfill(
        status=200, content_type="application/json", body=answer))
    fill_readme_case(page)
    page.click("#evaluate")
    page.wait_for_selector("#schedule-table")
    rows = page.locator("#schedule-table tbody tr")
    assert rows.count() == 2
    assert rows.nth(1).locator("td").all_inner_texts() == ["2", "2026-04-01", "2026-12-31", "primary", "91.50"]
    assert page.locator("#schedule-table thead th").all_inner_texts() == ["#", "from", "to", "phase", "dailyAmount"]
    assert page.locator("#months-table tbody td").all_inner_texts() == ["1", "2026-03", "26", "2340.00"]
    family = page.locator("table.evaluated tr[data-decision=familyCategory]").inner_text()
    assert "household.livesAlone" in family and "S1, 2022-01-01" in family and "rule 2 lives alone" in family
    assert page.locator('#answer [data-field="outcome"] dd').inner_text() == "paid"


def test_constraints_between_fields_are_left_to_the_service(page, server):
    # an OpenAPI request schema whose allOf/anyOf say which field a status requires: the form draws the fields,
    # and a nullable anyOf draws its non-null schema
    with urllib.request.urlopen(f"{server}openapi.json", timeout=5) as response:
        document = json.loads(response.read())
    request = document["components"]["schemas"]["InamiRequest"]
    request["allOf"] = [{"anyOf": [{"properties": {"status": {"enum": ["self-employed"]}}},
                                   {"properties": {"grossDailyWage": {"not": {"enum": [None]}}},
                                    "required": ["grossDailyWage"]}]}]
    request["properties"]["grossDailyWage"] = {"default": None, "anyOf": [
        {"type": "number", "nullable": True, "minimum": 0}, {"type": "string", "pattern": "^[0-9.]+$"}]}
    page.route(f"{server}openapi.json", _json_route(document))
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    options = page.locator("#f-status option").all_inner_texts()
    assert options == ["", "employee", "blue-collar", "unemployed", "self-employed"]
    assert page.locator("#f-grossDailyWage").get_attribute("inputmode") == "decimal"


def test_a_knowledge_model_table_shows_its_matched_rule(browser, tmp_path):
    # tests/web/knowledge-model-table.dmn: the decision Category invokes the knowledge model Age band, whose table
    # dmn-js draws in a viewer of its own; age 30 matches its rule 2, ">= 18" -> "adult"
    folder = tmp_path / "decisions"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "web" / "knowledge-model-table.dmn", folder)
    running = serve(tmp_path / "serve.log", "--decisions", str(folder))
    url = next(running)
    try:
        page = open_page(browser, url)
        page.select_option("#target-select", "decision:Knowledge model tables:category")
        page.wait_for_selector("#f-age")
        page.fill("#f-age", "30")
        page.click("#evaluate")
        page.wait_for_selector("#answer p.result")
        assert page.locator("#answer p.result strong").inner_text() == "adult"
        page.wait_for_selector("#canvas .djs-element.matched[data-element-id=band]")  # the diagram marks it
        link = page.locator("#answer button[data-rule=band_adult]")
        assert link.inner_text() == "rule 2 of Age band"
        link.click()
        page.wait_for_selector("#table-canvas tr.matched-rule")
        assert page.locator("#canvas").is_hidden()
        rows = page.locator("#table-canvas tr.matched-rule")
        assert rows.count() == 1
        cells = [c.strip() for c in rows.first.locator("td").all_inner_texts()]
        assert cells[:3] == ["2", ">= 18", '"adult"']
        assert page.locator("#table-canvas").inner_text().count("Age band") >= 1
        page.click("#view-tabs button[data-view=category]")  # back to a decision: the first viewer again
        page.wait_for_selector("#table-canvas", state="hidden")
        close_page(page, url)
    finally:
        running.close()
