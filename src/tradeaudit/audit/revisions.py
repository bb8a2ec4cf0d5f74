"""Revisions: the figures of two vintages of a release matched by cell and each change classified.

A figure is matched by what it states (period, segment, flow, stat, currency and base), never by
its id: ids are renumbered between releases. Two printings of one cell whose intervals overlap
changed `within-rounding`; otherwise the change is a `sign-change` (the same magnitude, the
other sign), a `scale-change` (the same digits ×10ⁿ: a scale word or unit slipped), a
`transposed-digits` (two adjacent digits swapped) or a plain `revision`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from tradeaudit.errors import TableError
from tradeaudit.model.figures import PERIOD
from tradeaudit.model.periods import same_year_kind
from tradeaudit.solve.texts import as_arrow

KEY = ("period", "segment", "flow", "stat", "currency", "base_key")
# What a vintage keeps of each figure: enough to match, classify and describe it (the state
# file stores these columns).
COLUMNS = ("id", *KEY, "printed", "unit", "lo", "hi", "factor", "decimals", "prev_period",
           "announced")
CLASSES = ("within-rounding", "revision", "sign-change", "scale-change", "transposed-digits")
SLIPS = ("sign-change", "scale-change", "transposed-digits")  # changes that look like misprints
MAX_POWER = 12
# A figure-table column (contract 1, optional) flagging a figure as revised in this release.
REVISED_COLUMN = "revised"
REVISED_WORDS = frozenset({"1", "true", "yes", "y", "revised", "r", "x", "*"})
NOT_REVISED_WORDS = frozenset({"", "0", "false", "no", "n", "-"})


def vintage_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns of a validated figure table (read.table) that revisions need."""
    base_seg = frame["base_segment"].fillna("").astype(str)
    base = frame["base"].fillna("").astype(str)
    out = pd.DataFrame({c: frame[c] for c in COLUMNS if c in frame.columns
                        and c != "announced"})
    out["base_key"] = np.where(base_seg.to_numpy() != "", base_seg.to_numpy(), base.to_numpy())
    out["currency"] = frame["currency"].fillna("").astype(str)
    out["announced"] = _flags(frame)
    return out[list(COLUMNS)].reset_index(drop=True)


def _flags(frame: pd.DataFrame) -> np.ndarray:
    """The `revised` column as booleans (all False without it); TableError quoting a value
    that is neither a yes nor a no."""
    if REVISED_COLUMN not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    words = frame[REVISED_COLUMN].fillna("").astype(str).str.strip().str.lower()
    bad = ~words.isin(REVISED_WORDS | NOT_REVISED_WORDS).to_numpy(dtype=bool)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise TableError(f"a revised flag is one of {', '.join(sorted(REVISED_WORDS))} or "
                         "empty (or 0, no, false)", path=str(frame["_path"].iat[i]) if "_path"
                         in frame else None, row=int(frame["_row"].iat[i]) if "_row" in frame
                         else None, column=REVISED_COLUMN,
                         text=str(frame[REVISED_COLUMN].iat[i]))
    return words.isin(REVISED_WORDS).to_numpy(dtype=bool)


_UNNAMED = 1_000_000  # the year number Y is counted as (Y-1 one less)


def _months(period: str) -> tuple[int, int]:
    """The first and last month a period covers, as months since year 0."""
    year, rest = PERIOD.match(period).groups()
    # (the unnamed year Y and those before it are numbered far past any named year, so a
    # span of one kind never holds a period of the other)
    y = (int(year) if year[0].isdigit() else _UNNAMED - int(year[2:] or 0)) * 12
    if not rest:
        return y, y + 11
    rest = rest[1:]
    if rest[0] == "Q":
        q = int(rest[1]) - 1
        return y + 3 * q, y + 3 * q + 2
    if rest[0] == "H":
        h = int(rest[1]) - 1
        return y + 6 * h, y + 6 * h + 5
    return y + int(rest) - 1, y + int(rest) - 1


def parse_periods(text: str) -> tuple[tuple[int, int], ...]:
    """`--revised-periods`: periods and ranges `A..B` joined by commas, as month spans;
    ValueError quoting the piece that is neither."""
    spans = []
    for piece in (p.strip() for p in text.split(",")):
        if not piece:
            continue
        ends = [e.strip() for e in piece.split("..")]
        if len(ends) > 2 or not all(PERIOD.match(e) for e in ends):
            raise ValueError(f"not a period or a range of periods (2024-01..2024-12): {piece!r}")
        if not same_year_kind(ends[0], ends[-1]):
            raise ValueError(f"a range from a named year to the unnamed one (Y): {piece!r}")
        first, last = _months(ends[0])[0], _months(ends[-1])[1]
        if first > last:
            raise ValueError(f"a range that ends before it starts: {piece!r}")
        spans.append((first, last))
    return tuple(spans)


def declared(period: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether a figure's whole period lies in the periods declared revised."""
    first, last = _months(period)
    return any(a <= first and last <= b for a, b in spans)


@dataclass
class Revisions:
    """What changed between two vintages: changed cells (with their class), added, removed."""

    previous: list[dict]  # the previous vintage's inputs: {"path", "sha256"}
    declared: str  # the periods declared revised, as given ("" when none)
    changed: list[dict] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # ids of the new vintage
    removed: list[dict] = field(default_factory=list)  # the old figures no longer printed
    matched: int = 0
    new_rows: list[int] = field(default_factory=list)  # rows of the changed, in the new table
    old_rows: list[int] = field(default_factory=list)  # and in the old one

    def counts(self) -> dict:
        """How many figures matched, changed (by class), were added and removed."""
        by = {c: sum(x["class"] == c for x in self.changed) for c in CLASSES}
        return {"matched": self.matched, "unchanged": self.matched - len(self.changed),
                **{c.replace("-", "_"): n for c, n in by.items()},
                "unannounced": sum(not x["announced"] and x["class"] != "within-rounding"
                                   for x in self.changed),
                "added": len(self.added), "removed": len(self.removed)}


def _chunks(values) -> list:
    """A column's text as Arrow chunks (no copy when it is Arrow already)."""
    if isinstance(values, pd.Series) and not isinstance(values.dtype, pd.StringDtype):
        values = values.astype(str)
    arr = as_arrow(values)
    return arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]


def shared_codes(*columns) -> list[np.ndarray]:
    """Each column's values numbered against one dictionary of them all (Arrow's hash table):
    equal text, equal code, across the columns; a missing value is a value of its own."""
    lengths = [len(c) for c in columns]
    both = pa.chunked_array([x for c in columns for x in _chunks(c)], pa.large_string())
    chunks = both.dictionary_encode(null_encoding="encode").chunks
    flat = (np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
            if chunks else np.zeros(0, dtype=np.int64)).astype(np.int64)
    return np.split(flat, np.cumsum(lengths)[:-1])


def pack(columns: list[np.ndarray]) -> np.ndarray:
    """Rows of columns of nonnegative integers as one int64 each, equal exactly when every
    column is (packed, renumbered where the packing would outgrow 63 bits)."""
    code = np.zeros(len(columns[0]) if columns else 0, dtype=np.int64)
    span = 1
    for c in columns:
        width = int(c.max()) + 1 if len(c) else 1
        if span * width >= 2**62:
            code, uniq = pd.factorize(code)
            code, span = code.astype(np.int64), max(len(uniq), 1)
        code = code * width + c
        span *= width
    return code


def packed(*parts: list[np.ndarray]) -> list[np.ndarray]:
    """pack() of several row sets at once (each a list of the same columns' codes), so that
    their keys compare: equal across the sets exactly when every column is."""
    sizes = [len(p[0]) for p in parts]
    code = pack([np.concatenate(cols) for cols in zip(*parts)])
    return np.split(code, np.cumsum(sizes)[:-1])


def joint_codes(frames: list[pd.DataFrame], columns) -> list[np.ndarray]:
    """One integer per row of each frame for its values of `columns` together: equal across
    the frames exactly when every column's text is (each column coded by shared_codes)."""
    return packed(*zip(*(shared_codes(*(f[c] for f in frames)) for c in columns)))


def occurrence(code: np.ndarray) -> np.ndarray:
    """Per row, how many earlier rows have its code (0 for the first printing of a cell)."""
    out = np.zeros(len(code), dtype=np.int64)
    twice = np.flatnonzero(pd.Index(code).duplicated(keep=False))  # (few: sort only those)
    order = twice[np.argsort(code[twice], kind="stable")]
    ordered = code[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]] if len(order) else np.zeros(0, bool)
    at = np.arange(len(order))
    out[order] = at - np.maximum.accumulate(np.where(first, at, 0))
    return out


def match(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Rows of both vintages paired by cell (the k-th printing of a cell with the k-th):
    columns `old` and `new`, a row number or -1 where the other vintage has none."""
    co, cn = joint_codes([old, new], KEY)
    ko, kn = packed([co, occurrence(co)], [cn, occurrence(cn)])
    at = pd.Index(ko).get_indexer(kn)  # (a cell's k-th printing: one row of the old)
    found = at >= 0
    gone = np.ones(len(old), dtype=bool)
    gone[at[found]] = False
    return pd.DataFrame({
        "old": np.concatenate([at[found], np.flatnonzero(gone), np.full((~found).sum(), -1)]),
        "new": np.concatenate([np.flatnonzero(found), np.full(gone.sum(), -1),
                               np.flatnonzero(~found)])}).astype(np.int64)


def _digits(printed: str) -> str:
    return re.sub(r"[^0-9]", "", printed)


def _transposed(a: str, b: str) -> bool:
    """Two printings alike but for two adjacent digits swapped (`1.23` and `1.32`)."""
    if len(a) != len(b) or a.find(".") != b.find(".") or a[:1] == "-" != (b[:1] == "-"):
        return False
    da, db = _digits(a), _digits(b)
    diff = [i for i, (x, y) in enumerate(zip(da, db)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and \
        da[diff[1]] == db[diff[0]]


def _overlap(alo: float, ahi: float, blo: float, bhi: float) -> bool:
    return alo <= bhi and blo <= ahi


def classify(old: dict, new: dict) -> tuple[str, int]:
    """The class of a change between two printings of one cell (rows with printed, lo, hi
    in base units), and the power of ten of a scale change (0 otherwise)."""
    olo, ohi, nlo, nhi = old["lo"], old["hi"], new["lo"], new["hi"]
    if _overlap(olo, ohi, nlo, nhi):
        return "within-rounding", 0
    nonzero = not _overlap(olo, ohi, 0.0, 0.0) and not _overlap(nlo, nhi, 0.0, 0.0)
    if nonzero and (olo > 0) != (nlo > 0) and _overlap(-ohi, -olo, nlo, nhi):
        return "sign-change", 0
    if nonzero and (olo > 0) == (nlo > 0):
        for n in (k for m in range(1, MAX_POWER + 1) for k in (m, -m)):
            f = 10.0 ** n
            lo, hi = sorted((olo * f, ohi * f))
            if _overlap(lo * (1 - 1e-12), hi * (1 + 1e-12), nlo, nhi):
                return "scale-change", n
    if old["unit"] == new["unit"] and _transposed(old["printed"], new["printed"]):
        return "transposed-digits", 0
    return "revision", 0


def compare(old: pd.DataFrame, new: pd.DataFrame, previous: list[dict], spans_text: str = ""
            ) -> Revisions:
    """The revisions from vintage `old` to `new` (both vintage_frame), with the periods
    declared revised (`--revised-periods`; a figure flagged in the `revised` column is
    declared too)."""
    spans = parse_periods(spans_text)
    pairs = match(old, new)
    both = pairs[(pairs["old"] >= 0) & (pairs["new"] >= 0)]
    oi, ni = both["old"].to_numpy(), both["new"].to_numpy()
    po, pn = joint_codes([old, new], ("printed", "unit"))
    differs = po[oi] != pn[ni]
    out = Revisions(previous, spans_text, matched=len(both))
    order = np.argsort(ni[differs], kind="stable")
    cols = ["id", *KEY, "printed", "unit", "lo", "hi"]
    olds = old.iloc[oi[differs][order]][cols].to_dict("records")
    news = new.iloc[ni[differs][order]][cols + ["announced", "factor"]].to_dict("records")
    out.old_rows = oi[differs][order].tolist()
    for o, n, row in zip(olds, news, ni[differs][order].tolist()):
        cls, power = classify(o, n)
        out.changed.append({
            "figure": n["id"], "previous_figure": o["id"],
            **{k: n[k] for k in ("period", "segment", "flow", "stat", "currency")},
            "before": {"printed": o["printed"], "unit": o["unit"]},
            "after": {"printed": n["printed"], "unit": n["unit"]},
            "class": cls, "power": power,
            "announced": bool(n["announced"]) or declared(n["period"], spans),
            # (for the findings: both intervals in base units, the unit's factor, the base)
            "lo": n["lo"], "hi": n["hi"], "old_lo": o["lo"], "old_hi": o["hi"],
            "factor": n["factor"], "base_key": n["base_key"]})
        out.new_rows.append(row)
    gone = pairs["old"].to_numpy()[pairs["new"].to_numpy() < 0]
    out.removed = [{"figure": r["id"], **{k: r[k] for k in ("period", "segment", "flow",
                                                             "stat", "currency")},
                    "printed": r["printed"], "unit": r["unit"]}
                   for r in old.iloc[np.sort(gone)].to_dict("records")]
    fresh = np.sort(pairs["new"].to_numpy()[pairs["old"].to_numpy() < 0])
    out.added = new["id"].iloc[fresh].astype(str).tolist()
    return out
