"""Vintages: a release's figures read for comparison with another release (`--previous`,
`tradeaudit diff`) from figure tables, release texts or the state file of an earlier audit."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

from tradeaudit.audit.revisions import vintage_frame
from tradeaudit.errors import TradeAuditError
from tradeaudit.model.rules import Rules
from tradeaudit.read.formats import TABLE, TEXT, kind_of
from tradeaudit.read.state import STATE_SUFFIX, StateError, is_state, load_state


def rules_digest(rules: Rules) -> str:
    """The sha256 of the rules suite's file ("" when it cannot be read)."""
    try:
        return hashlib.sha256(Path(rules.path).read_bytes()).hexdigest()
    except OSError:
        return ""


def _text_table(path: Path, gazetteer: Path, published: str | None) -> pd.DataFrame:
    """A release text's figures as a figure table of strings, each row at its text line."""
    from tradeaudit.read.text import Lexicon, extract, figure_table

    reading = extract(path, Lexicon.load(gazetteer), published)
    if not reading.figures:
        raise TradeAuditError("no figures found in the text", path=str(path))
    frame = figure_table([reading])
    frame["_row"] = frame["source"].str.rsplit(":", n=1).str[-1].astype(int)
    return frame.astype({"span_start": object, "span_end": object}).fillna("").astype(
        {c: str for c in frame.columns if c != "_row"})


def load_vintage(paths: list[Path], rules: Rules, gazetteer: Path,
                 published: str | None = None, encoding: str | None = None
                 ) -> tuple[pd.DataFrame, list[dict]]:
    """A vintage's figures (audit.revisions.vintage_frame) and its inputs (path, sha256): one
    state file, or figure tables and release texts read as `tradeaudit audit` reads them."""
    from tradeaudit.read.table import load_tables

    for p in paths:
        if not p.is_file():
            raise TradeAuditError("no such file", path=str(p))
    if len(paths) == 1 and (paths[0].suffix == STATE_SUFFIX or is_state(paths[0])):
        state = load_state(paths[0], kept=False)  # (the figures: what changed)
        return state.figures, state.inputs
    for p in paths:
        if kind_of(p) not in (TABLE, TEXT):
            raise TradeAuditError("unknown kind of file; a figure table, a release text or a "
                                  "state file (--save-state)", path=str(p))
    extracted = {p: _text_table(p, gazetteer, published) for p in paths if kind_of(p) == TEXT}
    table = load_tables(paths, rules.flows, rules.ratio_flows, extracted, encoding)
    return vintage_frame(table.frame), [{"path": p, "sha256": d}
                                        for p, d in zip(table.paths, table.digests)]


def previous_vintage(paths: list[Path], rules: Rules, gazetteer: Path,
                     published: str | None = None, encoding: str | None = None
                     ) -> tuple[pd.DataFrame, list[dict]] | None:
    """load_vintage for `--previous`; a state file that cannot be used is a warning on
    stderr and None (the audit goes on without a previous vintage)."""
    try:
        return load_vintage(paths, rules, gazetteer, published, encoding)
    except StateError as e:
        _unusable(e)
        return None


def _unusable(e: StateError) -> None:
    print(f"tradeaudit: warning: {e}; auditing without the previous vintage", file=sys.stderr)


def _state_path(paths: list[Path]) -> Path | None:
    """The state file `--previous` names, if it names one."""
    if len(paths) == 1 and paths[0].is_file() and (paths[0].suffix == STATE_SUFFIX or
                                                   is_state(paths[0])):
        return paths[0]
    return None


def prepare_vintages(args):
    """Before `audit --previous OLD` / `--save-state FILE`: what the audit is to reuse and
    keep (audit.reuse.Reuse: the previous state's solved blocks, when OLD is a state file
    written by an audit). A state that cannot be used is a warning here, once, and the
    audit goes on without the previous vintage."""
    from tradeaudit.audit.reuse import Reuse
    from tradeaudit.read.state import load_solved

    reuse = Reuse()
    state = _state_path(args.previous) if args.previous else None
    if state is not None:
        try:
            reuse.previous = load_solved(state)
        except StateError as e:
            _unusable(e)
            reuse.unusable = True
    return reuse


def with_vintages(result, rules: Rules, args, reuse=None):
    """`audit --previous OLD` and `--save-state FILE`: the result with what changed since
    OLD (audit.vintages.with_previous), and this audit's state written (with the blocks it
    solved, `reuse.kept()`, when prepare_vintages prepared the audit)."""
    from tradeaudit.audit.vintages import with_previous
    from tradeaudit.read.state import save_state

    new = vintage_frame(result.table.frame)
    # The previous state is read before this one is written: they may be the same file.
    old = None
    if args.previous and not (reuse is not None and reuse.unusable):
        old = previous_vintage(args.previous, rules, args.gazetteer, args.published,
                               args.encoding)
    if args.save_state:
        inputs = [{"path": p, "sha256": d} for p, d in zip(result.table.paths,
                                                           result.table.digests)]
        save_state(args.save_state, new, inputs, rules_digest(rules),
                   reuse.kept() if reuse is not None else None)
    if old is None:
        return result
    return with_previous(result, old[0], new, old[1], args.revised_periods,
                         args.strict_revisions)


def diff_vintages(args) -> tuple:
    """`tradeaudit diff OLD NEW`: what changed (audit.revisions.Revisions), the findings
    across the two vintages, and the new vintage's inputs."""
    from tradeaudit.audit.growth_across import across
    from tradeaudit.audit.revisions import compare
    from tradeaudit.audit.vintages import of_revisions
    from tradeaudit.model.rules import load_rules

    rules = load_rules(args.rules)
    old, before = load_vintage([args.old], rules, args.gazetteer, args.published, args.encoding)
    new, after = load_vintage([args.new], rules, args.gazetteer, args.published, args.encoding)
    rev = compare(old, new, before, args.revised_periods)
    found = of_revisions(rev, old, new, args.strict_revisions) + across(old, new, rev)
    return rev, found, after
