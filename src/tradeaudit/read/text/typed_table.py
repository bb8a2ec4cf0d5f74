"""Tables typed out inside an article: a line of flow names, then lines of a part or a
statistic with one figure per flow, and the rates of a part in parentheses on the line below.

    ◇10月の貿易統計                       <輸出入の金額と前年同月比3月分>
    輸出額 輸入額 差引額                   輸出 | 輸入 | |
    総額 91,471 98,096 ▲6,625             金額 | 9兆8,478億円 | 9兆3,038億円 |
    (1.6)(▲12.5)(―)                       前年同月比 | +3.9% | +2.0% |
    〔主要貿易相手別の内訳〕
    中国 16,512 23,255 ▲6,743
    (注)単位億円。カッコ内は前年同月比増減率%。▲は赤字または減。

Each cell is a figure of its column's flow, its row's part (総額: the total) or statistic
(金額, 前年同月比), and the period the table's title names. Bare numbers take the unit a note
or the title gives (単位億円); numbers in parentheses are what the note says they are
(カッコ内は前年同月比増減率); ▲ is a minus, ― no figure. A cell the table does not explain
is listed as not interpreted; a table whose title names no period is not read."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tradeaudit.read.text.lang import ja

CELL = re.compile(r"[^\s|｜]+")
PARENS = re.compile(r"[(（]([^()（）]*)[)）]")
PAREN_ROW = re.compile(r"\s*(?:[(（][^()（）]*[)）]\s*)+")
SUBHEADING = re.compile(r"\s*[〔【<〈［\[][^\d]*[〕】>〉］\]]\s*")
DASH = re.compile(r"[―—–\-－ー]+")
MINUS = re.compile(r"(?:[-−–▲△]|マイナス)\s*$")


@dataclass
class Table:
    """A table typed in a text: its lines (offset, text) from the flow names on."""

    flows: list[tuple[str, int]]  # each column's flow and sign
    title: str
    note: str
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][0] + len(self.lines[-1][1])


def _cells(line: str) -> list[tuple[int, str]]:
    """A line's cells with their offsets: split at | when it has one, else at spaces."""
    if "|" in line or "｜" in line:
        out, at = [], 0
        for part in re.split(r"[|｜]", line):
            text = part.strip()
            if text:
                out.append((at + part.index(text), text))
            at += len(part) + 1
        return out
    return [(m.start(), m.group(0)) for m in CELL.finditer(line)]


def _header(line: str, flows: dict[str, tuple[str, int]]) -> list[tuple[str, int]]:
    """The flows a line of flow names only lists, in order; [] for any other line."""
    cells = [text.lower() for _, text in _cells(line)]
    if len(cells) < 2 or any(c not in flows for c in cells):
        return []
    return [flows[c] for c in cells]


def find(text: str, lexicon) -> list[Table]:
    """The tables typed in a text (in Japanese style: a title, a line of flow names, rows)."""
    if not re.search(r"[\u3040-\u30ff]", text):
        return []
    flows = {phrase: (key, sign) for phrase, key, sign in lexicon.flows}
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    out = []
    k = 0
    while k < len(lines):
        columns = _header(lines[k][1], flows)
        if not columns:
            k += 1
            continue
        title = next((t for _, t in reversed(lines[max(0, k - 2):k]) if t.strip()), "")
        table = Table(columns, title if not title.rstrip().endswith("。") else "", "",
                      [lines[k]])
        k += 1
        while k < len(lines) and _row_kind(lines[k][1], len(columns)):
            table.lines.append(lines[k])
            k += 1
        note = lines[k][1] if k < len(lines) else ""
        table.note = note if ja.TABLE_NOTE.match(note) else ""
        if len(table.lines) > 1:
            out.append(table)
    return out


def _row_kind(line: str, columns: int) -> str:
    """"values", "rates" (in parentheses), "heading" or "" (the table has ended)."""
    if not line.strip():
        return ""
    if SUBHEADING.fullmatch(line):
        return "heading"
    if PAREN_ROW.fullmatch(line):
        return "rates" if len(PARENS.findall(line)) <= columns else ""
    cells = _cells(line)
    if len(cells) < 2 or re.search(r"\d", cells[0][1]) or len(cells) - 1 > columns:
        return ""
    values = cells[1:]
    return "values" if all(re.search(r"\d", c) or DASH.fullmatch(c) for _, c in values) else ""


def read(table: Table, reading, lexicon, published: str | None) -> None:
    """The table's cells as figures of the reading, or listed as not interpreted."""
    from tradeaudit.read.text import reader  # (the reader calls this module)

    period = reader._period(table.title, 0, published or "") if table.title else ""
    unit = ja.table_unit(table.title + " " + table.note)
    rates = ja.table_rates(table.note)
    segments = {phrase: key for phrase, key in lexicon.segments}
    segment, how = "total", "defaulted"
    for offset, line in table.lines[1:]:
        kind = _row_kind(line, len(table.flows))
        if kind == "heading":
            continue
        if kind == "rates":
            cells = [(m.start(1) + len(m.group(1)) - len(m.group(1).lstrip()), m.group(1).strip())
                     for m in PARENS.finditer(line)]
            stat = rates
        else:
            cells = _cells(line)
            label = cells.pop(0)[1]
            stat = ja.table_stat(label)
            if stat:
                segment, how = "total", "defaulted"
            else:
                stat = "level"
                segment, how = _segment(label, segments), "stated"
        line_no = bisect.bisect_right(reading.line_starts, offset)
        for (at, cell), (flow, sign) in zip(cells, table.flows, strict=False):
            qs = reader._quantities(cell)
            if not qs:
                continue  # ― : nothing printed
            q = qs[0]
            q.start, q.end = q.start + at, q.end + at
            why = "" if period else "a table whose title names no period"
            unit_of = q.unit or ("pct" if stat == "growth_pct" else unit if stat == "level" else "")
            if not why and not stat:
                why = "a figure in parentheses the table does not explain"
            elif not why and not unit_of:
                why = "a table cell with no unit (no 単位 in its title or note)"
            elif not why and (unit_of == "pct") != (stat == "growth_pct"):
                why = "a table cell whose unit does not fit its row"
            if why:
                reading.unread.append(reader._unread(reading, q, offset, line_no, why))
                continue
            minus = bool(MINUS.search(line[at:q.start]))  # "▲6,625", "-0.5%"
            negative = minus != (sign < 0 and stat == "level")
            fig = {"period": period, "segment": segment, "flow": flow, "stat": stat,
                   "value": ("-" if negative else "") + q.value, "unit": unit_of, "base": "",
                   "qualifier": "", "quote": q.text,
                   "reading": f"period=inherited;segment={how};flow=stated",
                   "alternatives": ""}
            reader._add(reading, fig, q, offset, line_no, line)


def _segment(label: str, segments: dict[str, str]) -> str:
    """The part a row's label names: the total (総額), a known part, else its own name."""
    if ja.TABLE_WHOLE.fullmatch(label):
        return "total"
    return segments.get(label.lower(), f"item={label}")
