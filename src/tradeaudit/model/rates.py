"""Reference exchange rates: a table of (pair, period, rate, source, status), read as printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tradeaudit.errors import TableError
from tradeaudit.model.printed import normalize_printed, parse_printed

_PER = re.compile(r"^([a-z]{3})_per_([a-z]{3})$")


@dataclass(frozen=True, slots=True)
class Rate:
    """One reference rate: `quote` units per one `base` unit, as printed, with provenance."""

    quote: str
    base: str
    period: str
    printed: str
    low: float
    high: float
    source: str
    status: str
    measure: str


@dataclass(frozen=True)
class Rates:
    """Reference rates by (quote, base, period); a missing or conflicting entry is None."""

    path: str
    table: dict[tuple[str, str, str], list[Rate]]

    def lookup(self, quote: str, base: str, period: str) -> tuple[Rate | None, str]:
        """The rate for a pair and period, or None with the reason it cannot be used."""
        found = self.table.get((quote, base, period), [])
        usable = [r for r in found if r.status != "missing" and r.printed]
        if not usable:
            return None, f"no reference {quote}/{base} rate for {period}"
        if len({r.printed for r in usable}) > 1 or any(r.status == "conflicting" for r in usable):
            vals = ", ".join(sorted({r.printed for r in usable}))
            note = next((r.source for r in usable if r.status == "conflicting"), "")
            return None, f"conflicting reference {quote}/{base} rates for {period} ({vals}" + \
                (f"; {note}" if note else "") + ")"
        return usable[0], ""


def load_rates(path: Path) -> Rates:
    """Read a rates table: columns pair (`KRW/USD`), period, rate, source[, status, measure];
    or the shipped shape with a `<quote>_per_<base>` column and `year`."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise TableError(f"cannot read the rates table: {str(e).splitlines()[0]}",
                         path=str(path)) from None
    frame.columns = [c.strip() for c in frame.columns]
    per = [c for c in frame.columns if _PER.match(c)]
    if per and "year" in frame.columns:
        q, b = _PER.match(per[0]).groups()
        frame = frame.rename(columns={per[0]: "rate", "year": "period"})
        frame["pair"] = f"{q.upper()}/{b.upper()}"
    missing = [c for c in ("pair", "period", "rate") if c not in frame.columns]
    if missing:
        raise TableError(f"a rates table needs columns pair, period, rate (and source); "
                         f"missing {missing[0]!r}", path=str(path), row=1, column=missing[0])
    table: dict[tuple[str, str, str], list[Rate]] = {}
    for n, row in enumerate(frame.to_dict("records"), start=2):
        pair = str(row["pair"]).strip().upper()
        if not re.match(r"^[A-Z]{3}/[A-Z]{3}$", pair):
            raise TableError("a pair reads QUOTE/BASE, e.g. KRW/USD", path=str(path), row=n,
                             column="pair", text=row["pair"])
        text = str(row["rate"]).strip()
        status = str(row.get("status", "") or "").strip() or "reported"
        printed = normalize_printed(text) if text else ""
        if text and not printed:
            raise TableError("a rate is a printed number", path=str(path), row=n,
                             column="rate", text=text)
        lo = hi = float("nan")
        if printed:
            p = parse_printed(printed)
            lo, hi = (float(v) for v in p.bounds)
        elif status != "missing":
            status = "missing"
        quote, base = pair.split("/")
        table.setdefault((quote, base, str(row["period"]).strip()), []).append(Rate(
            quote, base, str(row["period"]).strip(), printed, lo, hi,
            str(row.get("source", "")), status, str(row.get("measure", ""))))
    return Rates(str(path), table)
