"""The audit as one self-contained HTML page.

Summary, discrepancies (each with an inline SVG of the stated against the expected interval),
a filterable and sortable table of every figure, the conversions, and, when the audit carries
release texts, those texts with every figure marked by its status.

Nothing is fetched at view time: the style and the one script are inline and admitted by hash
in a Content-Security-Policy that blocks everything else. Every string from the input goes
through Jinja's autoescape; anchors are derived ids (`fig-…`, `txt-…`), never raw input. The
same audit gives the same bytes; a date is shown only when SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
import os
import re
from datetime import UTC, datetime
from typing import Any

from tradeaudit.audit.engine import Audit
from tradeaudit.audit.wording import words_of
from tradeaudit.model.words import amount, amount_text, language
from tradeaudit.report.json import checked_line, to_dict
from tradeaudit.report.phrases import Phrases, unnamed_year_note
from tradeaudit.stats import REGISTRY

STATUSES = ("inconsistent", "doubtful", "unchecked", "consistent")
SPAN_COLUMNS = ("span_path", "span_start", "span_end")
STAT_WORDS = {s.name: s.words.removesuffix("{flow}") for s in REGISTRY.values()}
CAUSE_WORDS = {
    "rounding": "off by rounding", "sign-flip": "sign flipped",
    "scale-slip": "wrong scale word (thousand, billion, trillion)",
    "decimal-shift": "decimal point shifted", "transposed-digits": "two digits swapped",
    "doubled-digit": "a digit doubled", "dropped-digit": "a digit dropped",
    "wrong-digit": "one digit wrong", "swapped-flows": "flows swapped (exports for imports)",
    "percent-vs-points": "percent and points confused",
    "wrong-base": "growth computed against the wrong base",
    "other-rate": "converted at another exchange rate",
    "unexplained": "no known printing slip explains it",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")

Record = dict[str, Any]


def render_html(audit: Audit) -> str:
    """The report page: one HTML document, escaped throughout, byte-stable."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(loader=jinja2.PackageLoader("tradeaudit.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    css = env.loader.get_source(env, "report.css")[0]
    js = env.loader.get_source(env, "report.js")[0]
    csp = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "base-uri 'none'; form-action 'none'")
    page = env.get_template("report.html.j2").render(
        **_view(audit), css=Markup(css), js=Markup(js), csp=csp, generated=_generated())
    if audit.revisions is not None:  # (with --previous: what changed since that vintage)
        from tradeaudit.report.revisions import with_html_section

        page = with_html_section(page, audit.revisions)
    return page


def _sha256(text: str) -> str:
    """A CSP source expression admitting exactly this inline text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _generated() -> str:
    """The build time from SOURCE_DATE_EPOCH, or "" (no clock: same audit, same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M UTC")


def anchor(prefix: str, text: str) -> str:
    """A safe, stable element id for input text: `prefix-text`, hashed if it needs cleaning."""
    slug = _UNSAFE.sub("-", text).strip("-")[:48]
    if slug == text:
        return f"{prefix}-{slug}"
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def _fixed(x: float, decimals: int) -> str:
    """x with thousands separators and a true minus sign."""
    return f"{x:,.{decimals}f}".replace("-", "\u2212")


def _num(x: float, sig: int = 6) -> str:
    """x to `sig` significant digits, thousands separators, no trailing zeros."""
    if abs(x) < 1e-300:
        return "0"
    x = float(f"{x:.{sig}g}")
    text = _fixed(x, max(0, sig - 1 - math.floor(math.log10(abs(x)))))
    return text.rstrip("0").rstrip(".") if "." in text else text


def interval_text(low: float | None, high: float | None, dash: str = " \u2013 ") -> str:
    """An interval for people: both ends with the same decimals, at least four significant
    digits of the larger end, more until the ends are three units of the last digit apart."""
    if low is None and high is None:
        return "any value"
    if low is None:
        return f"\u2264 {_num(high)}"
    if high is None:
        return f"\u2265 {_num(low)}"
    if low == high:
        return _num(low, 10)
    top = max(abs(low), abs(high))
    decimals = max(0, 3 - math.floor(math.log10(top))) if top >= 1e-300 else 0
    while abs(high - low) * 10 ** decimals < 3 and decimals < 15:
        decimals += 1
    a, b = _fixed(low, decimals), _fixed(high, decimals)
    while decimals and a.endswith("0") and b.endswith("0"):
        a, b, decimals = a[:-1], b[:-1], decimals - 1
    if not decimals:
        a, b = a.rstrip("."), b.rstrip(".")
    return f"{a}{dash}{b}"


def _ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """About four round tick values inside [lo, hi], with labels."""
    raw = (hi - lo) / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) + (step / mag == 2.5)
    first = math.ceil(lo / step) * step
    count = int((hi - first) / step + 1e-9) + 1
    return [(t, f"{t:,.{decimals}f}".replace("-", "\u2212"))
            for t in (first + k * step for k in range(count))]


def chart(stated: Record, expected: Record, severity: str, unit: str = "",
          lang: str = "en") -> Record | None:
    """Geometry (in percent of the width) for the picture of one discrepancy, or None when
    there is no expected interval to draw; labels in the words of `unit` (or a side's own)."""
    if expected["low"] is None and expected["high"] is None:
        return None
    ends = [x for x in (stated["low"], stated["high"], expected["low"], expected["high"])
            if x is not None]
    lo, hi = min(ends), max(ends)
    pad = (hi - lo) * 0.06 or abs(hi) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad

    def x(v: float) -> float:
        return round(100 * (v - lo) / (hi - lo), 2)

    def bar(d: Record, label: str) -> Record:
        left = 0.0 if d["low"] is None else x(d["low"])
        right = 100.0 if d["high"] is None else x(d["high"])
        mid = (left + right) / 2
        where = "start" if mid < 22 else "end" if mid > 78 else "middle"
        at = {"start": max(left, 0.5), "end": min(right, 99.5), "middle": mid}[where]
        return {"x": left, "w": round(right - left, 2), "mid": round(mid, 2),
                "thin": right - left < 0.6, "open_left": d["low"] is None,
                "open_right": d["high"] is None, "anchor": where, "at": round(at, 2),
                "label": f"{label} " + amount_text(interval_text(d["low"], d["high"]),
                                                   d.get("unit") or unit, lang, " \u2013 ")}

    s, e = bar(stated, "stated"), bar(expected, "expected")
    inside = (expected["low"] is None or stated["high"] is None or
              stated["high"] >= expected["low"]) and (
        expected["high"] is None or stated["low"] is None or stated["low"] <= expected["high"])
    ticks = [{"x": x(t), "label": label,
              "anchor": "start" if x(t) < 4 else "end" if x(t) > 96 else "middle",
              "inner": 0 < k < len(all_) - 1}
             for all_ in [_ticks(lo, hi)] for k, (t, label) in enumerate(all_)]
    return {"stated": s, "expected": e, "ticks": ticks,
            "tone": "ok" if inside else severity,
            "summary": f"{s['label']}; {e['label']}"}


def _what(row: Record) -> str:
    """What a figure measures, in words: "growth of exports (USD)"."""
    cur = f" ({row['currency']})" if row.get("currency") else ""
    return f"{STAT_WORDS.get(row['stat'], row['stat'] + ' of ')}{row['flow']}{cur}"


def _figures(audit: Audit, report: Record) -> list[Record]:
    """One record per figure, in table order, with what the page shows about it."""
    frame = audit.table.frame.reset_index(drop=True)
    mentions: dict[str, list[Record]] = {}
    for d in report["discrepancies"]:
        for fid in dict.fromkeys([d["stated"]["figure"], *d["suspects"], *d["figures"]]):
            mentions.setdefault(fid, []).append(
                {"id": d["id"], "code": d["code"], "severity": d["severity"],
                 "message": d["message"]})
    out = []
    for i, (f, row) in enumerate(zip(report["figures"], frame.to_dict("records"))):
        qualifier, value, unit = str(row.get("qualifier", "")), str(row["value"]), row["unit"]
        lang = language(unit, str(row.get("quote", "")))
        out.append({
            "order": i, "id": f["id"], "anchor": anchor("fig", f["id"]),
            "status": f["status"], "status_key": STATUSES.index(f["status"]),
            "reason": f["reason"], "what": _what(row),
            "segment": str(row["segment"]), "period": str(row["period"]),
            "printed": " ".join(p for p in (qualifier, amount(value, unit, lang)) if p),
            "value_key": row.get("printed", ""),
            "allowed": amount_text(interval_text(f["allowed"]["low"], f["allowed"]["high"]),
                                   words_of(row)[0], lang, " \u2013 ")
            if f["status"] != "unchecked" else "",
            "allowed_key": "" if f["allowed"]["low"] is None else f["allowed"]["low"],
            "source": f["source"], "quote": str(row.get("quote", "")),
            "mentions": mentions.get(f["id"], []), "text_anchor": "",
        })
    return out


class _Refs:
    """Figure references with a tooltip each; tooltip ids are numbered in page order."""

    def __init__(self, figures: dict[str, Record]) -> None:
        self.figures = figures
        self.count = 0

    def tip(self) -> str:
        """The next tooltip id."""
        self.count += 1
        return f"tip-{self.count}"

    def __call__(self, fid: str) -> Record:
        fig = self.figures.get(fid) or {"id": fid, "anchor": "", "status": "unchecked",
                                        "what": "", "printed": "", "quote": "", "reason": "",
                                        "source": "", "segment": "", "period": ""}
        return {"fig": fig, "tip": self.tip()}


def _suggestion(s: Record | None, words: Phrases) -> Record | None:
    """A suspect's correction in words, or None when there is no printed value to suggest."""
    sug = s and s["suggestion"]
    if not sug or not sug["printed"]:
        return None
    return {"printed": words.correction(s["figure"], sug),
            "cause": CAUSE_WORDS.get(sug["cause"], sug["cause"].replace("-", " "))}


def _discrepancies(report: Record, ref: _Refs, words: Phrases) -> list[Record]:
    """Each discrepancy with its figure references, suggested fixes and picture."""
    suspects = {s["figure"]: s for s in report["suspects"]}
    out = []
    for d in report["discrepancies"]:
        stated = d["stated"]
        out.append({
            "id": d["id"], "code": d["code"], "severity": d["severity"],
            "title": d["code"].replace("-", " ").capitalize(), "relation": d["relation"],
            "message": d["message"], "stated": ref(stated["figure"]),
            "printed": words.stated(stated),
            "expected": words.expected(stated["figure"], d["expected"])
            if d["expected"]["low"] is not None or d["expected"]["high"] is not None else "",
            "suspects": [ref(f) for f in d["suspects"]],
            "fixes": [{"ref": ref(f), **fix} for f in d["suspects"]  # errors' corrections
                      if d["severity"] == "error" and (fix := _suggestion(suspects.get(f), words))],
            "figures": [ref(f) for f in d["figures"]],
            "chart": chart(stated, d["expected"], d["severity"], *words.unit(stated["figure"])),
        })
    return out


def _conversions(report: Record, ref: _Refs) -> list[Record]:
    """Each conversion, and whether its implied and reference rates fit the rate used."""
    out = []
    for c in report["conversions"]:
        used, implied, refr = c["rate"], c["implied"], c["reference"]
        fits = not (used and implied and (implied["low"] > used["high"] or
                                          implied["high"] < used["low"]))
        ref_fits = not (used and refr and (refr["low"] > used["high"] or
                                           refr["high"] < used["low"]))
        out.append({
            "ref": ref(c["figure"]), "pair": c["pair"], "period": c["period"],
            "fits": fits, "ref_fits": ref_fits, "note": c["note"],
            "implied": interval_text(implied["low"], implied["high"]) if implied else "",
            "rate": interval_text(used["low"], used["high"]) if used else "",
            "reference": refr})
    return out


def _int(x: object) -> int | None:
    """An offset from a table cell (int, float or text), or None when it is not a number."""
    try:
        return int(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def _documents(audit: Audit, figures: list[Record], ref: _Refs) -> list[Record]:
    """Each release text cut into pieces: plain text, or a mark over figures / unread numbers."""
    documents = getattr(audit, "documents", None) or []
    frame = audit.table.frame.reset_index(drop=True)
    has_spans = all(c in frame.columns for c in SPAN_COLUMNS)
    # A page's prose and its tables are two documents of one path: a figure read from prose
    # has its sentence, a table's cell none.
    kinds = ["text" if str(x) not in ("", "nan") else "table" for x in frame["sentence"]] \
        if "sentence" in frame.columns else ["table"] * len(frame)
    out = []
    for n, doc in enumerate(documents, start=1):
        text, path = str(doc.get("text", "")), str(doc.get("path", ""))
        kind = doc.get("kind")
        spans = []
        if has_spans:
            for fig, fig_kind, (p, a, b) in zip(figures, kinds, frame[list(SPAN_COLUMNS)]
                                                .itertuples(index=False)):
                a, b = _int(a), _int(b)
                if str(p) == path and kind in (None, fig_kind) and a is not None and \
                        b is not None and 0 <= a < b <= len(text):
                    spans.append((a, b, fig["order"], fig))
        for k, u in enumerate(doc.get("unread") or []):
            a, b = _int(u.get("start")), _int(u.get("end"))
            if a is not None and b is not None and 0 <= a < b <= len(text):
                spans.append((a, b, len(figures) + k, {"unread": str(u.get("reason", "")),
                                                      "text": str(u.get("text", ""))}))
        pieces = _pieces(text, spans, ref)
        marked = [s[3] for s in spans if "unread" not in s[3]]
        counts = {s: sum(f["status"] == s for f in marked) for s in STATUSES}
        out.append({"path": path, "anchor": f"doc-{n}", "pieces": pieces, "counts": counts,
                    "unread": len(spans) - len(marked)})
    return out


def _pieces(text: str, spans: list[tuple], ref: _Refs) -> list[Record]:
    """Cut text at every span boundary; a piece under spans shows the shortest as its mark and
    lists all in its tooltip (figure spans may nest or overlap)."""
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    pieces: list[Record] = []
    for a, b in itertools.pairwise(cuts):
        cover = sorted((s for s in spans if s[0] <= a and s[1] >= b),
                       key=lambda s: (s[1] - s[0], s[2]))
        if not cover:
            pieces.append({"text": text[a:b], "mark": None})
            continue
        items = []
        for s in cover:
            info = s[3]
            if "unread" in info:
                items.append({"fig": None, "anchor": "", "unread": info["unread"],
                              "text": info["text"]})
            else:
                first = not info["text_anchor"]
                if first:
                    info["text_anchor"] = anchor("txt", info["id"])
                items.append({"fig": info, "anchor": info["text_anchor"] if first else ""})
        main = items[0]
        pieces.append({"text": text[a:b], "items": items, "tip": ref.tip(),
                       "mark": "unread" if "unread" in main else main["fig"]["status"],
                       "href": "" if "unread" in main else "#" + main["fig"]["anchor"]})
    return pieces


def _view(audit: Audit) -> Record:
    """Everything the template shows, as plain records."""
    report = to_dict(audit)
    figures = _figures(audit, report)
    ref = _Refs({f["id"]: f for f in figures})
    for f in figures:
        for m in f["mentions"]:
            m["tip"] = ref.tip()
    by_status = {s: sum(f["status"] == s for f in figures) for s in STATUSES}
    words = Phrases(audit.table.frame)
    suspects = [{"ref": ref(s["figure"]), "score": s["score"], "fix": _suggestion(s, words),
                 "likelihood": s["likelihood"], "no_suggestion": s["no_suggestion"] or "",
                 "expected": words.interval(s["figure"], s["expected"])}
                for s in report["suspects"][:5]]
    return {
        "report": report, "summary": report["summary"], "by_status": by_status,
        "statuses": STATUSES, "checked_line": checked_line(report["summary"]),
        "suspects": suspects, "discrepancies": _discrepancies(report, ref, words),
        "conversions": _conversions(report, ref),
        "documents": _documents(audit, figures, ref), "figures": figures,
        "unnamed_year": unnamed_year_note(audit.table.frame),
    }
