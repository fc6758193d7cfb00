"""The ``decisions`` command: serve, evaluate, check, test, tck."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import create_app, default_decisions_dir
from .dmn import DEFAULT_BUDGET, Budget, LoadError, load

__all__ = ["main"]

_decisions_option = click.option(
    "--decisions", "decisions_dir", type=click.Path(path_type=Path), default=None,
    help="Folder (or .dmn file) of the models. Default: $DECISIONS_DIR, else the bundled decisions/ folder.",
)

_eval_timeout_option = click.option(
    "--eval-timeout", type=click.FloatRange(0, min_open=True), default=DEFAULT_BUDGET.seconds, show_default=True,
    help="Seconds one evaluation may run (and the constant folding of a load); past it: a budget-exceeded problem.",
)
_eval_max_items_option = click.option(
    "--eval-max-items", type=click.IntRange(1), default=DEFAULT_BUDGET.max_items, show_default=True,
    help="List elements and string characters one evaluation may produce; past it: a budget-exceeded problem.",
)


def _budget_config(eval_timeout: float, eval_max_items: int) -> dict:
    return {"EVAL_TIMEOUT": eval_timeout, "EVAL_MAX_ITEMS": eval_max_items}


def _load_or_exit(path: Path | None, budget: Budget | None = None):
    """The models of ``path``; on any problem print each as ``file:line: message`` and exit 1."""
    path = path or default_decisions_dir()
    if not path.exists():
        raise click.ClickException(f"{path}: no such file or folder")
    try:
        models = load(str(path), budget=budget)
    except LoadError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} problem(s) in {path}", err=True)
        sys.exit(1)
    if not models:
        raise click.ClickException(f"{path}: no .dmn file")
    return models


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="decisions")
def main():
    """DMN decisions for Belgian sickness and invalidity benefits (INAMI, OSSOM)."""


@main.command()
@_decisions_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 128),
              help="gunicorn worker processes.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 256),
              help="Threads per worker (each answers one request at a time).")
@click.option("--max-body", default=1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Largest request body in bytes (bigger: 413).")
@_eval_timeout_option
@_eval_max_items_option
@click.option("--reload-timeout", default=300.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a reload (kill -HUP) may take before it counts as failed.")
@click.option("--read-timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a client has to send a whole request (else 408).")
def serve(decisions_dir, host, port, workers, threads, max_body, eval_timeout, eval_max_items, reload_timeout,
          read_timeout):
    """Serve the decisions over HTTP with gunicorn (kill -HUP <pid> reloads the models)."""
    from .server import DecisionServer, log_event

    path = decisions_dir or default_decisions_dir()
    models = _load_or_exit(path, Budget(eval_timeout, eval_max_items))
    _lint_or_exit(models)
    log_event("starting", decisions=str(path), bind=f"{host}:{port}", workers=workers,
              models=[{"name": m.name, "sha256": m.sha256} for m in models.values()])
    options = {"bind": f"{host}:{port}", "workers": workers, "threads": threads, "timeout": 60,
               "read_timeout": read_timeout,
               "graceful_timeout": 30}
    DecisionServer(path, models, options,
                   app_config={"MAX_CONTENT_LENGTH": max_body, **_budget_config(eval_timeout, eval_max_items)},
                   reload_timeout=reload_timeout).run()


@main.command()
@click.argument("decision")
@click.option("--input", "input_file", type=click.File("rb"), required=True,
              help="JSON object of input values keyed by input-data name; - reads standard input.")
@_decisions_option
@click.option("--model", "model_name", default=None, help="The model, when several hold the decision.")
@click.option("--strict", is_flag=True, help="A table matching no rule is an error instead of null.")
@click.option("--scheme", type=click.Choice(["inami", "ossom"]), default=None,
              help="Check the inputs as POST /benefits/<scheme> does: an implausible number or date is a 422 "
                   "naming the field.")
@_eval_timeout_option
@_eval_max_items_option
def evaluate(decision, input_file, decisions_dir, model_name, strict, scheme, eval_timeout, eval_max_items):
    """Evaluate DECISION (id or name) and print the JSON answer the service would give."""
    from urllib.parse import quote, urlencode

    body = input_file.read()
    if scheme:
        _exit_if_implausible(scheme, body)
    models = _load_or_exit(decisions_dir, Budget(eval_timeout, eval_max_items))
    config = {"MAX_CONTENT_LENGTH": None, **_budget_config(eval_timeout, eval_max_items)}
    client = create_app(models=models, config=config).test_client()
    query = {k: v for k, v in {"model": model_name, "strict": "true" if strict else None}.items() if v}
    url = f"/decisions/{quote(decision, safe='')}/evaluate" + (f"?{urlencode(query)}" if query else "")
    response = client.post(url, data=body, content_type="application/json")
    text = response.get_data(as_text=True).rstrip("\n")
    if response.status_code != 200:
        click.echo(text, err=True)
        sys.exit(1)
    click.echo(text)


def _lint_or_exit(models) -> None:
    """Refuse models the linter finds errors in, printing each as ``decisions check`` does."""
    from .dmn.analysis import lint

    errors = [f for f in lint(models) if f.severity == "error"]
    if errors:
        for finding in errors:
            click.echo(str(finding), err=True)
        click.echo(f"{len(errors)} error(s): run decisions check", err=True)
        sys.exit(1)


def _exit_if_implausible(scheme: str, body: bytes) -> None:
    """Print the 422 problem document naming each implausible field and exit 1 (a body that is not JSON is left
    to the evaluation, which says so)."""
    from schemas.plausible import implausible
    from service import jsonvalues
    from service.api.problems import validation_problem

    try:
        data = jsonvalues.loads(body)
    except jsonvalues.JsonSyntaxError:
        return
    messages = implausible(scheme, data)
    if messages:
        click.echo(jsonvalues.dumps(validation_problem(messages).body()), err=True)
        sys.exit(1)


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one object with every finding (severity, code, message, where, file, line...).")
def check(path, output_format):
    """Load and lint PATH (a .dmn file or folder; default: the bundled decisions); exit 1 on any error."""
    import json

    from .dmn.analysis.check import check_path, summary

    path = path or default_decisions_dir()
    if not path.exists():
        raise click.ClickException(f"{path}: no such file or folder")
    models, findings = check_path(path)
    errors = sum(f.severity == "error" for f in findings)
    if output_format == "json":
        click.echo(json.dumps({"errors": errors, "warnings": len(findings) - errors,
                               "findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            click.echo(str(finding))
        for model in (models.values() if models is not None else []):
            click.echo(f"{model.file}: loaded {model.name!r}, {len(model.decisions)} decision(s), "
                       f"sha256 {model.sha256[:12]}")
        click.echo(summary(findings))
    sys.exit(1 if errors else 0)


@main.command()
@click.argument("path", required=False)
@click.option("--coverage", is_flag=True, help="Report the table rows no case reaches.")
@_decisions_option
def test(path, coverage, decisions_dir):
    """Run the YAML regression cases (PATH: a case file or folder; default: decisions/tests)."""
    try:
        from service.cases import run
    except ImportError as exc:
        raise click.ClickException(f"the regression-case runner is not available: {exc}") from None

    sys.exit(run(path, str(decisions_dir or default_decisions_dir()), coverage, sys.stdout))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--measure", "measure_only", is_flag=True, help="Only print the figures; change nothing.")
def layout(files, measure_only):
    """Lay out the diagrams of FILES (layered drawing) and print the crossings and edges through shapes."""
    from .dmn.layout import layout_model, measure_model

    def figures(m: dict) -> str:
        return (f"{m['shapes']} shapes, {m['edges']} edges, {m['crossings']} pairs of crossing edges, "
                f"{m['through']} edges through shapes ({m['through_hits']} times)")

    for path in files:
        data = path.read_bytes()
        if measure_only:
            for m in measure_model(data):
                click.echo(f"{path}: {figures(m)}")
            continue
        out, before, after = layout_model(data)
        path.write_bytes(out)
        for b, a in zip(before, after, strict=True):
            click.echo(f"{path}: before {figures(b)}\n{path}: after  {figures(a)}")
    if not measure_only:
        click.echo("then: node service/dmn/roundtrip/roundtrip.mjs --write FILE... (as dmn-js saves it)")


@main.command()
@click.argument("root", type=click.Path(exists=True, file_okay=False))
@click.option("--csv", "csv_path", default=None, type=click.Path(dir_okay=False),
              help="Also write one CSV row per test case.")
def tck(root, csv_path):
    """Run the DMN TCK test cases under ROOT and report the pass rate."""
    from service.dmn.tck import run_tck

    sys.exit(run_tck(root, csv_path, sys.stdout))


from .batch.cli import batch, impact, sample  # noqa: E402

main.add_command(batch)
main.add_command(impact)
main.add_command(sample)


if __name__ == "__main__":  # pragma: no cover
    main()
