"""The impact report: as a dict (``--json``), as a terminal summary, and as a self-contained HTML page with a
histogram of the per-case differences (matplotlib, embedded as a base64 PNG) and a table of the top cases."""

from __future__ import annotations

import base64
import html
import io
from decimal import Decimal

from service import jsonvalues

from .impact import ImpactRun

__all__ = ["html_report", "json_report", "report", "terminal_report"]


def _quantile(ordered: list[Decimal], q: float) -> Decimal:
    index = min(int(q * (len(ordered) - 1) + 0.5), len(ordered) - 1)
    return ordered[index]


def _distribution(diffs: list[Decimal]) -> dict:
    ordered = sorted(diffs)
    total = sum(ordered, Decimal(0))
    return {
        "changed": len(ordered), "sum": total, "increases": sum(1 for d in ordered if d > 0),
        "decreases": sum(1 for d in ordered if d < 0), "min": ordered[0], "p10": _quantile(ordered, 0.1),
        "median": _quantile(ordered, 0.5), "p90": _quantile(ordered, 0.9), "max": ordered[-1],
        "mean": (total / len(ordered)).quantize(Decimal("0.01")),
    }


def report(run: ImpactRun) -> dict:
    """The report as JSON values (numbers as Decimal)."""
    tally = run.tally
    rules = []
    for key in sorted(tally.hits_before.keys() | tally.hits_after.keys(), key=lambda k: (str(k[0]), str(k[1]))):
        before, after = tally.hits_before.get(key, 0), tally.hits_after.get(key, 0)
        if before != after:
            name, index, annotation = tally.rules.get(key, (None, None, None))
            rules.append({"decisionId": key[0], "decisionName": name, "ruleId": key[1], "ruleIndex": index,
                          "annotation": annotation, "hitsBefore": before, "hitsAfter": after,
                          "change": after - before})
    rules.sort(key=lambda r: -abs(r["change"]))
    money = [{"field": name, **_distribution(diffs)} for name, diffs in tally.money.items() if diffs]
    order = {name: i for i, name in enumerate(run.money_fields)}
    money.sort(key=lambda m: order.get(m["field"], len(order)))
    top = [case for _, _, case, _ in sorted(tally.top, key=lambda item: (-item[0], -item[1]))]
    target = {"scheme": run.job.scheme} if run.job.scheme else {"decision": run.job.decision}
    return {
        **target,
        "before": {"rules": run.before.origin, "models": run.models.get("before", [])},
        "after": {"rules": run.after.origin, "models": run.models.get("after", [])},
        "cases": tally.cases, "changed": tally.changed, "unchanged": tally.cases - tally.changed,
        "statusChanged": tally.status_changed,
        "fields": [{"field": name, "changed": count} for name, count in tally.fields.most_common()],
        "money": money,
        "largestChanges": top,
        "rules": rules,
        "seconds": round(run.seconds, 2),
    }


def json_report(run: ImpactRun) -> str:
    return jsonvalues.dumps(report(run), indent=2)


def _amount(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:+,.2f}" if value else "0"
    return "—" if value is None else str(value)


def terminal_report(run: ImpactRun) -> str:
    data = report(run)
    lines = [f"{data['cases']:,} cases: {data['changed']:,} answers change, {data['unchanged']:,} do not"
             f" ({data['statusChanged']:,} change status); {data['seconds']} s",
             f"  before: {data['before']['rules']}   after: {data['after']['rules']}"]
    if data["fields"]:
        lines.append("Fields that change:")
        lines += [f"  {f['field']:<32} {f['changed']:>9,} cases" for f in data["fields"][:20]]
    for money in data["money"]:
        lines.append(f"{money['field']}: {money['changed']:,} cases change, sum {_amount(money['sum'])} "
                     f"(+{money['increases']:,} / -{money['decreases']:,}); min {_amount(money['min'])}, "
                     f"median {_amount(money['median'])}, max {_amount(money['max'])}")
    if data["largestChanges"]:
        lines.append("Largest changes:")
        for case in data["largestChanges"][:10]:
            name = case["caseId"] or f"line {case['line']}"
            diffs = ", ".join(f"{k} {_amount(v)}" for k, v in case["differences"].items()) or ", ".join(case["fields"])
            lines.append(f"  {name}: {diffs}")
            if case["rulesBefore"] or case["rulesAfter"]:
                lines.append(f"      rules before: {', '.join(case['rulesBefore']) or '—'}")
                lines.append(f"      rules after:  {', '.join(case['rulesAfter']) or '—'}")
    if data["rules"]:
        lines.append("Table rules whose hits change:")
        for rule in data["rules"][:20]:
            lines.append(f"  {rule['decisionId']} › {rule['ruleId']}: {rule['hitsBefore']:,} → {rule['hitsAfter']:,}"
                         f" ({rule['change']:+,})")
    return "\n".join(lines)


def _histogram(money: list[dict], tally) -> str | None:
    """A PNG (base64) of the per-case differences of each money field."""
    if not money:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    shown = money[:3]
    figure, axes = pyplot.subplots(1, len(shown), figsize=(4.2 * len(shown), 3.2), squeeze=False)
    for axis, entry in zip(axes[0], shown, strict=True):
        values = [float(d) for d in tally.money[entry["field"]]]  # drawing only: the figures stay Decimal
        axis.hist(values, bins=40, color="#3b6ea8", edgecolor="white")
        axis.set_title(f"{entry['field']} ({len(values):,} cases)", fontsize=10)
        axis.set_xlabel("difference after − before (€)")
        axis.set_ylabel("cases")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    pyplot.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


_STYLE = """body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}
.up{color:#1a7f37}.down{color:#b42318}small{color:#666}td{overflow-wrap:anywhere}"""
_LONG = 160  # a longer value (a v2 answer's schedule or months, as JSON text) is cut in the table of cases


def _value(value) -> str:
    """A field's value in the table of cases: lists are already JSON text (see impact.flatten)."""
    text = value if isinstance(value, str) and value.startswith(("[", "{")) else jsonvalues.dumps(value)
    return text if len(text) <= _LONG else text[:_LONG - 1] + "…"


def html_report(run: ImpactRun) -> str:
    """A self-contained page: no script, no link, the histogram embedded."""
    data = report(run)
    e = html.escape

    def num(value) -> str:
        text = e(_amount(value))
        if isinstance(value, Decimal) and value:
            return f'<span class="{"up" if value > 0 else "down"}">{text}</span>'
        return text

    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Impact of a rule change"
             f"</title><style>{_STYLE}</style></head><body>",
             "<h1>Impact of a rule change</h1>",
             f"<p>Before: <code>{e(data['before']['rules'])}</code>, after: <code>{e(data['after']['rules'])}</code>"
             f" ({e(str(data.get('scheme') or data.get('decision')))}).</p>"]
    for side in ("before", "after"):
        models = ", ".join(f"{m['name']} ({m['sha256'][:12]})" for m in data[side]["models"])
        parts.append(f"<p><small>{side}: {e(models)}</small></p>")
    parts.append(f"<p><b>{data['cases']:,}</b> cases: <b>{data['changed']:,}</b> answers change, "
                 f"{data['unchanged']:,} do not; {data['statusChanged']:,} change status.</p>")
    if data["money"]:
        parts.append("<h2>Money</h2><table><tr><th>field</th><th>cases</th><th>sum</th><th>increases</th>"
                     "<th>decreases</th><th>min</th><th>median</th><th>mean</th><th>max</th></tr>")
        for m in data["money"]:
            parts.append(f"<tr><td>{e(m['field'])}</td><td class=n>{m['changed']:,}</td><td class=n>{num(m['sum'])}"
                         f"</td><td class=n>{m['increases']:,}</td><td class=n>{m['decreases']:,}</td>"
                         f"<td class=n>{num(m['min'])}</td><td class=n>{num(m['median'])}</td>"
                         f"<td class=n>{num(m['mean'])}</td><td class=n>{num(m['max'])}</td></tr>")
        parts.append("</table>")
        image = _histogram(data["money"], run.tally)
        if image:
            parts.append(f'<img alt="Histograms of the per-case differences" style="max-width:100%" '
                         f'src="data:image/png;base64,{image}">')
    if data["largestChanges"]:
        parts.append("<h2>Largest changes</h2><table><tr><th>case</th><th>differences</th><th>before</th>"
                     "<th>after</th><th>rules fired before</th><th>rules fired after</th></tr>")
        for case in data["largestChanges"]:
            name = case["caseId"] or f"line {case['line']}"
            diffs = "<br>".join(f"{e(k)} {num(v)}" for k, v in case["differences"].items()) or e(
                ", ".join(case["fields"]))
            before = "<br>".join(f"{e(k)}: {e(_value(v))}" for k, v in case["before"].items())
            after = "<br>".join(f"{e(k)}: {e(_value(v))}" for k, v in case["after"].items())
            parts.append(f"<tr><td>{e(str(name))}</td><td>{diffs}</td><td>{before}</td><td>{after}</td>"
                         f"<td>{'<br>'.join(e(r) for r in case['rulesBefore'])}</td>"
                         f"<td>{'<br>'.join(e(r) for r in case['rulesAfter'])}</td></tr>")
        parts.append("</table>")
    if data["fields"]:
        parts.append("<h2>Fields that change</h2><table><tr><th>field</th><th>cases</th></tr>")
        parts += [f"<tr><td>{e(f['field'])}</td><td class=n>{f['changed']:,}</td></tr>" for f in data["fields"]]
        parts.append("</table>")
    if data["rules"]:
        parts.append("<h2>Table rules whose hits change</h2><table><tr><th>decision</th><th>rule</th>"
                     "<th>annotation</th><th>hits before</th><th>hits after</th><th>change</th></tr>")
        for r in data["rules"]:
            parts.append(f"<tr><td>{e(str(r['decisionName'] or r['decisionId']))}</td><td>{e(str(r['ruleId']))}"
                         f" (row {e(str(r['ruleIndex']))})</td><td>{e(str(r['annotation'] or ''))}</td>"
                         f"<td class=n>{r['hitsBefore']:,}</td><td class=n>{r['hitsAfter']:,}</td>"
                         f"<td class=n>{r['change']:+,}</td></tr>")
        parts.append("</table>")
    parts.append(f"<p><small>{data['seconds']} s</small></p></body></html>")
    return "\n".join(parts)
