"""Unnamed imports (``<import name="" .../>``). DMN 1.5 §6.3.3: an import's name is the prefix that qualifies
the imported elements; with an empty name there is no prefix, and the imported decisions, input data, BKMs,
decision services and item definitions are known in the importing model by their own names (and ``#id``
references find them), as jDMN and Drools read it. Here the importing model's definitions get the imported
ones' elements (recursively, for unnamed imports of unnamed imports), so it evaluates them as its own."""

from __future__ import annotations

from dataclasses import replace

from . import model as M

__all__ = ["merge_unnamed_imports"]

_KINDS = ("item_definitions", "input_data", "decisions", "bkms", "decision_services")


def merge_unnamed_imports(all_definitions: list[M.Definitions], aliases: dict | None = None) -> list[M.Definitions]:
    """The same definitions, each one that has unnamed imports of models among ``all_definitions`` replaced by
    a copy holding their elements too (an element whose name or id the importer already has is left out).
    ``aliases``: more namespaces a model is imported by (``{namespace: definitions}``)."""
    by_ns = {**(aliases or {}), **{d.namespace: d for d in all_definitions}}
    done: dict[str, M.Definitions] = {}

    def merged(d: M.Definitions, visiting: frozenset) -> M.Definitions:
        if d.namespace in done:
            return done[d.namespace]
        unnamed = [imp for imp in d.imports if not imp.name and imp.namespace in by_ns]
        if not unnamed:
            return d
        out = replace(d, imports=[imp for imp in d.imports if imp not in unnamed], faulty=dict(d.faulty),
                      **{k: list(getattr(d, k)) for k in _KINDS})
        names = {el.name for k in _KINDS for el in getattr(out, k)}
        ids = {el.id for k in _KINDS for el in getattr(out, k) if el.id}
        for imp in unnamed:
            target = by_ns[imp.namespace]
            if target.namespace in visiting or target.namespace == d.namespace:
                continue  # a cycle of unnamed imports: each model once
            other = merged(target, visiting | {d.namespace})
            for kind in _KINDS:
                for el in getattr(other, kind):
                    if el.name in names or (el.id and el.id in ids):
                        continue
                    names.add(el.name)
                    if el.id:
                        ids.add(el.id)
                        if el.id in other.faulty:
                            out.faulty[el.id] = other.faulty[el.id]
                    getattr(out, kind).append(el)
            known = {(i.name, i.namespace) for i in out.imports}
            out.imports.extend(i for i in other.imports if (i.name, i.namespace) not in known)
        if not visiting:
            done[d.namespace] = out
        return out

    return [merged(d, frozenset()) for d in all_definitions]
