"""Readings arbitrated by the audit: an alarm must survive re-reading.

A figure read from prose records how each attribute was read (stated in its own clause,
carried from an earlier one, or defaulted) and the other plausible readings of what was not
stated. A contradiction that disappears under one of those readings is no error of the
publication's: the figure is then audited as vague (checked against the others, never
constraining them) and the finding is an `ambiguous-reading` warning that names the
reading used and the one under which the figures reconcile. The reading is never swapped
silently: a prior-year value printed where the current year's belongs is a real error too,
and the reviewer decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from tradeaudit.audit.engine import Audit, Discrepancy
from tradeaudit.model.findings import AMBIGUOUS as AMBIGUOUS_READING

AMBIGUOUS = "reading"  # the qualifier that marks a figure whose reading is in doubt
MAX_TRIES = 40  # alternative audits per document (each a whole audit of the text)


def alternatives_of(frame: pd.DataFrame) -> dict[str, list[dict[str, str]]]:
    """Figure id -> the alternative readings its `alternatives` column lists
    ("period=2022|2021;segment=total" -> [{period: 2022}, {period: 2021}, {segment: total}])."""
    if "alternatives" not in frame.columns:
        return {}
    out: dict[str, list[dict[str, str]]] = {}
    for fid, text in zip(frame["id"], frame["alternatives"].fillna("")):
        for part in filter(None, str(text).split(";")):
            attr, _, values = part.partition("=")
            out.setdefault(fid, []).extend({attr: v} for v in values.split("|") if v)
    return out


def _reread(frames: dict, fid: str, change: dict[str, str]) -> dict:
    """The extracted frames with one figure read another way."""
    out = {}
    for path, frame in frames.items():
        hit = frame["id"] == fid
        if hit.any():
            frame = frame.copy()
            for attr, value in change.items():
                frame.loc[hit, attr] = value
        out[path] = frame
    return out


def _errors_touching(result: Audit, figures: set[str]) -> int:
    """How many errors of an audit involve any of the figures."""
    return sum(d.severity == "error" and bool(figures & set(d.figures))
               for d in result.discrepancies)


def _first_clearing(frames: dict, fid: str, changes, involved: set[str], before: int,
                    audit_of: Callable[[dict], Audit], budget: int) -> tuple[str, int]:
    """The first other reading of a figure under which fewer errors touch the contradiction's
    figures than the `before` now ("" if none), and how many audits it took."""
    tries = 0
    for change in changes:
        if tries >= budget:
            break
        tries += 1
        if _errors_touching(audit_of(_reread(frames, fid, change)), involved) < before:
            return ", ".join(f"{k} {v}" for k, v in change.items()), tries
    return "", tries


def _marked(frames: dict, doubtful: dict[str, str]) -> dict:
    """The frames with the doubtful figures (not already qualified) marked vague."""
    out = {}
    for path, frame in frames.items():
        hit = frame["id"].isin(list(doubtful)) & (frame["qualifier"].fillna("") == "")
        frame = frame.copy()
        frame.loc[hit, "qualifier"] = AMBIGUOUS
        out[path] = frame
    return out


def arbitrate(frames: dict, audit_of: Callable[[dict], Audit],
              first: Audit) -> tuple[dict, dict[str, str]]:
    """Round by round, for an error that remains, find a figure in it whose other reading
    clears it and mark that figure vague; return the marked frames and, for each doubtful
    figure, the reading under which the figures reconcile. One figure a round, so the
    others still hold what remains (two marked at once could hide a contradiction)."""
    alts: dict[str, list[dict[str, str]]] = {}
    for frame in frames.values():
        alts.update(alternatives_of(frame))
    doubtful: dict[str, str] = {}
    tries, current = 0, first
    while tries < MAX_TRIES:
        marked = _marked(frames, doubtful)
        found = _next_doubt(marked, current, alts, doubtful, audit_of, MAX_TRIES - tries)
        tries += found[2]
        if not found[0]:
            break
        doubtful[found[0]] = found[1]
        current = audit_of(_marked(frames, doubtful))
    return (_marked(frames, doubtful), doubtful) if doubtful else (frames, {})


def _next_doubt(frames: dict, current: Audit, alts: dict, doubtful: dict[str, str],
                audit_of: Callable[[dict], Audit], budget: int) -> tuple[str, str, int]:
    """The first figure of a remaining error whose other reading clears it: (id, reading,
    audits spent), id "" when none does."""
    spent = 0
    for d in current.discrepancies:
        if d.severity != "error":
            continue
        for fid in d.figures:
            if fid in doubtful or fid not in alts:
                continue
            involved = set(d.figures)
            reading, tries = _first_clearing(frames, fid, alts[fid], involved,
                                             _errors_touching(current, involved), audit_of,
                                             budget - spent)
            spent += tries
            if reading:
                return fid, reading, spent
    return "", "", spent


def ambiguous_findings(result: Audit, doubtful: dict[str, str]) -> Audit:
    """The contradictions of doubtful figures as `ambiguous-reading` warnings."""
    if not doubtful:
        return result
    frame = result.table.frame.set_index("id")
    found: list[Discrepancy] = []
    for d in result.discrepancies:
        fid = d.stated.get("figure") if d.code == "wording-mismatch" else None
        if fid not in doubtful or frame.at[fid, "qualifier"] != AMBIGUOUS:
            found.append(d)
            continue
        row = frame.loc[fid]
        how = str(row.get("reading", "")).replace(";", ", ").replace("=", " ")
        found.append(replace(
            d, code=AMBIGUOUS_READING.code, severity=AMBIGUOUS_READING.severity, relation=d.relation.replace(f"'{AMBIGUOUS} ", "'"),
            message=(f"'{row['value']}' ({row.get('quote', fid)}) does not "
                     f"fit what the other figures allow as read ({how}); read with "
                     f"{doubtful[fid]} the figures reconcile, so the reading, not the "
                     "publication, may be wrong")))
    result.discrepancies = found
    figures = result.figures
    for fid, other in doubtful.items():
        hit = (figures["id"] == fid) & figures["reason"].str.startswith(f"'{AMBIGUOUS}'")
        figures.loc[hit, "reason"] = figures.loc[hit, "reason"].str.replace(
            f"'{AMBIGUOUS}' does not fit", f"as read, it does not fit (read with {other}, the "
            "figures reconcile)", regex=False)
    return result
