"""Figures from release text: every number becomes a figure or is listed as not interpreted,
with the reason. The reader (`reader`) is shared by all languages; each language's words are
a module of `lang` (en, ko, ja, zh ...)."""

from tradeaudit.read.text.reader import (
    Lexicon,
    Reading,
    extract,
    figure_table,
    keep_flows,
    read_text,
)

__all__ = ["Lexicon", "Reading", "extract", "figure_table", "keep_flows", "read_text"]
