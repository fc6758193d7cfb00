"""Allowed values of item definitions (DMN 1.5 §7.3.2): a value outside them does not conform, so a decision
typed by the item definition is null (§10.3.2.9). A type based on another keeps its base's allowed values
unless it has allowed values of its own, which then replace them; a base type's typeConstraint always applies
(as jDMN and Drools read it, and the TCK's 0104-allowed-values expects)."""

from __future__ import annotations

import pytest

from service.dmn import load

NS = "https://www.omg.org/spec/DMN/20230324/MODEL/"
ITEMS = """
<itemDefinition name="tColour"><typeRef>string</typeRef><allowedValues><text>"red", "blue"</text></allowedValues>
</itemDefinition>
<itemDefinition name="tColourAgain"><typeRef>tColour</typeRef></itemDefinition>
<itemDefinition name="tSide"><typeRef>tColour</typeRef><allowedValues><text>"left", "right"</text></allowedValues>
</itemDefinition>
<itemDefinition name="tShort"><typeRef>string</typeRef><typeConstraint><text>string length(?) &lt; 5</text>
</typeConstraint></itemDefinition>
<itemDefinition name="tShortSide"><typeRef>tShort</typeRef><allowedValues><text>"left", "right", "middle"</text>
</allowedValues></itemDefinition>
"""


@pytest.mark.parametrize(("type_ref", "text", "expected"), [
    ("tColour", '"red"', "red"), ("tColour", '"green"', None),
    ("tColourAgain", '"blue"', "blue"), ("tColourAgain", '"green"', None),  # inherited
    ("tSide", '"left"', "left"), ("tSide", '"red"', None),  # replaced
    ("tShortSide", '"left"', "left"), ("tShortSide", '"middle"', None),  # the base's constraint still applies
])
def test_allowed_values_of_a_derived_type(tmp_path, type_ref, text, expected):
    body = ITEMS + (f'<decision id="d" name="d"><variable name="d" typeRef="{type_ref}"/>'
                    f"<literalExpression><text>{text}</text></literalExpression></decision>")
    (tmp_path / "m.dmn").write_text(f'<definitions xmlns="{NS}" id="x" name="m" namespace="urn:m">{body}</definitions>',
                                    encoding="utf-8")
    assert load(tmp_path / "m.dmn").by_file("m.dmn").evaluate("d", {}).value == expected
