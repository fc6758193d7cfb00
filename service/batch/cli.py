"""The ``decisions batch``, ``decisions impact`` and ``decisions sample`` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .bundle import Bundle, BundleError
from .evaluate import Job
from .rows import InputError

__all__ = ["batch", "impact", "sample"]

_FORMAT = click.Choice(["jsonl", "csv", "parquet"])


def _bundle(source) -> Bundle:
    from service.app import default_decisions_dir

    try:
        bundle = Bundle.read(source or default_decisions_dir())
        bundle.load()  # every problem now, before any worker starts
    except BundleError as exc:
        raise click.ClickException(str(exc)) from None
    return bundle


def _failure(exc: Exception) -> str:
    """What went wrong, in one line: the message of ours, the first line of another's."""
    from .spark import SparkUnavailable

    text = str(exc).strip()
    if isinstance(exc, SparkUnavailable):
        return text
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else 'failed'}"


def _job(scheme, decision, model, trace, strict) -> Job:
    if (scheme is None) == (decision is None):
        raise click.UsageError("give either --scheme inami|ossom or --decision ID")
    if model is not None and decision is None:
        raise click.UsageError("--model goes with --decision")
    return Job(scheme=scheme, decision=decision, model=model, trace=trace, strict=strict)


def _check_target(job: Job, bundle: Bundle) -> None:
    """A decision that no model holds, or a scheme whose model is not there, is said once, not on every row."""
    from service.api.domain import DEFAULT_TARGETS
    from service.api.problems import ProblemError
    from service.api.registry import Registry

    registry = Registry(bundle.load())
    try:
        if job.scheme is not None:
            registry.domain_model(DEFAULT_TARGETS[job.scheme][0])
        else:
            registry.decision(job.decision, job.model)
    except ProblemError as problem:
        raise click.ClickException(problem.detail) from None


@click.command()
@click.argument("source", metavar="INPUT", type=click.Path(path_type=Path))
@click.argument("target", metavar="OUTPUT", type=click.Path(path_type=Path))
@click.option("--scheme", type=click.Choice(["inami", "ossom"]), help="Answer each row as POST /benefits/SCHEME.")
@click.option("--decision", help="Answer each row as POST /decisions/ID/evaluate (id or name).")
@click.option("--model", help="With --decision: the model, when several hold the decision.")
@click.option("--strict", is_flag=True, help="With --decision: a table matching no rule is a problem, not null.")
@click.option("--decisions", "decisions_dir", default=None,
              help="Folder (or .dmn file) of the models, or git:REV. Default: $DECISIONS_DIR, else decisions/.")
@click.option("--input-format", type=_FORMAT, default=None, help="Default: from INPUT's name.")
@click.option("--resume", is_flag=True, help="Skip the cases already in OUTPUT and add the others to it.")
@click.option("--trace", is_flag=True, help="Keep the evaluated decisions (evaluatedDecisions) in each answer.")
@click.option("--workers", type=click.IntRange(1, 512), default=None,
              help="Worker processes. Default: every core.")
@click.option("--spark", "master", default=None, metavar="MASTER",
              help="Run on Apache Spark: local[*], spark://host:7077, yarn, ... (pip install -e '.[spark]').")
@click.option("--progress/--no-progress", default=None, help="The progress bar (default: on a terminal).")
def batch(source, target, scheme, decision, model, strict, decisions_dir, input_format, resume, trace, workers,
          master, progress):
    """Answer every case of INPUT (JSON Lines, CSV with dotted columns, Parquet) into OUTPUT (.jsonl or
    .parquet): one row per input row, keyed by caseId or line number, with the answer or the problem document
    the HTTP endpoint gives."""
    job = _job(scheme, decision, model, trace, strict)
    bundle = _bundle(decisions_dir)
    _check_target(job, bundle)
    try:
        if master:
            from .spark import SparkUnavailable, run_batch_spark

            try:
                summary = run_batch_spark(bundle, job, source, target, master, input_format=input_format,
                                          resume=resume)
            except SparkUnavailable as exc:
                raise click.ClickException(str(exc)) from None
        else:
            from .run import run_batch

            shown = sys.stderr.isatty() if progress is None else progress
            summary = run_batch(bundle, job, source, target, input_format=input_format, resume=resume,
                                workers=workers, progress=shown)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    except (click.ClickException, KeyboardInterrupt):
        raise
    except Exception as exc:  # a file that cannot be decoded, a worker or executor that died, ...
        raise click.ClickException(_failure(exc)) from None
    click.echo(summary.text(), err=True)


@click.command()
@click.option("--scheme", type=click.Choice(["inami", "ossom"]), required=True)
@click.option("--count", type=click.IntRange(1), required=True, help="How many cases.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same cases.")
@click.argument("target", metavar="OUTPUT", type=click.Path(path_type=Path))
def sample(scheme, count, seed, target):
    """Write COUNT synthetic (made-up, plausible) cases to OUTPUT (.jsonl, .csv or .parquet)."""
    from .sample import write_sample

    try:
        write_sample(scheme, count, seed, target)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{count:,} synthetic {scheme} cases written to {target}", err=True)


@click.command()
@click.argument("source", metavar="CASES", type=click.Path(path_type=Path))
@click.option("--before", required=True, help="The rules before: a folder, a .dmn file or git:REV.")
@click.option("--after", default=None, help="The rules after: a folder or .dmn file. Default: decisions/.")
@click.option("--scheme", type=click.Choice(["inami", "ossom"]),
              help="Compare the answers of POST /benefits/SCHEME (the default: inami).")
@click.option("--decision", help="Compare the answers of a decision (id or name).")
@click.option("--model", help="With --decision: the model, when several hold the decision.")
@click.option("--input-format", type=_FORMAT, default=None, help="Default: from CASES' name.")
@click.option("--json", "json_file", type=click.Path(path_type=Path), default=None,
              help="Write the report as JSON to this file (- for standard output).")
@click.option("--html", "html_file", type=click.Path(path_type=Path), default=None,
              help="Write a self-contained HTML report (histogram, top cases) to this file.")
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True, help="Largest changes listed.")
@click.option("--money", multiple=True, metavar="FIELD",
              help="A money field (dotted path of the answer) to total; repeat for more. Default: the scheme's "
                   "amounts (service.batch.impact.MONEY_FIELDS), or every number that changes for --decision.")
@click.option("--workers", type=click.IntRange(1, 512), default=None, help="Worker processes. Default: every core.")
@click.option("--spark", "master", default=None, metavar="MASTER", help="Run on Apache Spark.")
@click.option("--progress/--no-progress", default=None, help="The progress bar (default: on a terminal).")
def impact(source, before, after, scheme, decision, model, input_format, json_file, html_file, top, money, workers,
           master, progress):
    """Answer the cases of CASES under two versions of the rules and report what changes: the answers and
    fields that change, the money differences (distribution, sum, largest with the rules that fired) and the
    table rules that gain or lose hits."""
    from .impact import run_impact
    from .impact_report import html_report, json_report, terminal_report

    if scheme is None and decision is None:
        scheme = "inami"
    job = _job(scheme, decision, model, True, False)
    old, new = _bundle(before), _bundle(after)
    _check_target(job, old)
    _check_target(job, new)
    shown = sys.stderr.isatty() if progress is None else progress
    try:
        report = run_impact(old, new, job, source, input_format=input_format, workers=workers, master=master,
                            progress=shown, top=top, money=money or None)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # Spark or Java missing, a file that cannot be decoded, a worker that died, ...
        raise click.ClickException(_failure(exc)) from None
    if json_file is not None:
        text = json_report(report)
        if str(json_file) == "-":
            click.echo(text)
        else:
            json_file.write_text(text + "\n", encoding="utf-8")
    if html_file is not None:
        html_file.write_text(html_report(report), encoding="utf-8")
    if json_file is None or str(json_file) != "-":
        click.echo(terminal_report(report))
