"""Text and Markdown reports."""

from __future__ import annotations

from tradeaudit import __version__
from tradeaudit.audit.engine import Audit
from tradeaudit.model.units import UNSTATED
from tradeaudit.report.json import checked_line, to_dict
from tradeaudit.report.phrases import Phrases, unnamed_year_note

REASONS_SHOWN = 10  # unchecked figures whose reason the text report gives


def render_text(a: Audit) -> str:
    """A terminal summary: verdict, counts, each discrepancy and the top suspects."""
    d = to_dict(a, figures=False)  # (a million figures' dicts, only to count some, cost seconds)
    words = Phrases(a.table.frame)
    s = d["summary"]
    lines = [f"tradeaudit {__version__}: {', '.join(i['path'] for i in d['inputs'])}",
             f"{s['verdict'].upper()}: {checked_line(s)}", ""]
    lines += derived_lines(d) + unstated_lines(a) + _listed(unnamed_year_note(a.table.frame))
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
            lines.append(f"  {sp['figure']}: {suspect_odds(sp)}{fix}" + (
                f"; {sp['no_suggestion']}" if sp["no_suggestion"] else ""))
    if d["not_interpreted"]:
        lines += ["", "Numbers not interpreted:"]
        lines += [f"  {u['path']}:{u['line']}: {u['text']!r} ({u['reason']})"
                  for u in d["not_interpreted"]]
    lines += unchecked_reasons(a)
    return "\n".join(lines) + "\n" + _changed(a, "text")


def derived_lines(d: dict) -> list[str]:
    """One line per sum a published table's layout declared (report `rules.derived`)."""
    entries = d["rules"].get("derived", ())
    several = len({e["table"] for e in entries}) > 1
    return [(f"sums checked from the table's layout: {e['reading']}" if e["form"] != "off"
             else f"sums not checked: {e['reading']}") + (f" ({e['table']})" if several else "")
            for e in entries]


def unstated_lines(a: Audit) -> list[str]:
    """A line saying how many amounts are in no stated unit (a table that prints none)."""
    n = int((a.table.frame["unit"] == UNSTATED).sum())
    line = (f"unit not stated: {n} amount{'' if n == 1 else 's'} read as printed, in no "
            "currency or scale (the table names none): checked only against each other")
    return [line] if n else []


def _listed(line: str) -> list[str]:
    return [line] if line else []


def _changed(a: Audit, fmt: str) -> str:
    """The "What changed" section when the audit has a previous vintage, else ""."""
    if a.revisions is None:
        return ""
    from tradeaudit.report.revisions import markdown_section, text_section

    return (text_section if fmt == "text" else markdown_section)(a.revisions)


def suspect_odds(sp: dict) -> str:
    """A suspect's likelihood and score: "very likely wrong (score 0.93)" (README: the score)."""
    return f"{sp['likelihood']} wrong (score {sp['score']:.2f})"


def unchecked_reasons(a: Audit) -> list[str]:
    """The unchecked figures and why, the first REASONS_SHOWN of them, then how many more."""
    figures = a.figures[a.figures["status"] == "unchecked"]
    if not len(figures):
        return []
    out = ["", f"Not checked ({len(figures)} figure{'' if len(figures) == 1 else 's'}):"]
    out += [f"  {fid}: {why}" for fid, why in zip(figures["id"][:REASONS_SHOWN],
                                                   figures["reason"][:REASONS_SHOWN])]
    if len(figures) > REASONS_SHOWN:
        out.append(f"  ... and {len(figures) - REASONS_SHOWN} more (every figure's reason: "
                   "--format md, html or json)")
    return out


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(a: Audit) -> str:
    """Markdown that fits a pull-request comment."""
    d = to_dict(a)
    words = Phrases(a.table.frame)
    s = d["summary"]
    icon = {"inconsistent": "❌", "unchecked": "⚠️"}.get(s["verdict"], "✅")
    out = [f"## {icon} tradeaudit: {s['verdict']}", "", checked_line(s).capitalize(), ""]
    derived = derived_lines(d) + _listed(unnamed_year_note(a.table.frame))
    out += [f"- {_md(line)}" for line in derived] + ([""] if derived else [])
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
                           f"({sug['cause']}; {suspect_odds(sp)})")
            else:
                out.append(f"- `{_md(sp['figure'])}`: {_md(sp['no_suggestion'])} "
                           f"({suspect_odds(sp)})")
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
