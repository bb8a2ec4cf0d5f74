"""The reports' words for a figure's values: printed, expected and corrected, as the release
words them (model.words), never a unit code."""

from __future__ import annotations

import pandas as pd

from tradeaudit.audit.wording import num, words_of
from tradeaudit.model.periods import UNNAMED, UNNAMED_NOTE
from tradeaudit.model.words import amount, amount_range


def unnamed_year_note(frame: pd.DataFrame) -> str:
    """What Y means, said once in a report whose figures have periods in the year the
    document does not name; "" when none has."""
    return UNNAMED_NOTE if frame["period"].str.startswith(UNNAMED).any() else ""


class Phrases:
    """Per figure of a table: its values in the release's words. Rows are looked up when a
    report asks about a figure (a report names a few of a big release's figures)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.at: pd.Index | None = None
        self.made: dict[str, tuple[str, str, str, int]] = {}

    def _of(self, fid: str) -> tuple[str, str, str, int]:
        """The figure's printed unit, its unit for values, its language and printed places."""
        if fid not in self.made:
            if self.at is None:
                self.at = pd.Index(self.frame["id"])
            pos = int(self.at.get_indexer([fid])[0])
            if pos < 0:
                self.made[fid] = ("", "", "en", 0)
            else:
                row = self.frame.iloc[pos]
                unit, lang = words_of(row)
                self.made[fid] = (str(row["unit"]), unit, lang, int(row.get("decimals", 0) or 0))
        return self.made[fid]

    def unit(self, fid: str) -> tuple[str, str]:
        """The unit a figure's values are worded in, and the release's language."""
        _, unit, lang, _ = self._of(fid)
        return unit, lang

    def printed(self, fid: str, text: str) -> str:
        """A figure's printed value with its unit words (`29.3937 billion won`)."""
        unit, _, lang, _ = self._of(fid)
        return amount(text, unit, lang) if text else text

    def correction(self, fid: str, sug: dict | None) -> str:
        """A suggested correction in words (`25.39 trillion won`), "" when there is none."""
        if not sug or not sug.get("printed"):
            return ""
        return amount(sug["printed"], sug["unit"], self._of(fid)[2])

    def interval(self, fid: str, side: dict) -> str:
        """An expected interval (base: the figure's unit, or the side's own `unit`) in words,
        two more places than the figure was printed with: `0.0669–0.0674`,
        `25,389.422–25,390.915 billion won`; "any value" when both ends are open."""
        low, high = side.get("low"), side.get("high")
        _, unit, lang, places = self._of(fid)
        if side.get("unit"):  # (another quantity than the figure's: a rate, to two places)
            unit, places = side["unit"], 0
        if low is None and high is None:
            return "any value"
        if low is None or high is None:
            bound = amount(num(high if low is None else low, places), unit, lang)
            return f"≤ {bound}" if low is None else f"≥ {bound}"
        return amount_range(num(low, places), num(high, places), unit, lang)

    def stated(self, side: dict) -> str:
        """A discrepancy's stated side: the figure's printed value in words, or what the side
        measures and its interval (`rate the document uses: 1,438.66–1,438.74 KRW per USD`)."""
        fid = side["figure"]
        if side.get("printed"):
            return self.printed(fid, side["printed"])
        return f"{side.get('what', fid)}: {self.interval(fid, side)}"

    def expected(self, fid: str, side: dict) -> str:
        """A discrepancy's expected side in words, saying what it is when it is not the
        figure's value (`reference rates for 2013, 2023: 1,094.95–1,305.41 KRW per USD`)."""
        what = f"{side['what']}: " if side.get("what") else ""
        return what + self.interval(fid, side)
