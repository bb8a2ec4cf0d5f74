"""The few exceptions for "cannot run": each names the file, the place and the offending text."""

from __future__ import annotations


class TradeAuditError(Exception):
    """The input or the command is wrong; the CLI prints the message and exits 2."""

    def __init__(self, message: str, *, path: str | None = None, row: int | None = None,
                 column: str | None = None, text: str | None = None) -> None:
        self.path, self.row, self.column, self.text = path, row, column, text
        super().__init__(message)

    def __str__(self) -> str:
        place = ":".join(str(p) for p in (self.path, self.row) if p is not None)
        where = f"{place}: " if place else ""
        col = f"column {self.column!r}: " if self.column else ""
        quoted = f" (got {self.text!r})" if self.text is not None else ""
        return f"{where}{col}{self.args[0]}{quoted}"


class TableError(TradeAuditError):
    """A figure table cannot be read as contract 1."""


class RulesError(TradeAuditError):
    """A rules suite in expectations/ is malformed or names an unknown rule."""
