"""Input formats: one registry decides a file's kind for the command line and the table loader."""

from __future__ import annotations

import pytest
from conftest import ROOT

from tradeaudit.cli import main
from tradeaudit.errors import TableError
from tradeaudit.model.rules import load_rules
from tradeaudit.read import formats
from tradeaudit.read.table import READERS, load_tables, read_frame

RULES = load_rules(ROOT / "expectations" / "technology_trade.json")
TABLE = "id,period,segment,flow,stat,value,unit\ne,2023,total,exports,level,10.0,USD_bn\n"


def test_every_suffix_has_one_kind_and_a_reader():
    assert set(formats.TABLE_SUFFIXES).isdisjoint(formats.TEXT_SUFFIXES)
    assert set(formats.TABLE_SUFFIXES) | set(formats.TEXT_SUFFIXES) == set(formats.FORMATS)
    for suffix, fmt in formats.FORMATS.items():
        assert fmt.suffix == suffix == suffix.lower() and fmt.kind in (formats.TABLE,
                                                                       formats.TEXT)
        if fmt.kind == formats.TABLE:  # (a PDF holds published tables only: read.published)
            assert fmt.reader in READERS or (fmt.grid and not fmt.reader)
        else:
            assert fmt.reader in ("plain", "html")
    assert formats.kind_of(ROOT / "data" / "technology-trade-2023.TXT") == formats.TEXT
    assert formats.kind_of(ROOT / "table.CSV") == formats.TABLE
    assert formats.kind_of(ROOT / "notes.docx") is None


@pytest.mark.parametrize("name", ["t.txt", "t.TXT", "t.md", "t.html"])
def test_a_release_text_given_to_the_table_loader_is_one_clear_error(tmp_path, name):
    """A text that happens to look like a CSV is still a text: never read as a table."""
    path = tmp_path / name
    path.write_text(TABLE, encoding="utf-8")
    for load in (lambda: read_frame(path),
                 lambda: load_tables([path], RULES.flows, RULES.ratio_flows)):
        with pytest.raises(TableError) as e:
            load()
        assert str(e.value) == (f"{path}: a release text ({path.suffix.lower()}), not a figure "
                                "table: `tradeaudit audit` reads its figures; a figure table is "
                                ".csv, .tsv, .parquet, .xlsx, .xls")


def test_the_command_line_reads_a_txt_as_text_and_a_csv_as_a_table(tmp_path, capsys):
    text, table = tmp_path / "t.txt", tmp_path / "t.csv"
    text.write_text(TABLE, encoding="utf-8")
    table.write_text(TABLE, encoding="utf-8")
    assert main(["audit", str(table)]) == 3  # read as a table; its one figure is unchecked
    capsys.readouterr()
    assert main(["audit", str(text)]) == 3  # a text with no statistic in it: nothing checked
    assert "UNCHECKED: no figure to check was found" in capsys.readouterr().out


def test_an_unknown_suffix_is_refused_by_both(tmp_path, capsys):
    path = tmp_path / "t.docx"
    path.write_text(TABLE, encoding="utf-8")
    with pytest.raises(TableError, match="unsupported table format"):
        read_frame(path)
    assert main(["audit", str(path)]) == 2
    assert "unknown kind of file" in capsys.readouterr().err


def test_a_tsv_is_read_by_the_delimited_reader(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text(TABLE.replace(",", "\t"), encoding="utf-8")
    frame = read_frame(path)
    assert list(frame["value"]) == ["10.0"] and list(frame["_row"]) == [2]
