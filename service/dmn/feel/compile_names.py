"""Compiling names and paths: a name looked up in the scope (a lazy decision asked for its value, a built-in
where nothing shadows it), ``Person.Gender`` as one name or a path, and ``v.name`` on contexts, dates and
lists."""

from __future__ import annotations

from . import ast as A
from . import ops
from .builtins import BUILTINS
from .compiled import DATE_PROPERTIES, path_step
from .lazy import LAZY_TYPES, MISSING
from .scope import resolve

__all__ = ["NameCompiler"]


class NameCompiler:
    referenced: set | None
    lazy_names: frozenset | None
    #: when a dict: for each name compiled, the fields of it that are read (``X.a``), or None where it is read
    #: whole or where a path may not start at it (see ``note_read``)
    field_reads: dict | None
    _local: set
    _filters: int
    item_scopes: int  # depth of boxed filters being compiled, whose items' keys are names too
    _path_head: tuple | None  # (name node, field) while the name is compiled as the target of a path

    def _c(self, n): ...

    def note_read(self, name: str, field: str | None = None) -> None:
        """Record that ``name`` is read: at ``field`` (the first step of a path from it) or whole. A path is
        only counted as such where nothing else may answer to the name: not where the tree binds the name
        itself (a ``for`` variable, a parameter, a context key) nor in a filter's condition (an item's keys)."""
        reads = self.field_reads
        if reads is None:
            return
        if field is None or name in self._local or self._filters or self.item_scopes:
            reads[name] = None
        else:
            fields = reads.setdefault(name, set())
            if fields is not None:
                fields.add(field)

    def _Name(self, n: A.Name):
        name = n.name
        head_of_path, self._path_head = self._path_head, None
        if self.referenced is not None:
            self.referenced.add(name)
        if "." in name:
            # `Person.Gender` is a name where a parameter is called so, else a path into `Person`
            head, *rest = [part.strip() for part in name.split(".")]
            if self.referenced is not None:
                self.referenced.add(head)
            self.note_read(name)
            self.note_read(head, rest[0])

            def dotted(env):
                v = env.get(name, MISSING)
                if v is not MISSING:
                    return v.get() if v.__class__ in LAZY_TYPES else v
                v = resolve(env, head)
                for part in rest:
                    if type(v) is dict:
                        v = v.get(part)
                        if v.__class__ in LAZY_TYPES:
                            v = v.get()
                    elif v is None:
                        return None
                    else:
                        v = ops.get_property(v, part)
                return v
            return dotted
        self.note_read(name, head_of_path[1] if head_of_path is not None and head_of_path[0] is n else None)
        lazy_types = LAZY_TYPES
        builtin = BUILTINS.get(name)

        def lookup(env):
            v = env.get(name, MISSING)
            if v is MISSING:
                return builtin
            if v.__class__ in lazy_types:
                known = v._value
                return v.get() if known is MISSING else known
            return v
        lookup.plain_name = (name, builtin)  # parents may do this lookup themselves, saving a call
        lookup.may_be_lazy = self.lazy_names is None or name in self.lazy_names
        return lookup

    def _Path(self, n: A.Path):
        if type(n.target) is A.Name:
            self._path_head = (n.target, n.name)
        target = self._c(n.target)
        name = n.name
        date_property = DATE_PROPERTIES.get(name)
        lazy_types = LAZY_TYPES
        plain = getattr(target, "plain_name", None)
        if plain is not None:  # `Coverage.covered`, `household.livesAlone`: the name looked up here
            target_name, builtin = plain

            def name_path(env):
                v = env.get(target_name, MISSING)
                if v.__class__ in lazy_types:
                    known = v._value
                    v = v.get() if known is MISSING else known
                elif v is MISSING:
                    v = builtin
                if type(v) is dict:
                    r = v.get(name)
                    return r.get() if r.__class__ in lazy_types else r
                return path_step(v, name, date_property)
            return name_path

        def path(env):
            v = target(env)
            if type(v) is dict:
                r = v.get(name)
                return r.get() if r.__class__ in lazy_types else r
            return path_step(v, name, date_property)
        return path

    def _Descendant(self, n: A.Descendant):
        target = self._c(n.target)
        name = n.name

        def descendant(env):
            return descendants(target(env), name)
        return descendant


def descendants(value, name: str) -> list:
    """``value...name``: the values of the key ``name`` in ``value`` and in every context and list inside it,
    in document order (a context's entries in their order, a match before what its own value holds), nulls
    left out; a value that is neither a context nor a list holds none, so the result is ``[]``. DMN 1.5 has no
    such operator: this follows the DMN 1.6 draft's descendant operator as jDMN and Drools read it. Walked
    with a stack, so a deep value cannot exhaust Python's recursion."""
    found = []
    stack = [(None, value)]  # (the key that led here, the value)
    while stack:
        key, v = stack.pop()
        if v.__class__ in LAZY_TYPES:
            v = v.get()
        if key == name and v is not None:
            found.append(v)
        if type(v) is dict:
            stack.extend(reversed(v.items()))
        elif type(v) is list:
            stack.extend((None, item) for item in reversed(v))
    return found
