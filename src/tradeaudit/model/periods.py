"""Periods (contract 1): a year, month, quarter or half of a named year (`2025-06`) or of `Y`,
the year a document speaks of without naming it (`Y-H1`; `Y-1-H1` the same half a year
before).

`Y` is a year like any other to the relations within it (months sum to `Y-Q1`, the growth of
`Y-H1` compares with `Y-1-H1`) and is related to no named year: no sum, growth or base runs
between `Y` and `2023`, as nothing says which year `Y` is. An earlier unnamed year is `Y-k`
with one digit k (1-9); months always have two digits, so `Y-12` is December of `Y` and
`Y-1` the year before it."""

from __future__ import annotations

import re

import pandas as pd

YEAR = r"\d{4}|Y(?:-[1-9])?"
PERIOD = re.compile(rf"^({YEAR})(-(?:0[1-9]|1[0-2]|Q[1-4]|H[12]))?$")
# The same as a JSON Schema / Great Expectations regex (no groups needed)
PERIOD_REGEX = r"^(?:\d{4}|Y(?:-[1-9])?)(?:-(?:0[1-9]|1[0-2]|Q[1-4]|H[12]))?$"
FORMS = ("YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn; Y for the year the document does not name "
         "(Y-H1, Y-06; Y-1 ... Y-9 the years before it)")
UNNAMED = "Y"
UNNAMED_NOTE = ("Y stands for the year the document speaks of without naming it (Y-1 the year "
                "before it): its figures are checked against each other, never against a named "
                "year's")


def split(period: str) -> tuple[str, str]:
    """(year, rest): `("2023", "-H1")`, `("Y-1", "-06")`, `("Y", "")`; ValueError when the
    period is none of contract 1's forms."""
    m = PERIOD.match(period)
    if not m:
        raise ValueError(f"not a period ({FORMS}): {period!r}")
    return m.group(1), m.group(2) or ""


def year_of(period: str) -> str:
    """The year part of a period (`2023` of `2023-H1`, `Y-1` of `Y-1-06`)."""
    return split(period)[0]


def is_unnamed(period: str) -> bool:
    """Whether a period lies in the year the document does not name (`Y`, `Y-1-H1`)."""
    return period.startswith(UNNAMED)


def shift(period: str, years: int) -> str:
    """The same period `years` later (earlier when negative): `2023-H1` → `2022-H1`, `Y-H1` →
    `Y-1-H1`. An unnamed year more than nine years back is only ever an unknown a growth
    reaches, never printed: it is written `Y~10`, which is no period (`Y-10` would be
    October), so no sum takes it in."""
    year, rest = split(period)
    if year.startswith(UNNAMED):
        back = (int(year[2:]) if len(year) > 1 else 0) - years
        if back < 0:
            raise ValueError(f"no period after the unnamed year: {period!r} + {years}")
        return (UNNAMED if back == 0 else f"{UNNAMED}-{back}" if back <= 9 else
                f"{UNNAMED}~{back}") + rest
    return str(int(year) + years).zfill(4) + rest


def same_year_kind(a: str, b: str) -> bool:
    """Whether two periods may be related: both of named years, or both of the unnamed one."""
    return is_unnamed(a) == is_unnamed(b)


_WITHIN_YEAR = r"-(?:\d\d|Q[1-4]|H[12])$"  # what follows a period's year part


def years_of(column: pd.Series) -> pd.Series:
    """year_of for a column of periods, at once (keys past contract 1, such as `Y~10-H1`, too)."""
    return column.str.replace(_WITHIN_YEAR, "", regex=True)
