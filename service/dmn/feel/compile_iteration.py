"""Compiling iteration: ``for``, ``some`` and ``every`` over their domains (one scope for all the items when
the body makes no function), each iteration through ``compiled.each_item``."""

from __future__ import annotations

from ..evalstate import charge
from . import ast as A
from .compiled import NO_END, defines_function, domain_items, each_item, reads_name
from .scope import quantify

__all__ = ["IterationCompiler"]


class IterationCompiler:
    def _c(self, n): ...

    def _repeated(self, node): ...

    def _iteration_domains(self, its: list[A.Iteration]):
        compiled = []
        for k, it in enumerate(its):
            compile_ = self._repeated if k else self._c  # the later domains are evaluated once per item
            start = compile_(it.domain)
            end = compile_(it.domain_end) if it.domain_end is not None else None
            compiled.append((it.name, start, end))
        return compiled

    @staticmethod
    def _domain(env, start, end):
        first = start(env)
        return domain_items(first, end(env) if end is not None else NO_END)

    def _For(self, n: A.For):
        domains = self._iteration_domains(n.iterations)
        body = self._repeated(n.body)
        domain = self._domain

        fresh_scopes = defines_function(n.body)  # a closure in the body keeps its own scope
        depth = len(domains)
        # `partial` is the list of the results so far, a value of its own: were it the list being built, a
        # result holding it would hold itself
        copies_partial = reads_name(n.body, "partial")
        if depth == 1 and not fresh_scopes and not copies_partial:
            return self._for_one(domains[0], body)

        def for_(env):
            results = []

            def loop(k, scope):
                if k == depth:
                    if copies_partial:
                        charge(len(results))
                        scope["partial"] = list(results)
                    else:
                        scope["partial"] = results
                    results.append(body(scope))
                    return True
                name, start, end = domains[k]
                items = domain(scope, start, end)
                if items is None:
                    return False
                for item in each_item(items):
                    inner = dict(scope) if fresh_scopes else scope
                    inner[name] = item
                    if not loop(k + 1, inner):
                        return False
                return True
            if not loop(0, dict(env)):
                return None
            return results
        return for_

    def _for_one(self, iteration, body):
        """``for x in xs return body`` whose body makes no function: one scope for all the items (``partial``,
        the results so far, is the list being filled)."""
        name, start, end = iteration
        domain = self._domain

        def for_(env):
            scope = dict(env)
            items = domain(scope, start, end)
            if items is None:
                return None
            results = []
            scope["partial"] = results
            append = results.append
            for item in each_item(items):
                scope[name] = item
                append(body(scope))
            return results
        return for_

    def _Quantified(self, n: A.Quantified):
        domains = self._iteration_domains(n.iterations)
        cond = self._repeated(n.cond)
        every = n.kind == "every"
        domain = self._domain
        if len(domains) == 1 and not defines_function(n.cond):  # one scope for all the items
            name, start, end = domains[0]

            def quantified_one(env):
                scope = dict(env)
                items = domain(scope, start, end)
                if items is None:  # a null domain makes the whole null, as it makes a `for` null (jDMN, Drools)
                    return None

                def conditions():
                    for item in each_item(items):
                        scope[name] = item
                        yield cond(scope)
                return quantify(conditions(), every)
            return quantified_one

        def quantified(env):
            # a domain that is null (or no list, range or value to iterate) makes the whole expression null,
            # as it makes a for expression null; jDMN and Drools give null there too
            undefined = []

            def scopes(k, scope):
                if k == len(domains):
                    yield scope
                    return
                name, start, end = domains[k]
                items = domain(scope, start, end)
                if items is None:
                    undefined.append(True)
                    return
                for item in each_item(items):
                    inner = dict(scope)
                    inner[name] = item
                    yield from scopes(k + 1, inner)
            result = quantify((cond(scope) for scope in scopes(0, dict(env))), every)
            return None if undefined else result
        return quantified
