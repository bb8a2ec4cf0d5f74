"""The figure table (contract 1): loading, validation and the derived columns the engine needs."""

from __future__ import annotations

import difflib
import hashlib
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from tradeaudit.errors import TableError
from tradeaudit.model import periods
from tradeaudit.model.figures import (
    OPTIONAL,
    PERIOD,
    REQUIRED,
    STAT_UNITS,
    STATS,
    TEXT,
    Table,
    canonical_segment,
)
from tradeaudit.model.interval import mul
from tradeaudit.model.printed import (
    QUALIFIERS,
    VAGUE,
    normalize_printed,
    qualify_with_band,
    read_printed,
)
from tradeaudit.model.units import SCALES, UNSTATED, parse_unit
from tradeaudit.read.formats import FIGURE_TABLE_SUFFIXES, TABLE, format_of
from tradeaudit.stats import AMOUNTS, COMPARED, with_base

DELIMITERS = (",", ";", "\t", "|")


def decode(raw: bytes, path: str, encoding: str | None = None) -> str:
    """Text of a table or release-text file: the given encoding, else UTF-8 (with or without
    BOM), else CP949/EUC-KR (Korean spreadsheets' and hwp exports' usual encoding) when that
    reads as Korean text."""
    if b"\x00" in raw[:4096]:
        raise TableError("binary content, not a text table (save it as CSV, XLSX or Parquet)",
                         path=path)
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise TableError(f"unknown encoding {encoding!r}", path=path) from None
        except UnicodeDecodeError as e:
            raise TableError(f"not {encoding} text at byte {e.start}", path=path,
                             row=raw[:e.start].count(b"\n") + 1) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = raw.decode("cp949")
        if _korean(text):
            return text
    except UnicodeDecodeError:
        pass
    raise TableError(f"not UTF-8 (nor CP949/EUC-KR Korean) text at byte {first_bad}; pass "
                     "--encoding", path=path, row=raw[:first_bad].count(b"\n") + 1)


HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")


def _korean(text: str) -> bool:
    """Korean text: at least half its non-ASCII characters are Hangul in words of two or
    more syllables. (Text in another 8-bit encoding can decode as CP949 too, but its
    curly quotes and accents come out as lone syllables between Latin letters.)"""
    foreign = sum(not c.isascii() for c in text)
    return foreign > 0 and 2 * sum(map(len, HANGUL_WORD.findall(text))) >= foreign


def _delimiter(text: str, suffix: str) -> str:
    """The header line's separator: tab for .tsv, else the most frequent of , ; tab |."""
    if suffix == ".tsv":
        return "\t"
    size = 1 << 16  # the header is near the top: no need to split a big table's lines
    while True:
        lines = text[:size].splitlines()
        header = next((line for line in lines if line.strip()), "")
        if size >= len(text) or (header and header is not lines[-1]):
            break
        size *= 4
    return max(DELIMITERS, key=lambda d: (header.count(d), d == ","))


def read_frame(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """Read one table file as strings, exactly as printed, with each row's line number in
    `_row` (blank lines are skipped, never counted as figures)."""
    reader = _reader(path)
    try:
        frame = reader(path, encoding)
    except TableError:
        raise
    except pd.errors.EmptyDataError:
        raise TableError("the file is empty; a figure table needs a header row and figures",
                         path=str(path), row=1) from None
    except (pd.errors.ParserError, ValueError, OSError, ImportError) as e:
        raise TableError(f"cannot read the table: {str(e).splitlines()[0]}",
                         path=str(path)) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return _drop_blank_rows(frame)


def _reader(path: Path):
    """The reader of a figure table by its suffix (formats.FORMATS); a release text or an
    unknown suffix is a TableError."""
    fmt = format_of(path)
    if fmt is None:
        raise TableError("unsupported table format; use .csv, .tsv, .parquet or .xlsx",
                         path=str(path))
    if fmt.kind != TABLE:
        raise TableError(f"a release text ({fmt.suffix}), not a figure table: `tradeaudit "
                         f"audit` reads its figures; a figure table is "
                         f"{', '.join(FIGURE_TABLE_SUFFIXES)}", path=str(path))
    if fmt.reader not in READERS:
        raise TableError(f"{fmt.suffix} holds published tables, not a figure table (read "
                         "by tradeaudit.read.published)", path=str(path))
    return READERS[fmt.reader]


def _drop_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without its rows whose every cell is blank."""
    # Each column is looked at only on the rows that are still blank, so a table without
    # blank rows costs one column's check.
    blank = np.ones(len(frame), dtype=bool)
    for col in (c for c in frame.columns if c != "_row"):
        rows = np.flatnonzero(blank)
        if not len(rows):
            return frame
        cells = frame[col] if len(rows) == len(frame) else frame[col].iloc[rows]
        blank[rows] = (cells.astype(str).str.strip() == "").to_numpy(dtype=bool)
    return frame[~blank].reset_index(drop=True)


def read_delimited(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """A CSV or TSV file as strings; `_row` is each row's line number."""
    text = decode(path.read_bytes(), str(path), encoding)
    if not text.strip():
        raise pd.errors.EmptyDataError
    sep = _delimiter(text, path.suffix.lower())
    frame = read_plain_csv(text, sep)
    if frame is None:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            sep=sep, skipinitialspace=True, skip_blank_lines=False)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame["_row"] = np.arange(2, len(frame) + 2)
    return frame


def read_parquet(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """A Parquet file as strings ("" for missing); `_row` counts rows from 1."""
    frame = pd.read_parquet(path)
    frame = frame.astype(object).where(frame.notna(), "").astype(str)
    frame["_row"] = np.arange(1, len(frame) + 1)
    return frame


def read_plain_csv(text: str, sep: str) -> pd.DataFrame | None:
    """Read a plain CSV with Arrow's parser, a few times faster than pandas' on big tables.

    None when the text needs pandas' reading, which it then gets: quotes, blank lines (whose
    line numbers pandas keeps), ragged rows, empty or duplicate header names. Otherwise both
    read every cell as printed; pandas' `skipinitialspace` is done here as it does it, by
    dropping the spaces (not tabs) that open a cell.
    """
    end = text.find("\n")
    names = [n.lstrip(" ") for n in text[:end if end >= 0 else None].rstrip("\r").split(sep)]
    if '"' in text or "" in names or len(set(names)) != len(names):
        return None
    try:
        table = pa_csv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(delimiter=sep, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False))
    except pa.ArrowException:  # (pandas then reads it, or says what is wrong where)
        return None
    columns = {}
    for name, cells in zip(names, table.columns):
        if pc.any(pc.starts_with(cells, " ")).as_py():
            cells = pc.utf8_ltrim(cells, " ")
        columns[name] = pd.array(cells, dtype=TEXT)
    return pd.DataFrame(columns)


def read_sheet(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """The first sheet, its header being the first row that names the required columns
    (title rows above a table are common); `_row` is the spreadsheet's row number."""
    raw = pd.read_excel(path, header=None, dtype=str).fillna("")
    for i in range(min(len(raw), 50)):
        names = [str(v).strip() for v in raw.iloc[i]]
        if set(REQUIRED) <= set(names):
            frame = raw.iloc[i + 1:].copy()
            frame.columns = names
            frame["_row"] = np.arange(i + 2, i + 2 + len(frame))
            return frame.loc[:, [c for c in frame.columns if c]].reset_index(drop=True)
    raise TableError(f"no header row with the required columns ({', '.join(REQUIRED)}) in "
                     "the first 50 rows of the sheet", path=str(path), row=1)


# The table readers named by formats.FORMATS (`encoding` matters to delimited text only).
READERS = {"delimited": read_delimited, "parquet": read_parquet, "sheet": read_sheet}


class _Distinct:
    """A text column as its distinct values and each row's index into them: checks and maps
    run once per distinct value (a table has few periods, units or segments, however many
    figures print them)."""

    def __init__(self, column: pd.Series):
        self.codes, self.values = _encode(column)

    def test(self, predicate) -> np.ndarray:
        """predicate(value) for each row, as a boolean mask."""
        per_value = np.fromiter(map(predicate, self.values), bool, len(self.values))
        return per_value[self.codes]

    def isin(self, values) -> np.ndarray:
        """Whether each row's value is one of `values`, as a boolean mask."""
        return self.test(set(values).__contains__)

    def map(self, function, where: np.ndarray | None = None) -> pd.api.extensions.ExtensionArray:
        """function(value) for each row, as text ("" where `where` is False)."""
        return self.take([function(v) for v in self.values], where)

    def take(self, per_value: list[str], where: np.ndarray | None = None):
        """Text given per distinct value, for each row ("" where `where` is False)."""
        text = pa.array(per_value, pa.large_string()).take(self.codes)
        if where is not None:
            text = pc.if_else(where, text, "")
        return pd.array(text, dtype=TEXT)

    def numbers(self, function) -> np.ndarray:
        """function(value) for each row, as floats."""
        return np.array([function(v) for v in self.values], dtype=float)[self.codes]


def _dictionary(column: pd.Series) -> pa.DictionaryArray:
    """A text column without missing cells, dictionary-encoded: codes into its distinct
    values, numbered in order of first appearance (what pd.factorize gives, in half its
    time)."""
    text = pa.array(column.array)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    return pc.dictionary_encode(text)


def _encode(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """_dictionary's codes, and its distinct values as Python strings."""
    encoded = _dictionary(column)
    return encoded.indices.to_numpy(), encoded.dictionary.to_pylist()


def _repeated(column: pd.Series) -> np.ndarray | None:
    """Rows whose value an earlier row has (`duplicated(keep="first")`); None when no row
    does. Factorizing numbers values in order of first appearance, so a row repeats one
    exactly when its code is not above every code before it. (Ids are mostly distinct: a
    million of them never become Python strings.)"""
    encoded = _dictionary(column)
    if len(encoded.dictionary) == len(encoded):
        return None
    codes = encoded.indices.to_numpy()
    return codes <= np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))


def _fail(frame: pd.DataFrame, bad: np.ndarray, column: str, message: str) -> None:
    """Raise at the first row where `bad` holds, quoting that row's cell."""
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise TableError(message, path=str(frame["_path"].iat[i]), row=int(frame["_row"].iat[i]),
                         column=column, text=str(frame[column].iat[i]) if column in frame else None)


def validate(frame: pd.DataFrame, path: str, flows: frozenset[str], empty: bool = False
             ) -> pd.DataFrame:
    """Check one file's rows against contract 1; raise TableError at the first bad cell.
    A table needs a figure at least; what a text gave (`empty` allowed) may have none."""
    _require_columns(frame, path, empty)
    frame = _prepare(frame, path)
    _check_keys(frame, flows)
    _check_values(frame)
    _check_units(frame)
    return frame


def _require_columns(frame: pd.DataFrame, path: str, empty: bool = False) -> None:
    """Every required column is there (a close misspelling is named), and a figure at least."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        extra = [c for c in frame.columns if c not in REQUIRED + OPTIONAL]
        hint = ""
        close = difflib.get_close_matches(missing[0], extra, n=1)
        if close:
            hint = f" (is {close[0]!r} a misspelling of it?)"
        raise TableError(f"missing required column {missing[0]!r}{hint}; required: "
                         f"{', '.join(REQUIRED)}", path=path, row=1, column=missing[0])
    if frame.empty and not empty:
        raise TableError("the table has a header but no figures", path=path, row=2)


def _prepare(frame: pd.DataFrame, path: str) -> pd.DataFrame:
    """A copy with `_row` and `_path`, every contract column present, its cells stripped text."""
    frame = frame.copy()
    # CSV line numbers (the header is line 1); a figure read from text keeps its text line.
    frame["_row"] = np.arange(2, len(frame) + 2) if "_row" not in frame else frame["_row"]
    frame["_path"] = path
    for col in OPTIONAL:
        if col not in frame.columns:
            frame[col] = ""
    for col in REQUIRED + OPTIONAL:
        frame[col] = frame[col].fillna("").astype(str).str.strip()
    return frame


def _check_keys(frame: pd.DataFrame, flows: frozenset[str]) -> None:
    """What identifies a figure: required values, unique ids, periods, segments (made
    canonical in place), flows and stats."""
    for col in REQUIRED:
        _fail(frame, (frame[col] == "").to_numpy(), col, "a required value is empty")
    dup = _repeated(frame["id"])
    if dup is not None:
        i = int(np.flatnonzero(dup)[0])
        first = int(frame.loc[frame["id"] == frame["id"].iat[i], "_row"].iat[0])
        _fail(frame, dup, "id", f"duplicate id, first used on row {first}")
    _fail(frame, ~_Distinct(frame["period"]).test(PERIOD.match), "period",
          f"a period is {periods.FORMS}")
    segment = _Distinct(frame["segment"])
    canon = [canonical_segment(s) for s in segment.values]
    _fail(frame, np.array([c == "" for c in canon], dtype=bool)[segment.codes], "segment",
          "a segment is `total` or `dimension=member` pairs joined by `;`")
    frame["segment"] = segment.take(canon)
    _fail(frame, ~frame["flow"].isin(flows).to_numpy(), "flow",
          f"unknown flow; the rules know {', '.join(sorted(flows))}")
    _fail(frame, ~frame["stat"].isin(STATS).to_numpy(), "stat",
          f"unknown stat; use one of {', '.join(STATS)}")
    on_flow = frame["stat"].isin(with_base("flow")).to_numpy()
    _fail(frame, on_flow & ~frame["base"].isin(flows).to_numpy(), "base",
          f"a {', '.join(with_base('flow'))} figure's base is a flow: "
          f"{', '.join(sorted(flows))}")


def _check_values(frame: pd.DataFrame) -> None:
    """Printed numbers (their canonical spelling becomes `printed`) and qualifiers."""
    # Most values are printed plainly ("-12.5") and are their own canonical spelling; only
    # the rest go through normalize_printed one by one.
    canon = frame["value"].copy()
    odd = ~frame["value"].str.fullmatch(r"[+-]?[0-9]+(?:\.[0-9]+)?").to_numpy(dtype=bool)
    if odd.any():
        canon[odd] = canon[odd].map(normalize_printed)
        _fail(frame, (canon == "").to_numpy(dtype=bool), "value",
              "not a printed number (digits, optional sign and decimal point)")
    frame["printed"] = canon
    _fail(frame, ~frame["qualifier"].isin(("",) + tuple(QUALIFIERS)).to_numpy(), "qualifier",
          f"unknown qualifier; use one of {', '.join(QUALIFIERS)}")


def _check_units(frame: pd.DataFrame) -> None:
    """Units that parse (their kind, currency and scale become columns) and suit the stat."""
    unit = _Distinct(frame["unit"])
    units = {}
    for i, text in enumerate(unit.values):
        try:
            units[text] = parse_unit(text)
        except ValueError as e:
            _fail(frame, unit.codes == i, "unit", str(e))
    frame["unit_kind"] = unit.map(lambda t: units[t].kind)
    frame["currency"] = unit.map(lambda t: units[t].currency)
    frame["scale"] = unit.map(lambda t: units[t].scale)
    stat = _Distinct(frame["stat"])
    for name, allowed in STAT_UNITS.items():
        bad = stat.isin((name,)) & ~unit.isin(t for t, u in units.items() if u.kind in allowed)
        _fail(frame, bad, "unit", f"a {name} figure is printed in {', '.join(allowed)}")


def derive(frame: pd.DataFrame, ratio_flows: frozenset[str]) -> pd.DataFrame:
    """Add the engine's columns: periods a year back, base kind, intervals in base units."""
    period = _Distinct(frame["period"])
    frame["prev_period"] = period.map(lambda p: periods.shift(p, -1))
    across = _across_years(period, _Distinct(frame["base"]))
    # A growth or change whose `base` names a period is compared with that period (a
    # month-on-month rate: base 2023-02 for 2023-03), else with the same period a year earlier.
    on_base = frame["stat"].isin(COMPARED).to_numpy() & (frame["base"] != "").to_numpy()
    if on_base.any():
        base = frame["base"].to_numpy()
        _fail(frame, on_base & ~_Distinct(frame["base"]).test(PERIOD.match), "base",
              "a growth or change figure's base is the period it is compared with (`2023-02`), "
              "or empty for the same period a year earlier")
        _fail(frame, on_base & (base == frame["period"].to_numpy()), "base",
              "a growth or change figure's base is another period than its own")
        _fail(frame, on_base & across, "base",
              "a growth or change figure's base and its own period are both of the unnamed year "
              "(Y, Y-1, ...) or both of named years: nothing relates the two")
        frame.loc[on_base, "prev_period"] = frame.loc[on_base, "base"]
    is_ratio = _Distinct(frame["flow"]).isin(ratio_flows)
    kind = _Distinct(frame["unit_kind"])
    stat = _Distinct(frame["stat"])
    amount = stat.isin(AMOUNTS)
    bad_ratio_unit = is_ratio & amount & ~kind.isin(("ratio", "pct", "pp"))
    _fail(frame, bad_ratio_unit, "unit", "a ratio flow's level or change is printed in "
          "ratio, pct or pp")
    cur = kind.isin(("currency",))
    amount_bad = ~is_ratio & amount & ~cur
    _fail(frame, amount_bad, "unit", "an amount's level or change is printed in a currency "
          "(USD_bn, KRW_tn, ...)")
    # `pp` on the change of a ratio is read as ratio units (the arithmetic the text implies)
    # and reported as unit-misuse; `pct` on a ratio is read as percent of 1.
    frame["unit_misuse"] = is_ratio & kind.isin(("pp",))
    value, lo, hi, decimals = read_printed(pa.array(frame["printed"].array))
    lo, hi, near_lo, near_hi = qualify_with_band(lo, hi, value, frame["qualifier"],
                                                 decimals, frame["printed"].to_numpy())
    factor = np.where(cur, _Distinct(frame["scale"]).numbers(lambda s: float(SCALES[s])), 1.0)
    pct_ratio = is_ratio & kind.isin(("pct",)) & amount
    factor[pct_ratio] = 0.01
    frame["lo"], frame["hi"] = mul(lo, hi, factor, factor)
    # The band within which a qualified figure that does not fit is a wording warning only.
    frame["near_lo"], frame["near_hi"] = mul(near_lo, near_hi, factor, factor)
    # Too large: the number itself, or a finite bound once in base units. ("over 16" has no
    # upper bound: that infinity is the qualifier's, not an overflow.)
    overflow = ~np.isfinite(value)
    for bound, scaled in ((lo, frame["lo"].to_numpy()), (hi, frame["hi"].to_numpy())):
        overflow |= np.isfinite(bound) & ~np.isfinite(scaled)
    _fail(frame, overflow, "value", "too large to compute with (beyond about 1e308 in base units)")
    frame["decimals"] = decimals
    frame["factor"] = factor
    frame["vague"] = _Distinct(frame["qualifier"]).isin(VAGUE)
    base = _Distinct(frame["base"])
    frame["base_is_period"] = base.test(PERIOD.match)
    needs_period = stat.isin(with_base("period")) & ~frame["base_is_period"].to_numpy()
    _fail(frame, needs_period, "base", "a multiple needs a base period (`2013`)")
    _fail(frame, stat.isin(with_base("period")) & across, "base",
          "a multiple's base period and its own period are both of the unnamed year (Y, Y-1, "
          "...) or both of named years: nothing relates the two")
    seg_base = stat.isin(with_base("segment"))
    bad_base = seg_base & base.test(lambda b: canonical_segment(b or "total") == "")
    _fail(frame, bad_base, "base", "a share's base is a segment (`total`, `industry=ict`)")
    frame["base_segment"] = base.map(lambda b: canonical_segment(b or "total"), where=seg_base)
    return frame


def _across_years(period: _Distinct, base: _Distinct) -> np.ndarray:
    """Rows whose base period and own period are one of the unnamed year (Y), one named."""
    return base.test(lambda b: bool(PERIOD.match(b))) & (
        base.test(periods.is_unnamed) ^ period.test(periods.is_unnamed))


def load_tables(paths: list[Path], flows: frozenset[str], ratio_flows: frozenset[str],
                extracted: dict[Path, pd.DataFrame] | None = None,
                encoding: str | None = None) -> Table:
    """Load and validate figure tables; several files are one document. `extracted` holds the
    figure tables read from release texts (by path), validated the same way."""
    frames, digests = [], []
    extracted = extracted or {}
    for path in paths:
        if not path.is_file():
            raise TableError("no such file", path=str(path))
        digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
        frame = extracted[path] if path in extracted else read_frame(path, encoding)
        frames.append(validate(frame, str(path), flows, empty=path in extracted))
    _apart(frames)
    frame = pd.concat(frames, ignore_index=True)
    frame["_path"] = frame["_path"].astype("category")  # one per file, not one per figure
    dup = _repeated(frame["id"]) if len(frames) > 1 else None  # one file: validate saw it
    if dup is not None:
        i = int(np.flatnonzero(dup)[0])
        raise TableError("duplicate id across the document's files", path=frame["_path"].iat[i],
                         row=int(frame["_row"].iat[i]), column="id", text=frame["id"].iat[i])
    return Table(_one_chunk(derive(frame, ratio_flows)), tuple(map(str, paths)),
                 tuple(digests))


def _apart(frames: list[pd.DataFrame]) -> None:
    """Amounts in no stated unit (`unstated`) are in one unit within a table, but nothing
    says two tables' are the same: the second table's (another file, or another table of a
    published file: its cells' sheet or table) are computed as `unstated-2`, and so on (a
    conversion links them, at a rate nothing pins)."""
    k = 0
    for frame in frames:
        mine = (frame["currency"] == UNSTATED).to_numpy(dtype=bool)
        if not mine.any():
            continue
        tables = (frame.loc[mine, "source"].astype(str).str.replace(_CELL, "", regex=True)
                  if "header" in frame else pd.Series("", index=frame.index[mine]))
        for name in dict.fromkeys(tables.tolist()):
            k += 1
            if k > 1:
                frame.loc[tables.index[(tables == name).to_numpy()], "currency"] = \
                    f"{UNSTATED}-{k}"


_CELL = r"!?[A-Z]{1,3}\d+$|\s*r\d+ c\d+$"  # a published table's cell after its table's name


def _one_chunk(frame: pd.DataFrame) -> pd.DataFrame:
    """Each text column in one Arrow chunk: Arrow takes rows from a chunked column by joining
    its chunks first, so fetching a few rows (the explanations do, row by row) would cost the
    whole column each time."""
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.StringDtype):
            data = pa.array(frame[col].array)
            if isinstance(data, pa.ChunkedArray) and data.num_chunks > 1:
                frame[col] = pd.Series(pd.array(data.combine_chunks(), dtype=frame[col].dtype),
                                       index=frame.index)
    return frame
