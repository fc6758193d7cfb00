"""Names a FEEL text uses that the model does not define, with the closest name it does define.

FEEL names may hold spaces (``Minimum daily amount``): the parser joins the words of a name it knows, so an
unknown multi-word name is not a name at all but a syntax error (``unexpected 'daily'``). That case is worded
here as the rule author meant it: a run of words that is not a name in scope, with a did-you-mean.
"""

from __future__ import annotations

import dataclasses
import difflib

from .. import model as M
from ..errors import FeelSyntaxError
from ..feel import ast as A
from ..feel.builtins import BUILTINS
from ..feel.lexer import tokenize
from ..feel.parser import Names, parse_expression, parse_unary_tests
from ..feel.types import BUILTIN_TYPES
from ..item_types import names_in

__all__ = ["NameCheck", "model_names"]

PROPERTIES = ("time offset", "start included", "end included")
_KEYWORDS = frozenset({"then", "else", "return", "satisfies", "and", "or", "in", "between", "instance", "of", "if",
                       "for", "some", "every", "function", "external", "true", "false", "null", "not"})


def model_names(definitions: M.Definitions) -> set[str]:
    """Every name the model introduces: elements, imports, context entries, parameters, columns, variables."""
    out: set[str] = set()
    names_in(definitions, out)
    return out


class NameCheck:
    """Checks the names of FEEL texts against one model's names and the built-ins."""

    def __init__(self, definitions: M.Definitions, imported: set[str] = frozenset()):
        self.defined = model_names(definitions) | set(imported)
        self.known = self.defined | set(BUILTINS) | set(BUILTIN_TYPES) | set(PROPERTIES) | {"?", "item"}
        self.names = Names(sorted(self.known))
        self._lower = {}
        for n in sorted(self.known):
            self._lower.setdefault(n.lower(), n)

    def suggest(self, name: str) -> str | None:
        if name.lower() in self._lower and self._lower[name.lower()] != name:
            return self._lower[name.lower()]
        close = difflib.get_close_matches(name.lower(), list(self._lower), n=1, cutoff=0.6)
        return self._lower[close[0]] if close else None

    def message(self, name: str, values: list[str] = ()) -> str:
        """``values``: the texts the column allows, for a value written without its quotes."""
        texts = {v.lower(): v for v in values}
        close = difflib.get_close_matches(name.lower(), list(texts), n=1, cutoff=0.6)
        if close:
            return f"'{name}' is not a name in scope; did you mean the text \"{texts[close[0]]}\" (in quotes)?"
        hint = self.suggest(name)
        return f"'{name}' is not a name in scope" + (f"; did you mean '{hint}'?" if hint else "")

    def check(self, text: str, unary: bool, values: list[str] = ()) -> list[tuple[str, str]]:
        """``(code, message)`` for each unknown name of ``text`` (or its syntax error)."""
        if not text or not text.strip() or text.strip() == "-":
            return []
        try:
            tree = parse_unary_tests(text, self.names) if unary else parse_expression(text, self.names)
        except FeelSyntaxError as exc:
            phrase = self._unknown_phrase(text)
            if phrase:
                return [("unknown-name", self.message(phrase))]
            return [("syntax", f"FEEL syntax error: {exc.message} at column {exc.position + 1} of {text.strip()!r}")]
        found: list[str] = []
        self._walk(tree, frozenset(), found)
        return [("unknown-name", self.message(n, values)) for n in dict.fromkeys(found)]

    def _unknown_phrase(self, text: str) -> str | None:
        """A run of two or more words next to each other that is no known name (a misspelt long name)."""
        try:
            tokens = tokenize(text)
        except FeelSyntaxError:
            return None
        run: list = []
        runs = []
        for tok in tokens:
            word = tok.kind == "name" and tok.text not in _KEYWORDS
            if word and run and text[run[-1].end:tok.start].strip() == "":
                run.append(tok)
                continue
            if len(run) >= 2:
                runs.append(run)
            run = [tok] if word else []
        if len(run) >= 2:
            runs.append(run)
        for run in runs:
            phrase = text[run[0].start:run[-1].end]
            if phrase not in self.known:
                return phrase
        return None

    def _walk(self, node, bound: frozenset, found: list) -> None:
        if isinstance(node, list):
            for x in node:
                self._walk(x, bound, found)
            return
        if isinstance(node, A.Name):
            if node.name not in self.known and node.name not in bound:
                found.append(node.name)
            return
        if isinstance(node, A.Path | A.Descendant):
            self._walk(node.target, bound, found)
            return
        if isinstance(node, A.Filter):
            self._walk(node.target, bound, found)
            return  # the condition sees the fields of each item: not checked
        if isinstance(node, A.For | A.Quantified):
            inner = set(bound) | ({"partial"} if isinstance(node, A.For) else set())  # for's results so far
            for it in node.iterations:
                self._walk(it.domain, frozenset(inner), found)
                if it.domain_end is not None:
                    self._walk(it.domain_end, frozenset(inner), found)
                inner.add(it.name)
            self._walk(node.body if isinstance(node, A.For) else node.cond, frozenset(inner), found)
            return
        if isinstance(node, A.FunctionDef):
            self._walk(node.body, bound | {p for p, _ in node.params}, found)
            return
        if isinstance(node, A.ContextLit):
            inner = set(bound)
            for key, value in node.entries:
                self._walk(value, frozenset(inner), found)
                inner.add(key)
            return
        if isinstance(node, A.Call):
            self._walk(node.callee, bound, found)
            for arg in node.args:
                self._walk(arg[1] if node.named else arg, bound, found)
            return
        if isinstance(node, A.TypeSpec):
            return
        if dataclasses.is_dataclass(node):
            for f in dataclasses.fields(node):
                value = getattr(node, f.name)
                if isinstance(value, list) or dataclasses.is_dataclass(value):
                    self._walk(value, bound, found)
