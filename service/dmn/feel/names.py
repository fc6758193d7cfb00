"""The multi-token names a FEEL parser joins: ``Monthly Salary``, ``Person's age``, ``date and time``.

The lexer yields single words and symbols; a name with spaces or the extra symbols of grammar rule 32
(``.``, ``/``, ``-``, ``'``, ``+``, ``*``) is the longest run of tokens that spells a name known in scope.
"""

from __future__ import annotations

from ..errors import FeelSyntaxError
from .lexer import tokenize

__all__ = ["Names", "split_name"]


def split_name(name: str) -> tuple[str, ...]:
    """The token texts of a name, as the lexer splits it (``Person's age`` -> Person ' s age)."""
    try:
        return tuple(t.text for t in tokenize(name)[:-1])
    except FeelSyntaxError:
        return (name,)


class Names:
    """The multi-token names a parser may meet: variables, decisions, built-ins, properties..."""

    def __init__(self, names=(), parent: Names | None = None):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.parent = parent
        for n in names:
            self.add(n)

    def add(self, name: str) -> None:
        parts = split_name(name)
        if len(parts) <= 1:
            return  # single-token names need no joining
        bucket = self._by_first.setdefault(parts[0], [])
        if any(p == parts for p, _ in bucket):
            return
        bucket.append((parts, name))
        bucket.sort(key=lambda item: -len(item[0]))

    def candidates(self, first: str):
        names = self
        while names is not None:
            yield from names._by_first.get(first, ())
            names = names.parent

    def child(self, names=()) -> Names:
        return Names(names, self)
