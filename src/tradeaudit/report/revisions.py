"""What changed since the previous vintage, in every report format: the JSON `revisions`
object, a "What changed" section in text, Markdown and HTML, and a JUnit test suite."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from tradeaudit.audit.revisions import Revisions
from tradeaudit.audit.wording import describe
from tradeaudit.model.findings import MEMBER_ALONE, SUSPICIOUS, UNANNOUNCED
from tradeaudit.model.words import amount, language

SHOWN = 50  # changed figures listed in the text report (all of them in JSON, MD and HTML)
ADDED_SHOWN = 20
CODES = frozenset(f.code for f in (UNANNOUNCED, SUSPICIOUS, MEMBER_ALONE))  # of one figure


def revisions_dict(rev: Revisions) -> dict:
    """The JSON report's `revisions` (contract 3, additive): the previous vintage's inputs,
    the periods declared revised, counts, every changed figure, the added ids and the
    figures removed."""
    return {
        "previous": [{"path": str(i["path"]), "sha256": i["sha256"]} for i in rev.previous],
        "revised_periods": rev.declared,
        "counts": rev.counts(),
        "changed": [{k: x[k] for k in ("figure", "previous_figure", "period", "segment", "flow",
                                       "stat", "currency", "before", "after", "class",
                                       "announced")} for x in rev.changed],
        "added": list(rev.added),
        "removed": list(rev.removed),
    }


def _what(x: dict) -> str:
    """The changed figure in words: `growth of exports, total, 2024-02`."""
    return describe(x)


def _line(counts: dict) -> str:
    return (f"{counts['matched']} figures in both releases: {counts['unchanged']} unchanged, "
            f"{counts['within_rounding']} within rounding, {counts['revision']} revised, "
            f"{counts['sign_change']} sign changes, {counts['scale_change']} scale changes, "
            f"{counts['transposed_digits']} transposed digits ({counts['unannounced']} "
            f"unannounced); {counts['added']} added, {counts['removed']} removed")


def _announced(x: dict) -> str:
    """Whether a change was declared: yes, no, or — for one within rounding (no revision)."""
    return "—" if x["class"] == "within-rounding" else "yes" if x["announced"] else "no"


def _printing(side: dict) -> str:
    """A printed value in the release's words ("$12.3 billion", "7.5%"); codes stay in JSON."""
    return amount(side["printed"], side["unit"], language(side["unit"]))


def text_section(rev: Revisions) -> str:
    """The text report's "What changed" section (the first SHOWN changes)."""
    d = revisions_dict(rev)
    prev = ", ".join(i["path"] for i in d["previous"]) or "?"
    lines = ["", f"What changed since {prev}:", f"  {_line(d['counts'])}"]
    if d["revised_periods"]:
        lines.append(f"  periods declared revised: {d['revised_periods']}")
    for x in d["changed"][:SHOWN]:
        flag = "" if x["announced"] or x["class"] == "within-rounding" else " (unannounced)"
        lines.append(f"  {x['figure']} {_what(x)}: {_printing(x['before'])} -> "
                     f"{_printing(x['after'])} [{x['class']}]{flag}")
    if len(d["changed"]) > SHOWN:
        lines.append(f"  ... and {len(d['changed']) - SHOWN} more (see the JSON report)")
    if d["added"]:
        more = f", ... ({len(d['added'])})" if len(d["added"]) > ADDED_SHOWN else ""
        lines.append(f"  added: {', '.join(d['added'][:ADDED_SHOWN])}{more}")
    if d["removed"]:
        gone = [r["figure"] for r in d["removed"]]
        more = f", ... ({len(gone)})" if len(gone) > ADDED_SHOWN else ""
        lines.append(f"  removed: {', '.join(gone[:ADDED_SHOWN])}{more}")
    return "\n".join(lines) + "\n"


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_section(rev: Revisions) -> str:
    """The Markdown report's "What changed" section: counts and a table of the changes."""
    d = revisions_dict(rev)
    prev = ", ".join(f"`{_md(i['path'])}`" for i in d["previous"]) or "?"
    out = [f"### What changed since {prev}", "", _line(d["counts"]) + ".", ""]
    if d["revised_periods"]:
        out += [f"Periods declared revised: `{_md(d['revised_periods'])}`.", ""]
    if d["changed"]:
        out += ["| figure | what | before | after | class | announced |",
                "|---|---|---|---|---|---|"]
        out += [f"| `{_md(x['figure'])}` | {_md(_what(x))} | {_md(_printing(x['before']))} | "
                f"{_md(_printing(x['after']))} | {x['class']} | {_announced(x)} |"
                for x in d["changed"]]
        out.append("")
    for name, ids in (("Added", d["added"]), ("Removed", [r["figure"] for r in d["removed"]])):
        if ids:
            out += [f"<details><summary>{name} figures ({len(ids)})</summary>", "",
                    ", ".join(f"`{_md(i)}`" for i in ids), "", "</details>", ""]
    return "\n".join(out) + "\n"


# The HTML section sorts its table with its own small script (admitted by its hash, as the
# report's own script is).
def html_section(rev: Revisions) -> str:
    """The HTML report's "What changed" section: counts and a sortable table."""
    d = revisions_dict(rev)
    e = html.escape
    prev = ", ".join(f"<code>{e(i['path'])}</code>" for i in d["previous"]) or "?"
    out = ['<section id="revisions" aria-labelledby="revisions-h">',
           f'<h2 id="revisions-h">What changed <span class="n">{len(d["changed"])}</span></h2>',
           f"<p>Since {prev}: {e(_line(d['counts']))}.</p>"]
    if d["revised_periods"]:
        out.append(f"<p>Periods declared revised: <code>{e(d['revised_periods'])}</code>.</p>")
    if d["changed"]:
        heads = ("Figure", "What", "Before", "After", "Class", "Announced")
        out += ['<table id="revision-table" class="figures">', "<thead>", "<tr>"]
        out += [f'<th scope="col"><button type="button">{h}</button></th>' for h in heads]
        out += ["</tr>", "</thead>", "<tbody>"]
        for n, x in enumerate(d["changed"]):
            flag = _announced(x)
            out.append(
                f'<tr data-order="{n}" class="revision-{e(x["class"])}">'
                f'<th scope="row"><code>{e(x["figure"])}</code></th>'
                f"<td>{e(_what(x))}</td>"
                f'<td class="num" data-key="{e(x["before"]["printed"])}">'
                f"{e(_printing(x['before']))}</td>"
                f'<td class="num" data-key="{e(x["after"]["printed"])}">'
                f"{e(_printing(x['after']))}</td>"
                f"<td>{e(x['class'])}</td><td>{flag}</td></tr>")
        out += ["</tbody>", "</table>"]
    for name, ids in (("Added", d["added"]), ("Removed", [r["figure"] for r in d["removed"]])):
        if ids:
            out.append(f"<details><summary>{name} figures ({len(ids)})</summary><p>"
                       + ", ".join(f"<code>{e(i)}</code>" for i in ids) + "</p></details>")
    out.append("</section>")
    return "\n".join(out) + "\n"


def with_html_section(page: str, rev: Revisions) -> str:
    """The report page with the "What changed" section before the figures (the report's own
    script sorts its table) and its link in the top bar."""
    page = page.replace('<section id="figures"', html_section(rev) + '<section id="figures"', 1)
    return page.replace('<a href="#figures">', '<a href="#revisions">What changed <span '
                        f'class="n">{len(rev.changed)}</span></a>\n<a href="#figures">', 1)


def junit_suite(rev: Revisions, findings: list[dict]) -> ET.Element:
    """A `<testsuite name="tradeaudit.revisions">`: one test case per changed figure beyond
    rounding; it fails when a revision finding of it is an error, and carries its warnings in
    `<system-out>`."""
    suite = ET.Element("testsuite", {"name": "tradeaudit.revisions"})
    by_figure: dict[str, list[dict]] = {}
    for f in (f for f in findings if f["code"] in CODES):
        by_figure.setdefault(f["stated"]["figure"], []).append(f)
    tests = failures = 0
    for x in rev.changed:
        if x["class"] == "within-rounding":
            continue
        tests += 1
        case = ET.SubElement(suite, "testcase", {
            "classname": f"revisions/{x['segment']}/{x['flow']}",
            "name": f"{x['figure']}: {_what(x)} {_printing(x['before'])} -> "
                    f"{_printing(x['after'])} ({x['class']})"})
        mine = by_figure.get(x["figure"], [])
        errors = [f for f in mine if f["severity"] == "error"]
        if errors:
            failures += 1
            ET.SubElement(case, "failure", {"type": errors[0]["code"],
                                            "message": errors[0]["message"]}).text = \
                "\n".join(f"{f['code']}: {f['message']}" for f in errors)
        elif mine:
            ET.SubElement(case, "system-out").text = "\n".join(
                f"{f['code']}: {f['message']}" for f in mine)
    suite.attrib.update({"tests": str(tests), "failures": str(failures), "errors": "0",
                         "skipped": "0"})
    return suite


def render_diff(rev: Revisions, found: list, inputs: list[dict], fmt: str) -> str:
    """`tradeaudit diff`'s report: what changed and the findings across the two vintages."""
    from dataclasses import asdict

    from tradeaudit import __version__
    from tradeaudit.report.json import REPORT_VERSION, dumps_indented, json_bound

    findings = [{"id": f"D{n}", **asdict(d),
                 "stated": {**d.stated, "low": json_bound(d.stated.get("low")),
                            "high": json_bound(d.stated.get("high"))},
                 "expected": {"low": json_bound(d.expected.get("low")),
                              "high": json_bound(d.expected.get("high"))}}
                for n, d in enumerate(found, start=1)]
    if fmt == "json":
        return dumps_indented({
            "tool": "tradeaudit", "version": __version__, "report_version": REPORT_VERSION,
            "inputs": [{"path": str(i["path"]), "sha256": i["sha256"]} for i in inputs],
            "discrepancies": findings, "revisions": revisions_dict(rev)}) + "\n"
    if fmt == "md":
        lines = [markdown_section(rev)]
        lines += [f"- **{f['id']}** {f['severity']} `{f['code']}`: {_md(f['message'])}"
                  for f in findings]
        return "\n".join(lines) + ("\n" if findings else "")
    lines = [f"{f['id']} {f['severity']} {f['code']}: {f['relation']}\n   {f['message']}"
             for f in findings]
    return text_section(rev).lstrip("\n") + "".join(f"\n{x}" for x in lines) + \
        ("\n" if lines else "")
