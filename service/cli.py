"""The ``decisions`` command: serve, evaluate, check, test, tck."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import create_app, default_decisions_dir
from .dmn import LoadError, load

__all__ = ["main"]

_decisions_option = click.option(
    "--decisions", "decisions_dir", type=click.Path(path_type=Path), default=None,
    help="Folder (or .dmn file) of the models. Default: $DECISIONS_DIR, else the bundled decisions/ folder.",
)


def _load_or_exit(path: Path | None):
    """The models of ``path``; on any problem print each as ``file:line: message`` and exit 1."""
    path = path or default_decisions_dir()
    if not path.exists():
        raise click.ClickException(f"{path}: no such file or folder")
    try:
        models = load(str(path))
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
@click.option("--reload-timeout", default=300.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a reload (kill -HUP) may take before it counts as failed.")
@click.option("--read-timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a client has to send a whole request (else 408).")
def serve(decisions_dir, host, port, workers, threads, max_body, reload_timeout, read_timeout):
    """Serve the decisions over HTTP with gunicorn (kill -HUP <pid> reloads the models)."""
    from .server import DecisionServer, log_event

    path = decisions_dir or default_decisions_dir()
    models = _load_or_exit(path)
    log_event("starting", decisions=str(path), bind=f"{host}:{port}", workers=workers,
              models=[{"name": m.name, "sha256": m.sha256} for m in models.values()])
    options = {"bind": f"{host}:{port}", "workers": workers, "threads": threads, "timeout": 60,
               "read_timeout": read_timeout,
               "graceful_timeout": 30}
    DecisionServer(path, models, options, app_config={"MAX_CONTENT_LENGTH": max_body},
                   reload_timeout=reload_timeout).run()


@main.command()
@click.argument("decision")
@click.option("--input", "input_file", type=click.File("rb"), required=True,
              help="JSON object of input values keyed by input-data name; - reads standard input.")
@_decisions_option
@click.option("--model", "model_name", default=None, help="The model, when several hold the decision.")
@click.option("--strict", is_flag=True, help="A table matching no rule is an error instead of null.")
def evaluate(decision, input_file, decisions_dir, model_name, strict):
    """Evaluate DECISION (id or name) and print the JSON answer the service would give."""
    from urllib.parse import quote, urlencode

    models = _load_or_exit(decisions_dir)
    client = create_app(models=models, config={"MAX_CONTENT_LENGTH": None}).test_client()
    query = {k: v for k, v in {"model": model_name, "strict": "true" if strict else None}.items() if v}
    url = f"/decisions/{quote(decision, safe='')}/evaluate" + (f"?{urlencode(query)}" if query else "")
    response = client.post(url, data=input_file.read(), content_type="application/json")
    text = response.get_data(as_text=True).rstrip("\n")
    if response.status_code != 200:
        click.echo(text, err=True)
        sys.exit(1)
    click.echo(text)


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def check(path):
    """Load PATH (a .dmn file or folder; default: the bundled decisions) and print every problem."""
    path = path or default_decisions_dir()
    models = _load_or_exit(path)
    for model in models.values():
        click.echo(f"{model.file}: OK {model.name!r}, {len(model.decisions)} decision(s), "
                   f"sha256 {model.sha256[:12]}")


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
@click.argument("root", type=click.Path(exists=True, file_okay=False))
@click.option("--csv", "csv_path", default=None, type=click.Path(dir_okay=False),
              help="Also write one CSV row per test case.")
def tck(root, csv_path):
    """Run the DMN TCK test cases under ROOT and report the pass rate."""
    from service.dmn.tck import run_tck

    sys.exit(run_tck(root, csv_path, sys.stdout))


if __name__ == "__main__":  # pragma: no cover
    main()
