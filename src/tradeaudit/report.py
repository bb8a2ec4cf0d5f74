"""Reporters: the audit as JSON (contract 3), a terminal summary and Markdown."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit import __version__
from tradeaudit.engine import Audit, _texts
from tradeaudit.relation import _arrow

REPORT_VERSION = 1


def _bound(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, float) and math.isinf(x):
        return None  # JSON has no infinity: an open side is null
    return float(f"{x:.10g}") + 0.0  # + 0.0: no "-0.0" for a bound at zero


def _interval(d: dict) -> dict:
    return {"low": _bound(d.get("low")), "high": _bound(d.get("high"))}


def to_dict(a: Audit, figures: bool = True) -> dict:
    """The report as plain data, in contract 3's shape and key order (without the figures:
    everything before them)."""
    frame = a.table.frame
    out = {
        "tool": "tradeaudit", "version": __version__, "report_version": REPORT_VERSION,
        "inputs": [{"path": p, "sha256": d} for p, d in zip(a.table.paths, a.table.digests)],
        "rules": {"name": a.rules.name, "path": a.rules.path,
                  "conversion_policy": a.policy},
        "summary": {**{k: a.counts[k] for k in ("figures", "checks", "consistent",
                                                  "inconsistent", "undecided", "warnings")},
                    "verdict": a.verdict},
        "discrepancies": [{
            "id": f"D{n}", "code": d.code, "severity": d.severity, "relation": d.relation,
            "figures": list(d.figures),
            "stated": {"figure": d.stated["figure"], "printed": d.stated["printed"],
                       **_interval(d.stated)},
            "expected": _interval(d.expected), "message": d.message,
            "suspects": list(d.suspects)} for n, d in enumerate(a.discrepancies, start=1)],
        "suspects": [{
            "figure": s.figure, "score": s.score, "expected": _interval(s.expected),
            "suggestion": ({"cause": s.suggestion.cause, "printed": s.suggestion.printed,
                            "unit": s.suggestion.unit} if s.suggestion else None)}
            for s in a.suspects],
        "conversions": [{
            **c, "implied": _interval(c["implied"]) if c["implied"] else None,
            "rate": _interval(c["rate"]) if c["rate"] else None,
            "reference": ({**c["reference"], "low": _bound(c["reference"]["low"]),
                           "high": _bound(c["reference"]["high"])} if c["reference"] else None)}
            for c in a.conversions],
        "not_interpreted": [{k: u[k] for k in ("path", "line", "start", "end", "text",
                                                 "reason")}
                            for doc in a.documents for u in doc["unread"]],
    }
    if figures:
        out["figures"] = [{
            "id": r.id, "status": r.status, "reason": r.reason,
            "allowed": {"low": _bound(r.low), "high": _bound(r.high)},
            "source": src}
            for r, src in zip(a.figures.itertuples(index=False), frame["source"])]
    return out


def render_json(a: Audit) -> str:
    """Byte-stable JSON: same inputs, same bytes. Exactly json.dumps(to_dict(a), indent=2,
    ensure_ascii=False), but the figures (the bulk of a big release's report) are printed
    column by column instead of going through a dict each (see json_chunks)."""
    return "".join(json_chunks(a))


FIGURES_PER_CHUNK = 20_000


def json_chunks(a: Audit) -> Iterator[str]:
    """render_json in pieces, to write as they come: a million figures' report is a quarter of
    a gigabyte of text, and holding it whole (and its parts) would double the audit's memory."""
    head = to_dict(a, figures=False)
    head["figures"] = []
    text = _dumps(head)
    n = len(a.figures)
    if not n:
        yield text + "\n"
        return
    assert text.endswith('"figures": []\n}')
    yield text[:-len("[]\n}")] + "[\n"
    for start in range(0, n, FIGURES_PER_CHUNK):
        yield ("" if start == 0 else ",\n") + _figures_json(a, start, start + FIGURES_PER_CHUNK)
    yield "\n  ]\n}\n"


def _dumps(data) -> str:
    """json.dumps(data, ensure_ascii=False, indent=2): printed compact by json's C encoder
    (with an indent, json prints in Python, 1.5 s for the 70,000 conversions of a
    million-figure release) and indented by kernel.indented."""
    from tradeaudit import kernel

    src = np.frombuffer(json.dumps(data, ensure_ascii=False, separators=(",", ": ")).encode(),
                        dtype=np.uint8)
    indent = kernel.pick("indented", len(src))
    out = np.empty(indent(src, np.zeros(0, dtype=np.uint8), 2), dtype=np.uint8)
    indent(src, out, 2)
    return out.tobytes().decode()


_ESCAPED = r'[\x00-\x1f"\\]'  # what json's string encoder escapes (ensure_ascii off)


def _json_strings(column: pd.Series) -> pa.Array:
    """json.dumps of each text, as Arrow: quoted; the few holding a character JSON escapes
    are encoded by json's own string encoder."""
    text = _arrow(column.astype(str))
    quote = pa.scalar('"', pa.large_string())
    out = pc.binary_join_element_wise(quote, text, quote, pa.scalar("", pa.large_string()))
    odd = pc.match_substring_regex(text, _ESCAPED)
    if pc.any(odd).as_py():
        encode = json.encoder.encode_basestring
        fixed = [encode(v) for v in text.filter(odd).to_pylist()]
        out = pc.replace_with_mask(out, odd, pa.array(fixed, pa.large_string()))
    return out


def _figures_json(a: Audit, start: int, stop: int) -> str:
    """Figures start..stop - 1 of to_dict(a) as json.dumps(..., indent=2) prints them inside
    the report, joined by ",\n": each entry is put together by Arrow from its columns, the
    bounds written by kernel.bound_texts."""
    fig = a.figures.iloc[start:stop]

    def numbers(column) -> pa.Array:  # json.dumps(_bound(x))
        x = column.to_numpy(dtype=float)
        out = _texts("bound_texts", x)
        for i in np.flatnonzero(out == None).tolist():  # (the few it leaves)
            out[i] = repr(float(format(x[i], ".10g")) + 0.0) if math.isfinite(x[i]) else "null"
        return pa.array(out, pa.large_string())

    parts = ['    {\n      "id": ', _json_strings(fig["id"]), ',\n      "status": ',
             _json_strings(fig["status"]), ',\n      "reason": ', _json_strings(fig["reason"]),
             ',\n      "allowed": {\n        "low": ', numbers(fig["low"]),
             ',\n        "high": ', numbers(fig["high"]), '\n      },\n      "source": ',
             _json_strings(a.table.frame["source"].iloc[start:stop]), "\n    }"]
    entries = pc.binary_join_element_wise(
        *[pa.scalar(p, pa.large_string()) if isinstance(p, str) else p for p in parts + [""]])
    return pc.binary_join(pa.LargeListArray.from_arrays([0, len(entries)], entries),
                          pa.scalar(",\n", pa.large_string()))[0].as_py()


def render_text(a: Audit) -> str:
    """A terminal summary: verdict, counts, each discrepancy and the top suspects."""
    d = to_dict(a, figures=False)  # (a million figures' dicts, only to count some, cost seconds)
    s = d["summary"]
    lines = [f"tradeaudit {__version__}: {', '.join(i['path'] for i in d['inputs'])}",
             f"{s['verdict'].upper()}: {s['figures']} figures, {s['checks']} checks — "
             f"{s['consistent']} consistent, {s['inconsistent']} inconsistent, "
             f"{s['undecided']} undecided, {s['warnings']} warnings", ""]
    for x in d["discrepancies"]:
        lines.append(f"{x['id']} {x['severity']} {x['code']}: {x['relation']}")
        lines.append(f"   {x['message']}")
        lines.append(f"   figures: {', '.join(x['figures'])}")
    if d["suspects"]:
        lines += ["", "Most likely wrong:"]
        for sp in d["suspects"][:5]:
            sug = sp["suggestion"]
            fix = f" -> {sug['printed']} {sug['unit']} ({sug['cause']})" if sug and \
                sug["printed"] else ""
            lines.append(f"  {sp['figure']} (score {sp['score']}){fix}")
    if d["not_interpreted"]:
        lines += ["", "Numbers not interpreted:"]
        lines += [f"  {u['path']}:{u['line']}: {u['text']!r} ({u['reason']})"
                  for u in d["not_interpreted"]]
    unchecked = int((a.figures["status"] == "unchecked").sum())
    if unchecked:
        lines += ["", f"{unchecked} figures could not be checked (see the JSON report "
                  "for reasons)."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(a: Audit) -> str:
    """Markdown that fits a pull-request comment."""
    d = to_dict(a)
    s = d["summary"]
    icon = "❌" if s["verdict"] == "inconsistent" else "✅"
    out = [f"## {icon} tradeaudit: {s['verdict']}", "",
           f"{s['figures']} figures · {s['checks']} checks · {s['consistent']} consistent · "
           f"{s['inconsistent']} inconsistent · {s['undecided']} undecided · "
           f"{s['warnings']} warnings", ""]
    if d["discrepancies"]:
        out += ["| | code | relation | stated | expected | suspects |", "|---|---|---|---|---|---|"]
        for x in d["discrepancies"]:
            e = x["expected"]
            exp = "—" if e["low"] is None and e["high"] is None else f"{e['low']} – {e['high']}"
            out.append(f"| {x['id']} {x['severity']} | `{x['code']}` | {_md(x['relation'])} | "
                       f"`{_md(x['stated']['figure'])}` = {_md(x['stated']['printed'])} | "
                       f"{exp} | {_md(', '.join(x['suspects']))} |")
        out.append("")
        for x in d["discrepancies"]:
            out.append(f"- **{x['id']}** {_md(x['message'])}")
        out.append("")
    if d["suspects"]:
        out += ["**Suggested corrections**", ""]
        for sp in d["suspects"]:
            sug = sp["suggestion"]
            if sug and sug["printed"]:
                out.append(f"- `{_md(sp['figure'])}` → **{_md(sug['printed'])} "
                           f"{_md(sug['unit'])}** ({sug['cause']}, score {sp['score']})")
        out.append("")
    if d["not_interpreted"]:
        out += ["<details><summary>Numbers not interpreted</summary>", "",
                "| where | text | reason |", "|---|---|---|"]
        out += [f"| {_md(u['path'])}:{u['line']} | `{_md(u['text'])}` | {_md(u['reason'])} |"
                for u in d["not_interpreted"]]
        out += ["", "</details>", ""]
    out += ["<details><summary>All figures</summary>", "", "| id | status | reason |",
            "|---|---|---|"]
    out += [f"| `{_md(f['id'])}` | {f['status']} | {_md(f['reason'])} |" for f in d["figures"]]
    out += ["", "</details>", ""]
    return "\n".join(out)
