"""Imports found by their locationURI (DMN 1.5 §6.3.3: ``locationURI`` locates the imported model; jDMN and
Drools resolve it relative to the importing file): the import's namespace then names that model even when the
model declares another one. A type based on an imported collection type is a collection type; a requirement on
an imported decision whose id the importing model also uses is no cycle."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.dmn import load

NS = "https://www.omg.org/spec/DMN/20230324/MODEL/"

LIBRARY = f"""<definitions xmlns="{NS}" id="lib" name="lib" namespace="urn:declared-elsewhere">
<itemDefinition name="tNames" isCollection="true"><typeRef>string</typeRef></itemDefinition>
<decision id="_d1" name="greeting"><variable name="greeting"/><literalExpression><text>"hello"</text>
</literalExpression></decision></definitions>"""

MAIN = f"""<definitions xmlns="{NS}" id="main" name="main" namespace="urn:main">
<import name="lib" namespace="urn:lib" locationURI="sub/lib.dmn" importType="{NS}"/>
<itemDefinition name="tLocalNames"><typeRef>lib.tNames</typeRef></itemDefinition>
<decision id="_d1" name="d1"><variable name="d1"/>
<informationRequirement><requiredDecision href="urn:lib#_d1"/></informationRequirement>
<literalExpression><text>lib.greeting + " world"</text></literalExpression></decision>
<decision id="_d2" name="d2"><variable name="d2" typeRef="tLocalNames"/><literalExpression><text>"x"</text>
</literalExpression></decision></definitions>"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "lib.dmn").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "main.dmn").write_text(MAIN, encoding="utf-8")
    return tmp_path


def test_import_found_by_its_location(folder):
    m = load(folder / "main.dmn").by_file("main.dmn")
    assert m.diagnostics == []
    assert m.evaluate("d1", {}).value == "hello world"  # same id `_d1` in both models: no cycle


def test_type_based_on_an_imported_collection_type(folder):
    m = load(folder / "main.dmn").by_file("main.dmn")
    assert m.evaluate("d2", {}).value == ["x"]  # to singleton list (§10.3.2.9.4)


def test_a_location_outside_the_folder_is_not_read(tmp_path):
    inner = tmp_path / "models"
    inner.mkdir()
    (tmp_path / "lib.dmn").write_text(LIBRARY, encoding="utf-8")
    (inner / "main.dmn").write_text(MAIN.replace("sub/lib.dmn", "../lib.dmn"), encoding="utf-8")
    assert any("urn:lib" in p.message for p in load(inner / "main.dmn", strict=False).diagnostics)


def test_a_model_importing_itself_by_location_loads(tmp_path):
    imports = "".join(f'<import name="{n}" namespace="urn:{ns}" locationURI="{loc}" importType="{NS}"/>'
                      for n, ns, loc in (("me", "other", "a.dmn"), ("", "other2", "./a.dmn")))
    (tmp_path / "a.dmn").write_text(
        f'<definitions xmlns="{NS}" id="a" name="a" namespace="urn:a">{imports}'
        '<decision id="d" name="d"><variable name="d"/><literalExpression><text>1</text></literalExpression>'
        "</decision></definitions>", encoding="utf-8")
    assert load(tmp_path / "a.dmn").by_file("a.dmn").evaluate("d", {}).value == 1
