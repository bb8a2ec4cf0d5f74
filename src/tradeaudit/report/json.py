"""Reporters: the audit as JSON (contract 3), a terminal summary and Markdown."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit import __version__
from tradeaudit.audit.engine import Audit
from tradeaudit.report import writers  # noqa: F401 (registers the JSON kernels kernel.pick runs)
from tradeaudit.solve import numerals  # noqa: F401 (registers bound_texts)
from tradeaudit.solve.texts import as_arrow as _arrow

REPORT_VERSION = 1


def json_bound(x):
    """A bound as the JSON report prints it: None for a missing one, else 10 significant digits."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, float) and math.isinf(x):
        return None  # JSON has no infinity: an open side is null
    return float(f"{x:.10g}") + 0.0  # + 0.0: no "-0.0" for a bound at zero


def _interval(d: dict) -> dict:
    return {"low": json_bound(d.get("low")), "high": json_bound(d.get("high"))}


def _side(d: dict) -> dict:
    """A discrepancy's stated or expected side: its interval, and what it measures when that
    is not the stated figure's printed value (a rate, say: `quantity`, `what`, `unit`)."""
    return {**{k: d[k] for k in ("quantity", "what", "unit") if k in d}, **_interval(d)}


def to_dict(a: Audit, figures: bool = True) -> dict:
    """The report as plain data, in contract 3's shape and key order (without the figures:
    everything before them)."""
    frame = a.table.frame
    out = {
        "tool": "tradeaudit", "version": __version__, "report_version": REPORT_VERSION,
        "inputs": [{"path": p, "sha256": d} for p, d in zip(a.table.paths, a.table.digests)],
        "rules": {"name": a.rules.name, "path": a.rules.path,
                  "conversion_policy": a.policy} | ({"derived": list(a.rules.derived)}
                                                    if a.rules.derived else {}),
        "summary": summary(a),
        "discrepancies": [{
            "id": f"D{n}", "code": d.code, "severity": d.severity, "relation": d.relation,
            "figures": list(d.figures),
            "stated": {"figure": d.stated["figure"], "printed": d.stated["printed"],
                       **_side(d.stated)},
            "expected": _side(d.expected), "message": d.message,
            "suspects": list(d.suspects)} for n, d in enumerate(a.discrepancies, start=1)],
        "suspects": [{
            "figure": s.figure, "score": s.score, "expected": _interval(s.expected),
            "suggestion": ({"cause": s.suggestion.cause, "printed": s.suggestion.printed,
                            "unit": s.suggestion.unit} if s.suggestion else None),
            "no_suggestion": s.no_suggestion or None, "likelihood": s.likelihood}
            for s in a.suspects],
        "conversions": _conversions(a.conversions),
        "not_interpreted": [{k: u[k] for k in ("path", "line", "start", "end", "text",
                                                 "reason")}
                            for doc in a.documents for u in doc["unread"]],
    }
    if a.revisions is not None:  # (with --previous: what changed since that vintage)
        from tradeaudit.report.revisions import revisions_dict

        out["revisions"] = revisions_dict(a.revisions)
    if figures:
        out["figures"] = [{
            "id": r.id, "status": r.status, "reason": r.reason,
            "allowed": {"low": json_bound(r.low), "high": json_bound(r.high)},
            "source": src}
            for r, src in zip(a.figures.itertuples(index=False), frame["source"])]
    return out


def _conversions(conversions: list[dict]) -> list[dict]:
    """The conversions as the report prints them (bounds as json_bound). The rate used and
    the reference are records many conversions share: each is printed once."""
    printed: dict[int, tuple] = {}  # id of a shared record: (the record, as printed)

    def once(record: dict | None, show) -> dict | None:
        if record is None:
            return None
        if id(record) not in printed:
            printed[id(record)] = (record, show(record))
        return printed[id(record)][1]

    def reference(r: dict) -> dict:
        return {**r, "low": json_bound(r["low"]), "high": json_bound(r["high"])}

    return [{**c, "implied": _interval(c["implied"]) if c["implied"] else None,
             "rate": once(c["rate"], _interval), "reference": once(c["reference"], reference)}
            for c in conversions]


SUMMARY_V1 = ("figures", "checks", "consistent", "inconsistent", "undecided", "warnings")
SUMMARY_ADDED = ("checked", "unchecked", "doubtful", "coverage")


def summary(a: Audit) -> dict:
    """The summary: contract 3's keys in their order (`undecided` is `unchecked`, kept for
    version 1 readers), then coverage: checked figures (consistent, inconsistent, doubtful),
    unchecked, doubtful, checked / figures, and the least share --min-checked asked for."""
    return {**{k: a.counts[k] for k in SUMMARY_V1}, "verdict": a.verdict,
            **{k: a.counts[k] for k in SUMMARY_ADDED}, "min_checked": a.min_checked}


def checked_line(s: dict) -> str:
    """Coverage and counts in words, the same in every report: "checked 32 of 59 figures
    (54%): 29 consistent, 2 inconsistent, 1 doubtful; 27 unchecked; 3 warnings" (the share
    rounded down: 100% only when every figure was checked)."""
    if not s["figures"]:
        return "no figure to check was found"
    share = f" ({100 * s['checked'] // s['figures']}%)"
    low = (f", fewer than --min-checked {s['min_checked']:g}%" if s["verdict"] == "unchecked"
           and s["checked"] and s["min_checked"] else "")
    return (f"checked {s['checked']} of {s['figures']} figures{share}{low}: "
            f"{s['consistent']} consistent, {s['inconsistent']} inconsistent, "
            f"{s['doubtful']} doubtful; {s['unchecked']} unchecked; {s['warnings']} warning"
            f"{'' if s['warnings'] == 1 else 's'}")


def render_json(a: Audit) -> str:
    """Byte-stable JSON: same inputs, same bytes. Exactly json.dumps(to_dict(a), indent=2,
    ensure_ascii=False), but the figures (the bulk of a big release's report) are printed
    column by column instead of going through a dict each (see json_chunks)."""
    return "".join(json_chunks(a))


FIGURES_PER_CHUNK = 20_000
# Bytes the indentation goes through per unit of kernel.pick's work: compiled above about
# 1.3 MB, where it gains on loading the compiled code.
BYTES_PER_WORK = 256


def json_chunks(a: Audit) -> Iterator[str]:
    """render_json in pieces, to write as they come: a million figures' report is a quarter of
    a gigabyte of text, and holding it whole (and its parts) would double the audit's memory."""
    head = to_dict(a, figures=False)
    head["figures"] = []
    text = dumps_indented(head)
    n = len(a.figures)
    if not n:
        yield text + "\n"
        return
    assert text.endswith('"figures": []\n}')
    yield text[:-len("[]\n}")] + "[\n"
    for start in range(0, n, FIGURES_PER_CHUNK):
        yield ("" if start == 0 else ",\n") + _figures_json(a, start, start + FIGURES_PER_CHUNK)
    yield "\n  ]\n}\n"


def dumps_indented(data) -> str:
    """json.dumps(data, ensure_ascii=False, indent=2): printed compact by json's C encoder
    (with an indent, json prints in Python, 1.5 s for the 70,000 conversions of a
    million-figure release) and indented by kernel.indented."""
    from tradeaudit.solve import kernel

    src = np.frombuffer(json.dumps(data, ensure_ascii=False, separators=(",", ": ")).encode(),
                        dtype=np.uint8)
    # (A byte is a few hundred times less work than kernel.COMPILE_ABOVE counts: plain, the
    # 119 kB head of a thousand figures takes 0.06 s, loading the compiled code 0.7 s.)
    indent = kernel.pick("indented", len(src) // BYTES_PER_WORK)
    out = np.empty(indent(src, np.zeros(0, dtype=np.uint8), 2), dtype=np.uint8)
    indent(src, out, 2)
    return out.tobytes().decode()


_FIGURE = ('    {\n      "id": ', ',\n      "status": ', ',\n      "reason": ',
           ',\n      "allowed": {\n        "low": ', ',\n        "high": ',
           '\n      },\n      "source": ', "\n    }")  # the glue around a figure's fields


def _figures_json(a: Audit, start: int, stop: int) -> str:
    """Figures start..stop - 1 of to_dict(a) as json.dumps(..., indent=2) prints them inside
    the report, joined by ",\n": written from the columns' Arrow buffers by kernel.json_rows
    (the strings encoded as json's encoder does), the bounds by kernel.bound_texts."""
    from tradeaudit.solve import kernel

    fig = a.figures.iloc[start:stop]

    def numbers(column) -> pa.Array:  # json.dumps(json_bound(x))
        x = column.to_numpy(dtype=float)
        out, flag = kernel.formatted("bound_texts", x)
        if flag.any():  # (the few it leaves)
            odd = np.flatnonzero(flag)
            out = pc.replace_with_mask(out, pa.array(flag.astype(bool)), pa.array(
                [repr(float(format(v, ".10g")) + 0.0) if math.isfinite(v) else "null"
                 for v in x[odd].tolist()], pa.large_string()))
        return out

    def texts(column) -> pa.Array:
        out = _arrow(column.astype(str))
        return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out

    cells = [texts(fig["id"]), texts(fig["status"]), texts(fig["reason"]),
             numbers(fig["low"]), numbers(fig["high"]),
             texts(a.table.frame["source"].iloc[start:stop])]
    bounds, datas, base = [], [], 0
    for arr in cells:
        offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
            arr.offset:arr.offset + len(arr) + 1]
        first, last = int(offsets[0]), int(offsets[-1])
        raw = arr.buffers()[2]
        datas.append(np.frombuffer(raw, dtype=np.uint8)[first:last] if raw is not None and
                     last > first else np.zeros(0, dtype=np.uint8))
        bounds.append(offsets - first + base)
        base += last - first
    data = np.concatenate(datas)
    begin = np.stack([b[:-1] for b in bounds], axis=1).ravel()
    end = np.stack([b[1:] for b in bounds], axis=1).ravel()
    quoted = np.array([True, True, True, False, False, True])
    glue = [g.encode() for g in _FIGURE]
    glue_ptr = np.cumsum([0] + [len(g) for g in glue], dtype=np.int64)
    glue = np.frombuffer(b"".join(glue), dtype=np.uint8)
    write = kernel.pick("json_rows", len(begin))
    out = np.empty(write(begin, end, data, quoted, glue, glue_ptr, np.zeros(0, np.uint8)),
                   dtype=np.uint8)
    write(begin, end, data, quoted, glue, glue_ptr, out)
    return out.tobytes().decode()
