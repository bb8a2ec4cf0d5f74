"""Published (wide) tables: detect their layout, then turn their cells into figure rows.

A wide table has title lines (the unit: "Unit: US$ million, %"), header rows (periods, flows,
stats), a stub of row labels (the segments; a Total row; indented or "of which" parts) and a
body of printed numbers. Every number cell becomes a figure (contract 1) or is listed as not
interpreted with the reason; nothing is guessed that a heading does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tradeaudit.model.printed import normalize_printed
from tradeaudit.model.units import UNSTATED
from tradeaudit.read.grid import Grid, column_letter
from tradeaudit.read.headings import (
    clean,
    compared,
    currency_of,
    month_heading,
    names_previous,
    of_which,
    period_in_year,
    period_of,
    row_role,
    stat_of,
    strip_note,
    units_of,
    year_pair,
)
from tradeaudit.read.layout import Layout

MISSING = {"-", "—", "–", "－", "ー", "..", "...", "…", "x", "X", "n.a.", "na", "n/a", "N/A",
           "NA", ":", "*", "(NA)", "(X)", "(D)", "(Z)", "(S)", "nil", "–––"}
_VALUE = re.compile(r"^(?P<sign>[△▽▼]|[-−–+]|\()?\s*(?P<num>(?:\d{1,3}(?:[, \u00a0]\d{3})+|\d+)"
                    r"(?:\.\d+)?)\s*(?P<close>\))?\s*(?P<unit>%p?)?\s*"
                    r"(?P<flag>\(?[prPRe]\)?)?$")
_YEARISH = re.compile(r"^(?:19|20)\d\d\s*(?:[a-zA-Z]{1,2}|\([a-z]\)|年|년)?$")
DIMENSIONS = (
    ("country", r"countr|partner|destination|origin|국가|상대국|나라|国|國|地域別"),
    ("region", r"region|area|지역|대륙|地域|地区"),
    ("industry", r"industr|sector|산업|업종|業種|行业"),
    ("item", r"product|commodit|item|goods|hs\b|sitc|품목|상품|제품|品目|商品|产品"),
)


_COUNT = re.compile(r"건수|件数|件數|\bnumber of\b|\bcount\b|\bno\. of\b", re.IGNORECASE)
# Phrases holding a flow's word that name no flow ("balance of payments basis").
_NOT_FLOWS = re.compile(r"balance[- ]of[- ]payments?|국제수지", re.IGNORECASE)
_NOISE = re.compile(r"\b(?:total|net|of|and|on|the|in|amount|value|percent|per cent|basis|trade|"
                    r"credits?|debits?|goods (?:and|&) services)\b|"
                    r"\([^)]*\)|[%$|,.:;()\[\]]|\d+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CellValue:
    """A body cell read: the signed number as printed ("" when none), its provisional or
    revised flag, its footnote marker, why there is no number, and a change printed beside
    it in parentheses ("578.4(12.9%↑)": `paired` 12.9, `arrow` when an arrow or △ marks it)."""

    value: str
    flag: str = ""
    note: str = ""
    reason: str = ""
    paired: str = ""
    arrow: bool = False


_PAIRED = re.compile(r"^(.*\S)\s*\(\s*([△▽▼▲+-]?)\s*(\d+(?:\.\d+)?)\s*%\s*([↑↓▲▼]?)\s*\)$")


def read_cell(text: str) -> CellValue:
    """A body cell's number ("1,234.5", "△3.2" -> -3.2, "(4.4)", "12.3p", "5.1 1)"), and a
    percentage printed beside it ("578.4(△14.2%)")."""
    t = clean(text)
    m = _PAIRED.match(t)
    if m and m.group(2) != "▲" and m.group(4) != "▲":  # (▲ is a rise in some tables, a fall
        first = read_cell(m.group(1))                    # in others: not read)
        down = m.group(2) in ("△", "▽", "▼", "-") or m.group(4) in ("↓", "▼")
        if first.value:
            return CellValue(first.value, first.flag, first.note, "",
                             ("-" if down else "") + m.group(3),
                             bool(m.group(4)) or m.group(2) in ("△", "▽", "▼"))
    if t in MISSING or t.strip("-—–. ") == "":
        return CellValue("", reason=f"no value printed ({t})")
    t, note = strip_note(t)
    m = _VALUE.match(t)
    if not m or (m.group("sign") == "(") != bool(m.group("close")):
        return CellValue("", note=note, reason="not a printed number")
    value = normalize_printed(re.sub(r"[ \u00a0]", "", m.group("num")))
    if (m.group("sign") or "+") != "+":  # (4.4), △4.4, ▼4.4 and minus signs
        value = "-" + value
    flag = (m.group("flag") or "").strip("()").lower()
    return CellValue(value, {"e": "estimate"}.get(flag, flag), note)


def kind_of_cell(text: str) -> str:
    """empty, value, year (a heading like 2024, 2024p), missing or text."""
    t = clean(text)
    if not t:
        return "empty"
    if _YEARISH.match(t):
        return "year"
    cell = read_cell(t)
    if cell.value:
        return "value"
    return "missing" if cell.reason.startswith("no value") else "text"


def detect(grid: Grid, lexicon) -> Layout | None:
    """The layout detection finds in a grid; None when it holds no body of numbers."""
    kinds = [[kind_of_cell(c.text) for c in row] for row in grid.rows]
    for r in range(1, len(grid.rows)):  # a stub heading spanning header rows (rowspan)
        first = grid.rows[r][0]
        if first.spanned and first.text and first.text == grid.text(r - 1, 0):
            kinds[r][0] = "heading"
    body = _body_rows(kinds)
    if not body:
        return None
    first, last = body
    data_cols = [c for c in range(grid.width) if any(
        kinds[r][c] in ("value", "missing") for r in range(first, last + 1))]
    stub_cols = [c for c in range(min(data_cols)) if any(
        kinds[r][c] in ("text", "year") for r in range(first, last + 1))] or [0]
    data_cols = [c for c in data_cols if c not in stub_cols]
    header = _header_rows(grid, kinds, first, data_cols)
    # a stub column headed "Unit" / 単位 holds units, not labels (long tables)
    unit_cols = [c for c in stub_cols if any(re.fullmatch(
        r"units?|단위|単位|单位", clean(grid.text(r, c)), re.IGNORECASE) for r in header)]
    stub_cols = [c for c in stub_cols if c not in unit_cols] or stub_cols
    while first > (header[-1] + 1 if header else 0) and any(
            kinds[first - 1][c] in ("text", "year") for c in stub_cols):
        first -= 1  # a section row ("U.S. total exports:") just above the numbers
    top = header[0] if header else first
    title = [grid.text(r, c) for r in range(top) for c in range(grid.width)] + grid.above
    notes = [grid.text(r, c) for r in range(last + 1, len(grid.rows)) for c in range(grid.width)]
    layout = Layout(table=grid.name, header_rows=[r + 1 for r in header],
                    body_rows=[first + 1, last + 1],
                    stub_columns=[column_letter(c) for c in stub_cols])
    stub_heads = [grid.text(r, c) for r in header for c in stub_cols]
    labels = [grid.text(r, c) for r in range(first, last + 1) for c in stub_cols]
    layout.dimension = _dimension(stub_heads, labels, lexicon)
    layout.unit = _dollar_of(title, _table_unit(title + notes + [
        grid.text(r, c) for r in header for c in range(grid.width)]))
    text_unit = "" if layout.unit else _unit_in_text(grid.above + grid.below, grid, body)
    layout.unit = layout.unit or text_unit
    layout.period = next((p for p in (period_of(t)[0] for t in title if t) if p), "")
    layout.paired = "growth_pct" if any(stat_of(t) == "growth_pct" for t in title) else ""
    named = [{f for f, _ in flows_in(t, lexicon)} for t in title]
    flows = next((f for f in reversed(named) if f), set())  # the line nearest the headings
    layout.flow = flows.pop() if len(flows) == 1 else ""
    heads = _spread_headings(grid, header, data_cols)
    by_column = all(len({f for h in heads[c] for f, _ in flows_in(h, lexicon)}) == 1
                    for c in data_cols)  # then "Processing with Imported Materials" is a member
    layout.rows = row_specs(grid, layout, lexicon, beneath_stat(notes + grid.below + title),
                            by_column)
    by_row = {k for spec in layout.rows.values() for k in ("period", "flow") if k in spec}
    for c in data_cols:
        layout.columns[column_letter(c)] = column_spec(heads[c], layout, lexicon, by_row)
    _column_units(layout, title, notes, text_unit)
    if "period" not in by_row:
        _inherit_periods(layout, data_cols)
    _column_segments(layout, heads, data_cols, lexicon)
    if not unit_cols:  # (a column of units: each row's own, not one for the table)
        _unstated(layout, heads)
    return layout


def _column_units(layout: Layout, title: list[str], notes: list[str], text_unit: str) -> None:
    """Dollars in a table of Australia's (Canada's ...) trade are that country's; a plain $
    taken as US dollars, or a unit read from the text around the table, says so in `reading`."""
    dollar = _dollar_of(title, "USD")
    said_us = re.search(_US.pattern + r"|\bu\.s\.|united states|america",
                        " ".join(title + notes).lower())
    for spec in layout.columns.values():
        if spec.get("unit", "").startswith("USD") and not _US.search(spec["header"].lower()):
            spec["unit"] = dollar + spec["unit"][3:]
            if dollar == "USD" and not said_us:  # "$m" alone: said in the reading, not hidden
                spec["reading"] += ";unit=dollars-taken-as-USD"
        if text_unit and spec.get("unit") == text_unit and "unit=" not in spec["reading"]:
            spec["reading"] += ";unit=text-around"  # no unit in the table: said in its text


_QUANTITY = re.compile(r"quantit|volume|weight|tonnes?|\btons?\b|\bkg\b|수량|중량|物量|数量|數量|"
                       r"重量", re.IGNORECASE)


def _unstated(layout: Layout, heads: dict) -> None:
    """A table that names no unit for any amount (no unit line, heading or text around it
    says one) has its amounts read as printed in `unstated`, saying so in `reading`: one unit
    of their own, so the table's sums and shares are checked and no currency is made up. A
    table naming a unit somewhere keeps the columns lacking one unread, and so does a column
    of quantities (tonnes are no amount)."""
    if layout.unit or any(spec.get("unit", "pct") not in ("pct", "pp")
                          for spec in layout.columns.values() if "skip" not in spec):
        return
    for letter, spec in layout.columns.items():
        if spec.get("skip", "").startswith("no unit") and "stat" in spec and not any(
                _QUANTITY.search(clean(h)) for h in heads[_column_index(letter)]):
            del spec["skip"]
            spec["unit"] = UNSTATED
            spec["reading"] = (spec["reading"] + ";unit=not-stated").lstrip(";")


def _body_rows(kinds: list[list[str]]) -> tuple[int, int] | None:
    """First and last row holding a label followed by printed numbers (and the unlabelled
    rows of numbers just under the last)."""
    rows = [r for r, row in enumerate(kinds) if "value" in row and (
        "text" in row[:row.index("value")] or "year" in row[:row.index("value")])]
    if not rows:
        return None
    last = rows[-1]
    while last + 1 < len(kinds) and "value" in kinds[last + 1] and not {
            "text", "year"} & set(kinds[last + 1]):
        last += 1  # an unlabelled row of numbers under the last label (its growth)
    return rows[0], last


def _header_rows(grid: Grid, kinds, first: int, data_cols: list[int]) -> list[int]:
    """The rows just above the body with headings over the data columns (a unit line alone
    is a title, not a heading; a row of "na" marks under a label is a body row of no values)."""
    rows: list[int] = []
    for r in range(first - 1, -1, -1):
        texts = [grid.text(r, c) for c in data_cols if kinds[r][c] != "empty"]
        marks = all(kinds[r][c] in ("missing", "empty") for c in data_cols)
        if not texts or (len(set(texts)) == 1 and units_of(texts[0])) or (marks and not rows):
            if rows:
                break
            continue  # blank rows and stub-only rows between the headings and the body
        rows.insert(0, r)
    return rows


def _spread_headings(grid: Grid, header: list[int], data_cols: list[int]) -> dict:
    """Each data column's headings, top down. A blank heading in a row above the last takes
    the heading on its left (a group heading over several columns, as a merged cell spans
    them: CSV and unmerged sheets print it once)."""
    heads: dict[int, list[str]] = {c: [] for c in data_cols}
    for i, r in enumerate(header):
        carried = ""
        for c in range(grid.width):
            text = grid.text(r, c).strip()
            if c not in heads:
                carried = text if c > 0 and text else ""
                continue
            if text:
                carried = text
            elif i < len(header) - 1:
                text = carried
            heads[c].append(text)
    return heads


def _dimension(stub_heads: list[str], labels: list[str], lexicon) -> str:
    """The stub's dimension: named by its heading ("Country", "품목"), else the one most of
    its labels have in the gazetteer, else `item`."""
    words = " ".join(stub_heads).lower()
    named = next((d for d, p in DIMENSIONS if re.search(p, words)), "")
    if named:
        return named
    dims = [k.split("=", 1)[0] for k in (segment_key(t, lexicon) for t in labels) if k]
    return max(sorted(set(dims)), key=dims.count) if dims else "item"


def _table_unit(texts: list[str]) -> str:
    """The amounts' unit named by a unit line ("Unit: US$ million, %") or a heading."""
    named = [u for t in texts for u in units_of(t) if u != "pct"]
    scaled = [u for t in texts if (u := currency_of(t)) and "_" in u]
    # a unit line with a scale first ("In millions of dollars" over "chain-weighted dollars")
    return next((u for u in named if "_" in u), "") or (scaled or named or [""])[0]


_DOLLARS = (("CAD", r"canada|canadian"), ("AUD", r"australia"), ("NZD", r"new zealand"),
            ("HKD", r"hong kong"), ("SGD", r"singapore"), ("TWD", r"taiwan"))


_US = re.compile(r"us\$|usd|u\.?s\.? dollars?|us dollars?")
_US_NAMED = r"\bu\.s\.|\bunited states|\bamerica"


_AMOUNT = re.compile(r"(?:us\$|[$£€¥₩])\s?(\d[\d,]*(?:\.\d+)?)\s*(?:(?:tr|b|m)illion|thousand|bn|mn)?"
                     r"|(\d[\d,]*(?:\.\d+)?)\s*(?:(?:tr|b|m)illion|thousand)?\s*(?:euros?|pounds?|"
                     r"(?:us )?dollars?|yen|won|yuan)\b", re.IGNORECASE)


def _unit_in_text(texts: list[str], grid: Grid, body: tuple[int, int]) -> str:
    """For a table that names no unit: the one unit every amount in the text around it names
    ("down from £4.3 billion", "£1.6 billion"), when one of those amounts is printed in the
    table (the text quotes the table); "" otherwise."""
    amounts = [m for t in texts for m in _AMOUNT.finditer(clean(t))]
    units = {currency_of(m.group(0)) for m in amounts}
    if len(units) != 1 or "" in units:
        return ""
    printed = {read_cell(cell.text).value.lstrip("-") for row in grid.rows[body[0]:body[1] + 1]
               for cell in row}
    quoted = {(m.group(1) or m.group(2)).replace(",", "") for m in amounts}
    return units.pop() if quoted & printed else ""


_BENEATH = re.compile(r"shaded|italics?\b|gr[ae]y\b|beneath|阴影|斜体", re.IGNORECASE)


def beneath_stat(notes: list[str]) -> str:
    """The stat of the unlabelled rows under each labelled row, as a note says it ("Figures
    in shaded areas refer to percentage change over the same period in the previous year":
    growth_pct); "" when no note, or several, say one."""
    stats = {stat_of(n) for n in notes if _BENEATH.search(n)} - {""}
    stats = {s for s in stats if s in ("growth_pct", "share_pct")}
    return stats.pop() if len(stats) == 1 else ""


def _dollar_of(title: list[str], unit: str) -> str:
    """Plain "dollars" in a table of Canada's (Australia's, ...) trade are that country's,
    unless the unit says US ("US$", "USD", "U.S. dollars"); of several countries named, the
    first is the reporter's ("U.S. trade with Canada": US dollars)."""
    if not unit.startswith("USD"):
        return unit
    words = " ".join(title).lower()
    if _US.search(words):
        return unit
    named = [(m.start(), c) for c, p in (*_DOLLARS, ("USD", _US_NAMED)) if (
        m := re.search(p, words))]
    own = min(named)[1] if named else ""  # the first named: "U.S. trade with Canada" is USD
    return own + unit[3:] if own else unit


def flows_in(text: str, lexicon) -> list[tuple[str, int]]:
    """The flows a heading names, longest phrase first, each span once: (flow, sign)."""
    t = _NOT_FLOWS.sub(lambda m: "#" * len(m.group(0)), clean(text).lower())
    taken = [False] * len(t)
    found = []
    for phrase, flow, sign in lexicon.flows:
        pattern = r"\b" + re.escape(phrase) + r"\b" if phrase.isascii() else re.escape(phrase)
        for m in re.finditer(pattern, t):
            if not any(taken[m.start():m.end()]):
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
                if (flow, sign) not in found:
                    found.append((flow, sign))
    return found


def column_spec(heads: list[str], layout: Layout, lexicon, by_row=frozenset()) -> dict:
    """What a data column's headings say: period, flow, stat, unit; `skip` with the reason
    when they do not say enough."""
    spec: dict = {"header": " | ".join(h for h in heads if h), "reading": ""}
    if any(_COUNT.search(clean(h)) for h in heads):
        return {**spec, "skip": "a count (of declarations, shipments ...), not an amount"}
    for stage in (_column_period, _column_flow, _column_stat):
        spec = stage(spec, heads, layout, lexicon)
        if "skip" in spec:
            return spec
    spec["reading"] = spec["reading"].lstrip(";")
    return _complete(spec, by_row)


def _column_period(spec: dict, heads: list[str], layout: Layout, lexicon) -> dict:
    """The period a column's headings name (a year pair for a change, "X to Y", a month
    under the title's), the title's a year back ("전년 동기"), or a skip saying why not."""
    stats = {s for s in map(stat_of, heads) if s}
    pair = next((p for p in map(year_pair, heads) if p), "") if stats & {
        "growth_pct", "change", "pop_pct"} else ""
    span = next((x for x in map(compared, heads) if x), None)
    if span:  # "August to September 2017": a change, on the period it names unless a year's
        spec = {**spec, "reading": spec["reading"] + ";compared=heading"}
        if not span[1]:
            spec["base"] = span[2]
    heads = [h for h in heads if not compared(h)] + ([span[0]] if span else [])
    found = [period_of(h) for h in heads] + [month_heading(h, layout.period) for h in heads]
    periods = {p for p, _ in found if p} or ({pair} if pair else set())
    why = "" if pair else next((w for _, w in found if w), "")
    if len(periods) > 1:
        return {**spec, "skip": f"headings name several periods ({', '.join(sorted(periods))})"}
    if periods:
        return {**spec, "period": periods.pop(), "reading": spec["reading"] + ";period=heading"}
    if why:
        return {**spec, "skip": f"the heading {why}"}
    if any(names_previous(h) for h in heads) and layout.period:
        return {**spec, "period": str(int(layout.period[:4]) - 1) + layout.period[4:],
                "reading": spec["reading"] + ";period=previous"}
    return spec


def _column_flow(spec: dict, heads: list[str], layout: Layout, lexicon) -> dict:
    """The one flow a column's headings name (else the title's); several is a skip."""
    flows = [f for h in heads for f in flows_in(h, lexicon)]
    if len({f for f, _ in flows}) > 1:
        return {**spec, "skip": "headings name several flows (" + ", ".join(
            dict.fromkeys(f for f, _ in flows)) + ")"}
    if flows:
        spec = {**spec, "flow": flows[0][0], "reading": spec["reading"] + ";flow=heading"}
        return {**spec, "sign": -1} if flows[0][1] < 0 else spec
    if layout.flow:
        return {**spec, "flow": layout.flow, "reading": spec["reading"] + ";flow=title"}
    return spec


def _column_stat(spec: dict, heads: list[str], layout: Layout, lexicon) -> dict:
    """The stat a column's headings name (the innermost besides `level`) and its unit."""
    stats = [s for s in map(stat_of, heads) if s]
    stat = next((s for s in reversed(stats) if s != "level"), stats[0] if stats else "")
    unit = _column_unit(heads)
    if "compared=heading" in spec["reading"] and stat in ("", "level"):
        # "Jan-23 to Feb-23 ($m)": the heading is the comparison; its unit says which
        stat = {"pct": "growth_pct", "": ""}.get(unit, "change")
        if not stat:
            return {**spec, "skip": "its heading compares two periods, but names no unit"}
    if not stat and unit == "pct":
        return {**spec, "skip": "a percentage whose heading names no stat (growth or share)"}
    if spec.get("base") and stat not in ("growth_pct", "change"):
        return {**spec, "skip": f"its heading compares {spec.get('period')} with "
                f"{spec['base']}, but names no growth or change"}
    spec = {**spec, "stat": stat or "level",
            "reading": spec["reading"] + f";stat={'heading' if stat else 'default'}"}
    percent = spec["stat"] in ("growth_pct", "share_pct", "pop_pct")
    spec["unit"] = unit if unit and (unit == "pct") == percent else ""
    if not spec["unit"]:
        spec["unit"] = "pct" if percent else layout.unit
    return spec


def _column_unit(heads: list[str]) -> str:
    for h in reversed(heads):
        t = clean(h).lower()
        if re.search(r"%\s*p\b|%p|\bpp\b|percentage points?|%포인트", t):
            return "pp"
        if "%" in t or re.search(r"\bpercent\b|퍼센트", t):
            return "pct"
        if cur := currency_of(h):
            return cur
    return ""


def _complete(spec: dict, by_row) -> dict:
    """A column spec that lacks what a figure needs is skipped, saying what it lacks."""
    if "flow" not in spec and "flow" not in by_row:
        spec["skip"] = "no flow named in the headings or the title"
    elif not spec.get("unit"):
        spec["skip"] = "no unit for its amounts (no unit line in the title or headings)"
    return spec


def _inherit_periods(layout: Layout, data_cols: list[int]) -> None:
    """A growth, change or share column without a period of its own takes that of the
    nearest level column on its left of the same flow ("2023 | 2024 | % change"); one with
    no such column, the title's, else it is skipped."""
    last: dict[str, str] = {}
    blocked = ""  # a skipped column since the last level column: its period is unknown
    for c in data_cols:
        spec = layout.columns[column_letter(c)]
        flow = spec.get("flow", "")
        if "skip" in spec:
            last, blocked = {}, column_letter(c)
            continue
        if "period" in spec:
            if spec["stat"] == "level":  # the latest: growth compares it with an earlier one
                last[flow] = max(last.get(flow, ""), spec["period"])
            continue
        if spec["stat"] != "level" and flow in last:
            spec["period"] = last[flow]
            spec["reading"] += ";period=left"
        elif spec["stat"] != "level" and blocked:
            spec["skip"] = (f"no period of its own, and column {blocked} on its left, whose "
                            "period it would compare, is not read")
        elif layout.period:
            spec["period"] = layout.period
            spec["reading"] += ";period=title"
        else:
            spec["skip"] = "no period named in the headings or the title"


@dataclass
class _Context:
    """What earlier rows say about the next: open group rows, the year, a section's flow."""

    # (level, segment, whether an "of which" row) of the open group rows
    parents: list = field(default_factory=list)
    year: str = ""  # of a group row ("2008" above its quarters) or an outer stub column
    flow: str = ""  # of a section row ("U.S. total exports:")


def row_specs(grid: Grid, layout: Layout, lexicon, beneath: str = "",
              columns_flow: bool = False) -> dict[str, dict]:
    """Each body row's label and what it says: a period (its year from a group row or an
    outer stub column), a flow ("Exports", "Extra-EA19 exports"), or a segment; a part
    (indented, "of which", or under an outer stub column) is within its parent's segment.
    An unlabelled row of numbers just under a labelled one is that row's `beneath` stat
    (growth, as a note says), when a note says one. When every column names its flow
    (`columns_flow`), a label's flow word is part of a member's name."""
    stub = [_column_index(c) for c in layout.stub_columns]
    first, last = layout.body_rows
    carried = [""] * len(stub)
    context = _Context()
    specs: dict[str, dict] = {}
    for r in range(first - 1, last):
        level, label = _level(grid, r, stub, [grid.text(r, c) for c in stub], carried)
        values = any(read_cell(cell.text).value for c, cell in enumerate(grid.rows[r])
                     if c not in stub)
        if not label:
            above = specs.get(str(r))
            if beneath and values and above and "stat" not in above and above.get("_values"):
                specs[str(r + 1)] = {k: v for k, v in above.items() if k not in (
                    "sign", "_values")} | {"stat": beneath}
            continue
        context.year = next((p for p in (period_of(t)[0] for t in carried[:level // 10]) if p),
                            context.year)
        spec = (_period_row(label, context)
                or (None if columns_flow else _flow_row(label, values, context, lexicon))
                or _member_row(label, level, context, layout.dimension, lexicon))
        outer = {f for t in carried[:level // 10] for f, _ in flows_in(t, lexicon)}
        flow = outer.pop() if len(outer) == 1 else context.flow  # an outer column's flow
        if flow and "flow" not in spec:
            spec["flow"] = flow
        specs[str(r + 1)] = spec | ({"_values": True} if values else {})
    for spec in specs.values():
        spec.pop("_values", None)
    return specs


def _period_row(label: str, context: _Context) -> dict | None:
    period = period_in_year(clean(label), context.year)
    if not period:
        return None
    context.year = period[:4] if len(period) == 4 else context.year
    return {"label": clean(label), "role": "period", "segment": "total", "period": period}


def _flow_row(label: str, values: bool, context: _Context, lexicon) -> dict | None:
    """A row naming one flow: a section heading (no values) sets the flow of the rows under
    it; a row of values is that flow, of the segment its other words name."""
    flows = flows_in(label, lexicon)
    if len(flows) != 1:
        return None
    flow, sign = flows[0]
    if re.search(r"\bdebits?\b", label, re.IGNORECASE) and flow == "imports":
        sign = -1  # balance-of-payments debits are printed negative: imports are their negative
    spec = {"label": clean(label), "role": "flow", "segment": "total", "flow": flow,
            **({"sign": -1} if sign < 0 else {})}
    rest = _without_flows(label, lexicon)
    if not values or not _residue([label], lexicon):  # "Exports:", "Total exports"
        context.flow, context.parents = flow, []
        return spec
    if rest:
        spec["segment"] = segment_key(rest, lexicon) or f"area={_member(rest)}"
    return spec


def _without_flows(label: str, lexicon) -> str:
    t = clean(label)
    for phrase, _, _ in lexicon.flows:
        t = re.sub((r"\b" + re.escape(phrase) + r"\b") if phrase.isascii() else re.escape(phrase),
                   " ", t, flags=re.IGNORECASE)
    return " ".join(t.split()).strip(" :,-")


def _member_row(label: str, level: int, context: _Context, dimension: str, lexicon) -> dict:
    label, part = of_which(label)
    label, _ = strip_note(clean(label))
    parents = context.parents
    while part and parents and parents[-1][2]:
        parents.pop()  # "of which" rows in a row are siblings, each a part of the row above
    if part and parents:
        level = max(level, parents[-1][0] + 1)
    while parents and parents[-1][0] >= level:
        parents.pop()
    parent = parents[-1][1] if parents else ""
    spec = _segment(label.rstrip(" :"), parent, level, dimension, lexicon)
    if part:
        spec["role"] = "part"
    if spec.get("segment") and spec["role"] not in ("total", "subtotal"):
        parents.append((level, spec["segment"], part))
    return spec


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _level(grid: Grid, r: int, stub: list[int], texts: list[str], carried: list[str]):
    """A row's depth (its innermost filled stub column, plus its indent) and its label."""
    filled = [i for i, t in enumerate(texts) if t.strip()]
    if not filled:
        return 0, ""
    inner = filled[-1]
    for i in filled:
        carried[i] = texts[i]
    cell = grid.rows[r][stub[inner]]
    indent = cell.indent if not cell.spanned else 0
    return inner * 10 + indent, texts[inner]


def _segment(label: str, parent: str, level: int, dimension: str, lexicon) -> dict:
    """A row label as a segment: the total, a gazetteer member, or its own member."""
    role = row_role(label)
    spec: dict = {"label": label, "role": role}
    if parent:
        spec["parent"] = parent
    if role in ("total", "subtotal"):
        if parent:
            spec["segment"], spec["role"] = parent, "subtotal"
        elif role == "total":
            spec["segment"] = "total"
        else:
            spec["skip"] = "a subtotal whose group is not known"
        return spec
    dim, member = (segment_key(label, lexicon) or f"{dimension}={_member(label)}").split("=", 1)
    outer = parent.split(";") if parent and parent != "total" else []
    used = {p.split("=", 1)[0] for p in outer}
    depth, base = 2, dim
    while dim in used:  # a part in its parent's own dimension: item.2 within item
        dim, depth = f"{base}.{depth}", depth + 1
    spec["segment"] = ";".join(outer + [f"{dim}={member}"])
    return spec


def _member(label: str) -> str:
    """A label as a segment member: its own words (no `;` or `=`, which segments use)."""
    return re.sub(r"\s+", " ", label.replace(";", ",").replace("=", "-")).strip() or "?"


def segment_key(label: str, lexicon) -> str:
    """The gazetteer's segment for a row label named exactly by one of its phrases."""
    t = clean(label).lower().removeprefix("the ").strip(" .:")
    index = lexicon.__dict__.setdefault("_exact_segments", {})
    if not index:
        for phrase, key in lexicon.segments:
            index.setdefault(phrase.removeprefix("the "), key)
    return index.get(t, "")


def _column_segments(layout: Layout, heads: dict, data_cols: list[int], lexicon) -> None:
    """Columns that read alike (period, flow, stat) tell apart by the rest of their
    headings ("Exports | Census Basis", "Exports | Net Adjustments"): each becomes a
    segment `series=<those words>`; columns that nothing tells apart are skipped."""
    groups: dict[tuple, list[int]] = {}
    for c in data_cols:
        spec = layout.columns[column_letter(c)]
        if "stat" in spec and not spec.get("skip", "").startswith("columns "):
            # (also a column lacking only its unit: a layout may supply it)
            key = (spec.get("period"), spec.get("flow"), spec["stat"], spec.get("base", ""))
            groups.setdefault(key, []).append(c)
    for cols in groups.values():
        if len(cols) < 2:
            continue
        rest = {c: _residue(heads[c], lexicon) for c in cols}
        totals = [c for c in cols if re.match(r"\s*(total|합계|계)\b", heads[c][-1] if heads[c]
                                               else "", re.IGNORECASE)]
        for c in cols:
            spec = layout.columns[column_letter(c)]
            if (len(totals) == 1 and c == totals[0]) or row_role(rest[c]) == "total":
                continue  # the group's total ("Total Census Basis", "전체산업" beside parts)
            named = segment_key(rest[c], lexicon) if rest[c] else ""
            if named and list(rest.values()).count(rest[c]) == 1:
                spec["segment"] = named  # words all a gazetteer member's: 정보통신산업(ICT)
            elif rest[c] and list(rest.values()).count(rest[c]) == 1:
                spec["segment"] = f"series={rest[c]}"
            elif "skip" not in spec:
                spec["skip"] = ("columns " + ", ".join(column_letter(k) for k in cols) +
                                " read alike and their headings do not say what differs")


def _residue(heads: list[str], lexicon) -> str:
    """A heading's words that name no period, flow, stat or unit."""
    words = []
    for h in dict.fromkeys(heads):
        t = _NOT_FLOWS.sub("bop", clean(h).lower())
        for phrase, _, _ in lexicon.flows:
            t = re.sub((r"\b" + re.escape(phrase) + r"\b") if phrase.isascii() else
                       re.escape(phrase), " ", t)
        if currency_of(t) or period_of(t)[0] or stat_of(t):
            continue
        words += _NOISE.sub(" ", t).split()
    return " ".join(words)
