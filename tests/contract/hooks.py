"""schemathesis hooks for the contract run: the one check that tells a 422 the OpenAPI document cannot state
(the rules cannot decide the case; a date before the incapacity start; the inputs of the decision a path
names, which GET /decisions/{id} lists) from a 422 it should have stated."""

import schemathesis

#: the messages of the rules between dates, which JSON Schema cannot state (the document's descriptions do)
DATE_ORDER = {"Must not precede incapacityStartDate.", "Must not follow incapacityStartDate.",
              "Must not precede periodStart.", "Must not precede startDate.", "Must end before incapacityStartDate.",
              "The period is at most 366 days."}


@schemathesis.check
def refusals_the_document_states(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    if case.operation.path == "/decisions/{decision_id}/evaluate":
        return None  # the body's fields are the inputs of the decision named in the path
    problem = response.json()
    if problem.get("type") == "/problems/undecidable":
        return None
    errors = problem.get("errors") or []
    if problem.get("type") == "/problems/validation" and errors and all(e["message"] in DATE_ORDER for e in errors):
        return None
    raise AssertionError(f"a request the OpenAPI document admits was refused: {problem}")


def _survive_cpython_ast_bug() -> None:
    """CPython 3.11 before 3.11.8 may raise ``SystemError: AST constructor recursion depth mismatch`` from
    ``ast.parse`` (gh-106905), which hypothesis calls only to describe a lambda in a strategy's repr; such a
    lambda is then described by its name."""
    from hypothesis.internal import lambda_sources

    describe = lambda_sources._lambda_description

    def described(f, *args, **kwargs):
        try:
            return describe(f, *args, **kwargs)
        except SystemError:
            return "lambda"

    lambda_sources._lambda_description = described


_survive_cpython_ast_bug()
