"""Text and Markdown reports."""

from __future__ import annotations

from tradeaudit import __version__
from tradeaudit.audit.engine import Audit
from tradeaudit.report.json import to_dict
from tradeaudit.report.phrases import Phrases


def render_text(a: Audit) -> str:
    """A terminal summary: verdict, counts, each discrepancy and the top suspects."""
    d = to_dict(a, figures=False)  # (a million figures' dicts, only to count some, cost seconds)
    words = Phrases(a.table.frame)
    s = d["summary"]
    lines = [f"tradeaudit {__version__}: {', '.join(i['path'] for i in d['inputs'])}",
             (f"{s['verdict'].upper()}: {s['figures']} figures, {s['checks']} checks — "
             f"{s['consistent']} consistent, {s['inconsistent']} inconsistent, "
             f"{s['undecided']} undecided, {s['warnings']} warnings"), ""]
    for x in d["discrepancies"]:
        lines.append(f"{x['id']} {x['severity']} {x['code']}: {x['relation']}")
        lines.append(f"   {x['message']}")
        lines.append(f"   figures: {', '.join(x['figures'])}")
    if d["suspects"]:
        lines += ["", "Most likely wrong:"]
        for sp in d["suspects"][:5]:
            sug = sp["suggestion"]
            fix = f" -> {words.correction(sp['figure'], sug)} ({sug['cause']})" if sug and \
                sug["printed"] else ""
            lines.append(f"  {sp['figure']} (score {sp['score']}){fix}")
    if d["not_interpreted"]:
        lines += ["", "Numbers not interpreted:"]
        lines += [f"  {u['path']}:{u['line']}: {u['text']!r} ({u['reason']})"
                  for u in d["not_interpreted"]]
    unchecked = int((a.figures["status"] == "unchecked").sum())
    if unchecked:
        lines += ["", (f"{unchecked} figures could not be checked (see the JSON report "
                  "for reasons).")]
    return "\n".join(lines) + "\n" + _changed(a, "text")


def _changed(a: Audit, fmt: str) -> str:
    """The "What changed" section when the audit has a previous vintage, else ""."""
    if a.revisions is None:
        return ""
    from tradeaudit.report.revisions import markdown_section, text_section

    return (text_section if fmt == "text" else markdown_section)(a.revisions)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(a: Audit) -> str:
    """Markdown that fits a pull-request comment."""
    d = to_dict(a)
    words = Phrases(a.table.frame)
    s = d["summary"]
    icon = "❌" if s["verdict"] == "inconsistent" else "✅"
    out = [f"## {icon} tradeaudit: {s['verdict']}", "",
           (f"{s['figures']} figures · {s['checks']} checks · {s['consistent']} consistent · "
           f"{s['inconsistent']} inconsistent · {s['undecided']} undecided · "
           f"{s['warnings']} warnings"), ""]
    if d["discrepancies"]:
        out += ["| | code | relation | stated | expected | suspects |", "|---|---|---|---|---|---|"]
        for x in d["discrepancies"]:
            e, st = x["expected"], x["stated"]
            fid = st["figure"]
            exp = "—" if e["low"] is None and e["high"] is None else words.expected(fid, e)
            stated = f"`{_md(fid)}` = {_md(words.stated(st))}"
            out.append(f"| {x['id']} {x['severity']} | `{x['code']}` | {_md(x['relation'])} | "
                       f"{stated} | {_md(exp)} | {_md(', '.join(x['suspects']))} |")
        out.append("")
        for x in d["discrepancies"]:
            out.append(f"- **{x['id']}** {_md(x['message'])}")
        out.append("")
    if d["suspects"]:
        out += ["**Suggested corrections**", ""]
        for sp in d["suspects"]:
            sug = sp["suggestion"]
            if sug and sug["printed"]:
                out.append(f"- `{_md(sp['figure'])}` → "
                           f"**{_md(words.correction(sp['figure'], sug))}** "
                           f"({sug['cause']}, score {sp['score']})")
        out.append("")
    if d["not_interpreted"]:
        out += ["<details><summary>Numbers not interpreted</summary>", "",
                "| where | text | reason |", "|---|---|---|"]
        out += [f"| {_md(u['path'])}:{u['line']} | `{_md(u['text'])}` | {_md(u['reason'])} |"
                for u in d["not_interpreted"]]
        out += ["", "</details>", ""]
    out += [_changed(a, "md")] if a.revisions is not None else []
    out += ["<details><summary>All figures</summary>", "", "| id | status | reason |",
            "|---|---|---|"]
    out += [f"| `{_md(f['id'])}` | {f['status']} | {_md(f['reason'])} |" for f in d["figures"]]
    out += ["", "</details>", ""]
    return "\n".join(out)
