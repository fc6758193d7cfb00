"""Load DMN files or folders into compiled models, imports resolved between them."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .budget import Budget
from .errors import LoadError, Problem
from .evalstate import folding
from .graph import Model
from .reader import read_definitions
from .unnamed_imports import merge_unnamed_imports

__all__ = ["Models", "load"]

MAX_FILE_BYTES = 20 * 1024 * 1024


class Models(Mapping):
    """The models loaded together: a mapping of model name to ``Model``."""

    def __init__(self, models: list[Model], diagnostics: list[Problem] | None = None):
        self._list = models
        self._by_name = {m.name: m for m in models}
        #: every problem of a load with strict=False (a file that could not be read at all included)
        self.diagnostics: list[Problem] = list(diagnostics or [])

    def __getitem__(self, name: str) -> Model:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def all(self) -> list[Model]:
        return list(self._list)

    def by_file(self, file_name: str) -> Model:
        """The model read from a file of that name (base name or path)."""
        base = os.path.basename(file_name)
        for m in self._list:
            if m.file and (m.file == file_name or os.path.basename(m.file) == base):
                return m
        raise KeyError(file_name)

    def by_namespace(self, namespace: str) -> Model:
        for m in self._list:
            if m.namespace == namespace:
                return m
        raise KeyError(namespace)


def _read(path: Path, strict: bool = True):
    try:
        data = path.read_bytes()
    except OSError as err:
        raise LoadError([Problem(f"cannot read the file: {err.strerror}", str(path))]) from None
    return read_definitions(data, str(path), strict=strict), data


def load(path: str | os.PathLike, *, strict: bool = True, budget: Budget | None = None) -> Models:
    """Load a .dmn file (with the models it imports from its folder) or every .dmn file of a folder.

    ``strict`` (the default): raises ``LoadError`` listing every problem found, each with file, line and
    element. ``strict=False``: loads what can be loaded; each model's ``diagnostics`` lists its problems (and
    ``Models.diagnostics`` all of them, files that are no DMN model included). An element with a problem (a
    decision, a BKM, a context entry, a table cell...) raises ``EvaluationError`` naming it when an evaluation
    needs it; the rest evaluates. Raises ``LoadError`` only when no model loads at all.

    Constant expressions are folded under ``budget`` (all of them together; default ``DEFAULT_BUDGET``): one that
    would spend more is left to each evaluation, which has a budget of its own.
    """
    with _collector_paused(), folding(budget):
        return _load(path, strict)


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector paused: loading makes hundreds of thousands of objects that live on and
    little cyclic garbage, and the collector's repeated passes over them took a third of a large table's load.
    It runs again once the load is done (and finds then what cycles the load left). Evaluations leave no cycle
    (see ``runtime.DecisionValue``), so other threads lose nothing meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(path: str | os.PathLike, strict: bool) -> Models:
    root = Path(path)
    if root.is_dir():
        files = sorted(p for p in root.iterdir() if p.suffix.lower() == ".dmn" and p.is_file())
        if not files:
            raise LoadError([Problem("no .dmn file in the folder", str(root))])
        wanted = None
    elif root.is_file():
        files = [root]
        wanted = root
    else:
        raise LoadError([Problem("no such file or folder", str(root))])

    problems: list[Problem] = []
    read = []
    for f in files:
        try:
            read.append(_read(f, strict))
        except LoadError as err:
            problems.extend(err.problems)
    if wanted is not None and read:
        # imports of a single file come from the other models of its folder
        needed = {imp.namespace for imp in read[0][0].imports}
        if needed:
            others = []
            for f in sorted(wanted.parent.glob("*.dmn")):
                if f != wanted:
                    try:
                        others.append(_read(f, strict))
                    except LoadError:
                        continue
            by_ns = {d.namespace: (d, x) for d, x in others}
            queue = list(needed)
            seen = {read[0][0].namespace}
            while queue:
                ns = queue.pop()
                if ns in seen or ns not in by_ns:
                    continue
                seen.add(ns)
                read.append(by_ns[ns])
                queue.extend(imp.namespace for imp in by_ns[ns][0].imports)
    aliases = _read_located_imports(read, root if root.is_dir() else root.parent, strict)
    if problems and (strict or not read):
        raise LoadError(problems)

    registry: dict[str, Model] = {}
    models = []
    by_file = {definitions.file: definitions for definitions, _ in read}
    merged = merge_unnamed_imports([definitions for definitions, _ in read],
                                   {ns: by_file[f] for ns, f in aliases.items()})
    for definitions, (_, data) in zip(merged, read, strict=True):
        m = Model(definitions, data, registry)
        registry.setdefault(definitions.namespace, m)
        models.append(m)
    for ns, file in aliases.items():
        registry.setdefault(ns, next(m for m in models if m.file == file))
    for m in models:
        for imp in m.definitions.imports:
            if imp.namespace not in registry:
                problems.append(Problem(f"imported model '{imp.namespace}' was not found", m.file, imp.line, imp.id))
    for m in models:
        problems.extend(m.definitions.problems)
        m.compile(problems)
    for m in models:
        m.diagnostics = [p for p in problems if p.file == m.file]
    if problems and strict:
        raise LoadError(problems)
    for m in models:
        m.link()
    return Models(models, problems)


def _read_located_imports(read: list, top: Path, strict: bool) -> dict[str, str]:
    """Imports whose namespace no model read has, found by their ``locationURI`` instead (a path relative to the
    importing file, within ``top``, as jDMN and Drools also resolve it): the files are read (added to ``read``)
    and ``{import namespace: file}`` returned, so that the import's namespace names that model."""
    known = {d.namespace for d, _ in read}
    aliases: dict[str, str] = {}
    pending = list(read)
    top = top.resolve()
    while pending:
        d, _ = pending.pop()
        for imp in d.imports:
            if imp.namespace in known or imp.namespace in aliases or not imp.location or "://" in imp.location \
                    or d.file is None:
                continue
            target = (Path(d.file).parent / imp.location).resolve()
            if target.suffix.lower() != ".dmn" or not target.is_file() or not target.is_relative_to(top):
                continue
            found = next((x for x in read if x[0].file and Path(x[0].file).resolve() == target), None)
            if found is None:
                try:
                    found = _read(target, strict)
                except LoadError:
                    continue
                read.append(found)
                pending.append(found)
            aliases[imp.namespace] = found[0].file
    return aliases
