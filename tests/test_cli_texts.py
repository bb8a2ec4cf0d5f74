"""The command line on release texts (issue 21): encodings, flows the rules know, errors in the
text's words, where a written file went, and help for every option."""

import argparse
import json

import pytest
from conftest import ROOT

from tradeaudit.cli import main, parser

KO = ROOT / "tests" / "releases" / "ko_clean.txt"
GOODS = ROOT / "tests" / "releases" / "en_goods_clean.txt"


@pytest.fixture
def ko_cp949(tmp_path):
    path = tmp_path / "ko_cp949.txt"
    path.write_bytes(KO.read_text("utf-8").encode("cp949"))
    return path


@pytest.mark.parametrize("flag", [[], ["--encoding", "cp949"], ["--encoding", "euc-kr"]])
def test_a_korean_text_in_cp949_is_read_with_or_without_encoding(ko_cp949, flag, capsys):
    assert main(["audit", str(ko_cp949), "--format", "json", *flag]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["figures"] == 6
    assert main(["extract", str(ko_cp949), *flag]) == 0
    assert "176억4800만 달러" in capsys.readouterr().out


def test_a_wrong_encoding_names_the_line(ko_cp949, capsys):
    assert main(["audit", str(ko_cp949), "--encoding", "utf-8"]) == 2
    assert f"{ko_cp949}:1: not utf-8 text at byte 4" in capsys.readouterr().err


def test_latin_text_in_cp1252_is_not_taken_for_korean(tmp_path, capsys):
    # "Korea’s" in cp1252 decodes as CP949 too, to a lone Hangul syllable: not Korean text.
    path = tmp_path / "t.csv"
    path.write_bytes("id,period,segment,flow,stat,value,unit,qualifier\n"
                     "e,2023,total,exports,level,10.0,USD_bn,\n"
                     "# Korea’s exports,,,,,,,\n".encode("cp1252"))
    assert main(["audit", str(path)]) == 2
    assert "not UTF-8 (nor CP949/EUC-KR Korean) text" in capsys.readouterr().err


def test_only_flows_the_rules_know_are_read_from_a_text(capsys):
    rules = str(ROOT / "expectations" / "goods_trade.json")
    assert main(["audit", str(GOODS), "--rules", rules]) == 0
    out = capsys.readouterr().out
    assert "en_goods_clean.txt:5: '$1,415.0 billion' (a figure of volume; the rules " \
           "goods_trade know balance, exports, imports)" in out
    assert main(["extract", str(GOODS), "--rules", rules]) == 0
    captured = capsys.readouterr()
    assert ",volume," not in captured.out and ",balance," in captured.out
    assert "not interpreted: '$1,415.0 billion' (a figure of volume" in captured.err


def test_an_error_about_a_text_names_its_line_and_words(tmp_path, capsys):
    gazetteer = tmp_path / "g.csv"
    gazetteer.write_text("kind,key,lang,phrase,sign\nflow,exports,en,exports,\n"
                         "segment,electronics,en,electronics,\n")
    text = tmp_path / "t.txt"
    text.write_text("Trade 2023\n\nElectronics exports rose 5.0% to $10.5 billion in 2023.\n")
    assert main(["audit", str(text), "--gazetteer", str(gazetteer)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"tradeaudit: error: {text}:3: ")
    assert "column" not in err and "'5.0%'" in err and "'electronics'" in err
    assert "'Electronics exports rose 5.0% to $10.5 billion in 2023.'" in err


@pytest.mark.parametrize("command", ["audit", "extract"])
def test_a_run_that_writes_a_file_says_where(tmp_path, command, capsys):
    out = tmp_path / "reports" / ""
    assert main([command, str(GOODS), "--out", f"{out}/"]) == 0
    written = list(out.iterdir())
    assert len(written) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines.count(f"tradeaudit: wrote {written[0]}") == 1


def test_every_option_of_every_subcommand_has_help():
    top = parser()
    subs = next(a for a in top._actions if isinstance(a.choices, dict))  # the subcommands
    missing = [f"{name} {'/'.join(a.option_strings) or a.dest}"
               for name, sub in subs.choices.items() for a in sub._actions
               if not a.help or a.help == argparse.SUPPRESS]
    assert sorted(subs.choices) >= ["audit", "diff", "extract"] and not missing


def test_rereading_never_tries_a_flow_the_rules_do_not_know():
    from tradeaudit.read.text import Reading, keep_flows

    fig = {"id": "t:3:1", "period": "2023", "segment": "total", "flow": "exports",
           "stat": "level", "value": "60.0", "unit": "USD_bn", "source": "t.txt:3",
           "quote": "$60.0 billion", "span_start": 10, "span_end": 23,
           "alternatives": "period=2022;flow=volume|imports;segment=total"}
    reading = keep_flows(Reading("t.txt", "text", [fig]), frozenset({"exports", "imports"}),
                         "goods_trade")
    assert reading.figures[0]["alternatives"] == "period=2022;flow=imports;segment=total"
    only_volume = {**fig, "alternatives": "flow=volume"}
    reading = keep_flows(Reading("t.txt", "text", [only_volume]), frozenset({"exports"}), "x")
    assert reading.figures[0]["alternatives"] == ""
