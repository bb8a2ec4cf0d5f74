"""The audit as JUnit XML, for the test view of a CI system.

One ``<testsuite name="tradeaudit">`` (inside ``<testsuites>``), one ``<testcase>`` per check,
so that its counts equal the JSON summary: ``tests`` = checks, ``failures`` = inconsistent,
``skipped`` = unchecked, ``errors`` = 0. The suite's properties carry the verdict and the
coverage (``checked``, ``figures``, ``coverage``: "checked 32 of 59 figures").

- Every figure is a test case: classname ``<segment>/<flow>`` (``total/exports``), name
  ``<id>: <flow> <stat> (<segment>, <period>) = <printed>`` (the value in the release's
  words: ``29.3937 billion won``).

  - consistent: passes;
  - inconsistent: ``<failure type="<code>" message="<Dn> <code>: <message>">`` from its error
    discrepancy (the one stating the figure, else one naming it a suspect); the failure text
    adds the relation, the expected interval and the suggested correction;
  - unchecked: ``<skipped message="<reason>"/>``.

- Every warning (``wording-mismatch``, ``unit-misuse``, ``reference-rate-mismatch``) is its
  own test case, classname ``warnings``, name ``<Dn> <code>: <relation>``. It *passes* and
  carries the warning in ``<system-out>``: warnings show in the CI's test view without failing
  the build, as with the exit code (0 when there are only warnings). A doubtful figure (its
  wording, "nearly 2", or its reading does not fit) is that warning's test case only, not a
  figure test case as well, as the JSON summary counts it once.

Numbers of a release text that were not interpreted go to the suite's ``<system-out>``.
The output is deterministic: no timestamps, no durations, no host names.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tradeaudit.audit.engine import Audit
from tradeaudit.model.words import amount, language
from tradeaudit.report.json import to_dict
from tradeaudit.report.phrases import Phrases

# XML 1.0 cannot carry these characters, even escaped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: object) -> str:
    return _ILLEGAL.sub("\ufffd", str(text))


def _el(parent: ET.Element, tag: str, text: str = "", **attrs: object) -> ET.Element:
    """A child element with cleaned attributes (in the given order) and text."""
    el = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text:
        el.text = _clean(text)
    return el


def _failure_text(d: dict, suggestion: dict | None, words: Phrases) -> str:
    st, fid = d["stated"], d["stated"]["figure"]
    stated = f"printed {words.stated(st)}" if st["printed"] else words.stated(st)
    lines = [f"{d['id']} {d['severity']} {d['code']}: {d['relation']}",
             f"stated: {fid} {stated}",
             f"expected: {words.expected(fid, d['expected'])}",
             f"suspects: {', '.join(d['suspects'])}",
             f"figures: {', '.join(d['figures'])}"]
    if suggestion and suggestion["printed"]:
        lines.append(f"suggested: {words.correction(fid, suggestion)} "
                     f"({suggestion['cause']})")
    return "\n".join(lines + [d["message"]])


def _name(fid: str, row: dict) -> str:
    """A figure's test case name, its value in the release's words."""
    lang = language(row["unit"], str(row.get("quote", "")))
    printed = " ".join(p for p in (str(row["qualifier"]),
                                   amount(str(row["value"]), row["unit"], lang)) if p)
    return f"{fid}: {row['flow']} {row['stat']} ({row['segment']}, {row['period']}) = {printed}"


def _add_revisions(root: ET.Element, audit: Audit, report: dict) -> None:
    """With --previous: a second suite, of what changed, counted in the root's totals."""
    if audit.revisions is None:
        return
    from tradeaudit.report.revisions import junit_suite

    changed = junit_suite(audit.revisions, report["discrepancies"])
    root.append(changed)
    for k in ("tests", "failures"):
        root.set(k, str(int(root.get(k)) + int(changed.get(k))))


def render_junit(audit: Audit) -> str:
    """JUnit XML: one test case per check; same audit, same bytes."""
    report = to_dict(audit)
    frame = audit.table.frame.reset_index(drop=True)
    errors = [d for d in report["discrepancies"] if d["severity"] == "error"]
    warnings = [d for d in report["discrepancies"] if d["severity"] == "warning"]
    suggestion = {s["figure"]: s["suggestion"] for s in report["suspects"]}
    words = Phrases(frame)

    root = ET.Element("testsuites", {"name": "tradeaudit"})
    suite = _el(root, "testsuite", name="tradeaudit")
    props = _el(suite, "properties")
    for name, value in [("version", report["version"]),
                        ("report_version", report["report_version"]),
                        ("rules", report["rules"]["name"]),
                        ("conversion_policy", report["rules"]["conversion_policy"]),
                        ("verdict", report["summary"]["verdict"])] + [
            (k, report["summary"][k]) for k in ("figures", "checked", "coverage")] + [
            (f"input.{i['path']}", i["sha256"]) for i in report["inputs"]]:
        _el(props, "property", name=name, value=value)

    failures = skipped = tests = 0
    for f, row in zip(report["figures"], frame.to_dict("records")):
        if f["status"] == "doubtful":  # (its warning is its test case)
            continue
        tests += 1
        case = _el(suite, "testcase", classname=f"{row['segment']}/{row['flow']}",
                   name=_name(f["id"], row))
        if f["status"] == "unchecked":
            skipped += 1
            _el(case, "skipped", message=f["reason"])
        elif f["status"] == "inconsistent":
            failures += 1
            mine = ([d for d in errors if d["stated"]["figure"] == f["id"]] or
                    [d for d in errors if f["id"] in d["suspects"]])
            if mine:
                d = mine[0]
                _el(case, "failure", "\n\n".join(_failure_text(x, suggestion.get(f["id"]), words)
                                                 for x in mine),
                    message=f"{d['id']} {d['code']}: {d['message']}", type=d["code"])
            else:
                _el(case, "failure", f["reason"], message=f["reason"], type="inconsistent")
    for d in warnings:
        tests += 1
        case = _el(suite, "testcase", classname="warnings",
                   name=f"{d['id']} {d['code']}: {d['relation']}")
        _el(case, "system-out", _failure_text(d, None, words))
    unread = report.get("not_interpreted", [])
    if unread:
        _el(suite, "system-out", "\n".join(
            f"{u['path']}:{u['line']}: not interpreted: {u['text']!r} ({u['reason']})"
            for u in unread))
    counts = {"tests": tests, "failures": failures, "errors": 0, "skipped": skipped}
    for el in (root, suite):
        el.attrib.update({k: str(v) for k, v in counts.items()})
    _add_revisions(root, audit, report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"
