"""Reading release texts: the sample against its hand-made table, and short releases of our own
in English and Korean, with and without errors."""

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SAMPLE

from tradeaudit.audit.engine import audit
from tradeaudit.cli import main
from tradeaudit.model.units import parse_unit
from tradeaudit.read.table import load_tables
from tradeaudit.read.text import Lexicon, extract, figure_table, read_text

RELEASES = Path(__file__).parent / "releases"
LEXICON = Lexicon.load(ROOT / "data" / "gazetteer.csv")

# What each release prints: (period, segment, flow, stat, value, unit).
T, ICT = "total", "industry=ict"
GOLD = {
    "en_goods_clean.txt": [
        ("2022", T, "exports", "growth_pct", "6.1", "pct"),
        ("2022", T, "exports", "level", "683.6", "USD_bn"),
        ("2022", T, "imports", "growth_pct", "18.9", "pct"),
        ("2022", T, "imports", "level", "731.4", "USD_bn"),
        ("2022", T, "volume", "level", "1415.0", "USD_bn"),
        ("2022", T, "balance", "level", "-47.8", "USD_bn")],
    "en_goods_sign.txt": [
        ("2022", T, "exports", "growth_pct", "6.1", "pct"),
        ("2022", T, "exports", "level", "683.6", "USD_bn"),
        ("2022", T, "imports", "growth_pct", "18.9", "pct"),
        ("2022", T, "imports", "level", "731.4", "USD_bn"),
        ("2022", T, "volume", "level", "1415.0", "USD_bn"),
        ("2022", T, "balance", "level", "47.8", "USD_bn")],
    "en_goods_transposed.txt": [
        ("2022", T, "exports", "growth_pct", "6.1", "pct"),
        ("2022", T, "exports", "level", "683.6", "USD_bn"),
        ("2022", T, "imports", "growth_pct", "18.9", "pct"),
        ("2022", T, "imports", "level", "731.4", "USD_bn"),
        ("2022", T, "volume", "level", "1451.0", "USD_bn"),
        ("2022", T, "balance", "level", "-47.8", "USD_bn")],
    "en_conversion.txt": [
        ("2022", T, "exports", "level", "683.6", "USD_bn"),
        ("2022", T, "exports", "level", "883.2", "KRW_tn"),
        ("2022", T, "imports", "level", "731.4", "USD_bn"),
        ("2022", T, "imports", "level", "1032.5", "KRW_tn"),
        ("2022", T, "volume", "level", "1415.0", "USD_bn"),
        ("2022", T, "volume", "level", "1828.1", "KRW_tn")],
    "en_unit.txt": [
        ("2023", ICT, "exports", "level", "6.81", "USD_bn"),
        ("2023", ICT, "imports", "level", "5.68", "USD_m"),
        ("2023", ICT, "balance", "level", "1.132", "USD_bn")],
    "en_decimal.txt": [
        ("2023", T, "volume", "level", "38.6", "USD_bn"),
        ("2023", T, "volume", "change", "3.747", "USD_bn"),
        ("2023", T, "volume", "growth_pct", "108", "pct")],
    "en_services_clean.txt": [
        ("2024-H1", T, "exports", "level", "62.4", "USD_bn"),
        ("2024-H1", T, "exports", "growth_pct", "9.2", "pct"),
        ("2024-H1", T, "imports", "level", "75.9", "USD_bn"),
        ("2024-H1", T, "imports", "growth_pct", "3.1", "pct"),
        ("2024-H1", T, "balance", "level", "-13.5", "USD_bn"),
        ("2024-H1", T, "volume", "level", "138.3", "USD_bn")],
    "en_html.html": [
        ("2023", T, "exports", "level", "17.648", "USD_bn"),
        ("2023", T, "exports", "growth_pct", "16.0", "pct"),
        ("2023", T, "imports", "growth_pct", "6.7", "pct"),
        ("2023", T, "imports", "level", "20.952", "USD_bn"),
        ("2023", T, "volume", "level", "38.6", "USD_bn")],
    "ko_clean.txt": [
        ("2023", T, "exports", "level", "176.48", "USD_100m"),
        ("2023", T, "exports", "growth_pct", "16.0", "pct"),
        ("2023", T, "imports", "level", "209.52", "USD_100m"),
        ("2023", T, "imports", "growth_pct", "6.7", "pct"),
        ("2023", T, "volume", "level", "386", "USD_100m"),
        ("2023", T, "balance", "level", "-33.04", "USD_100m")],
    "ko_sign.txt": [
        ("2023", T, "exports", "level", "176.48", "USD_100m"),
        ("2023", T, "imports", "level", "209.52", "USD_100m"),
        ("2023", T, "volume", "level", "386", "USD_100m"),
        ("2023", T, "balance", "level", "33.04", "USD_100m")],
    "ko_conversion.txt": [
        ("2023", T, "volume", "level", "386", "USD_100m"),
        ("2023", T, "volume", "level", "55.5338", "KRW_tn"),
        ("2023", T, "exports", "level", "176.48", "USD_100m"),
        ("2023", T, "exports", "level", "29.3937", "KRW_tn")],
    "ko_segment.txt": [
        ("2023", ICT, "exports", "level", "68.1", "USD_100m"),
        ("2023", ICT, "exports", "growth_pct", "3.2", "pct"),
        ("2023", ICT, "imports", "level", "56.8", "USD_100m"),
        ("2023", ICT, "imports", "growth_pct", "-4.4", "pct"),
        ("2023", ICT, "balance", "level", "11.32", "USD_100m")],
    "ko_segment_error.txt": [
        ("2023", ICT, "exports", "level", "68.1", "USD_100m"),
        ("2023", ICT, "exports", "growth_pct", "3.2", "pct"),
        ("2023", ICT, "imports", "level", "56.8", "USD_100m"),
        ("2023", ICT, "imports", "growth_pct", "-4.4", "pct"),
        ("2023", ICT, "balance", "level", "13.21", "USD_100m")],
}
# What the audit must find: verdict, and for errors the top suspect's printed value and cause.
EXPECT = {
    "en_goods_clean.txt": ("consistent", None, None),
    "en_goods_sign.txt": ("inconsistent", "47.8", "sign-flip"),
    "en_goods_transposed.txt": ("inconsistent", "1451.0", "transposed-digits"),
    "en_conversion.txt": ("inconsistent", "1032.5", None),
    "en_unit.txt": ("inconsistent", "5.68", "scale-slip"),
    "en_decimal.txt": ("inconsistent", "108", "decimal-shift"),
    "en_services_clean.txt": ("consistent", None, None),
    "en_html.html": ("consistent", None, None),
    "ko_clean.txt": ("consistent", None, None),
    "ko_sign.txt": ("inconsistent", "33.04", "sign-flip"),
    "ko_conversion.txt": ("inconsistent", "29.3937", None),
    "ko_segment.txt": ("consistent", None, None),
    "ko_segment_error.txt": ("inconsistent", "13.21", None),
}


def _key(period, segment, flow, stat, value, unit):
    u = parse_unit(unit)
    scaled = Decimal(value) * (u.factor if u.kind == "currency" else 1)
    return (period, segment, flow, stat, scaled.normalize(), u.currency or u.kind)


def _score(found: list[tuple], gold: list[tuple]) -> tuple[int, int, int]:
    f, g = Counter(_key(*x) for x in found), Counter(_key(*x) for x in gold)
    return sum((f & g).values()), sum(f.values()), sum(g.values())


def _found(path: Path) -> list[tuple]:
    t = figure_table([extract(path, LEXICON)])
    return list(t[["period", "segment", "flow", "stat", "value", "unit"]].itertuples(
        index=False, name=None))


def test_own_releases_recall_and_precision():
    hits = found = gold = 0
    for name, expected in GOLD.items():
        h, f, g = _score(_found(RELEASES / name), expected)
        hits, found, gold = hits + h, found + f, gold + g
    assert hits / gold >= 0.95, f"recall {hits}/{gold}"
    assert hits / found >= 0.98, f"precision {hits}/{found}"


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_own_release_audit(name, rules):
    path = RELEASES / name
    frame = figure_table([extract(path, LEXICON)])
    frame = frame.astype({"span_start": object, "span_end": object}).fillna("").astype(str)
    a = audit(load_tables([path], rules.flows, rules.ratio_flows, {path: frame}), rules)
    verdict, printed, cause = EXPECT[name]
    assert a.verdict == verdict, [d.message for d in a.discrepancies]
    if printed:
        top = a.suspects[0]
        assert frame.set_index("id").loc[top.figure, "value"] == printed
        if cause:
            assert top.suggestion.cause == cause


def test_sample_text_matches_the_hand_made_table():
    hand = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    gold = [(r.period, r.segment, r.flow, r.stat, r.value, r.unit)
            for r in hand.itertuples()]
    hits, found, total = _score(_found(ROOT / "data" / "technology-trade-2023.txt"), gold)
    assert hits / total >= 0.95 and hits / found >= 0.98, (hits, found, total)


def test_every_number_is_a_figure_or_not_interpreted():
    import re
    for path in [*RELEASES.iterdir(), ROOT / "data" / "technology-trade-2023.txt"]:
        r = extract(path, LEXICON)
        text = r.text
        spans = [(f["span_start"], f["span_end"]) for f in r.figures]
        spans += [(u["start"], u["end"]) for u in r.unread]
        for m in re.finditer(r"\d+", text):
            assert any(a <= m.start() < b for a, b in spans), (path.name, m.group(0),
                                                                text[m.start() - 20:m.end()])


def test_provenance_points_at_the_printed_text():
    r = extract(ROOT / "data" / "technology-trade-2023.txt", LEXICON)
    for f in r.figures:
        assert r.text[f["span_start"]:f["span_end"]] == f["quote"] or f["stat"] == "rank"
        line = int(f["source"].rsplit(":", 1)[1])
        assert r.text.count("\n", 0, f["span_start"]) + 1 == line


def test_html_text_skips_scripts():
    text = read_text(RELEASES / "en_html.html")
    assert "99.9" not in text and "17.648" in text


@pytest.mark.slow
def test_extract_writes_a_table_that_re_audits_the_same(tmp_path, capsys):
    out = tmp_path / "table.csv"
    txt = ROOT / "data" / "technology-trade-2023.txt"
    assert main(["extract", str(txt), "--out", str(out)]) == 0
    assert "numbers not interpreted" in capsys.readouterr().err
    a_json, b_json = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["audit", str(txt), "--format", "json", "--out", str(a_json)]) == 1
    assert main(["audit", str(out), "--format", "json", "--out", str(b_json)]) == 1
    import json
    a, b = json.loads(a_json.read_text()), json.loads(b_json.read_text())
    assert a["summary"] == b["summary"]
    assert [d["code"] for d in a["discrepancies"]] == [d["code"] for d in b["discrepancies"]]
    assert [s["figure"] for s in a["suspects"]] == [s["figure"] for s in b["suspects"]]
    assert a["suspects"][0]["suggestion"]["unit"] == "KRW_tn"


def test_text_and_table_are_cross_checked(tmp_path):
    """A table that says 17.468 where the text says 17.648 is a discrepancy."""
    table = tmp_path / "t.csv"
    table.write_text("id,period,segment,flow,stat,value,unit\n"
                     "tab_exp,2023,total,exports,level,17.468,USD_bn\n")
    txt = RELEASES / "en_html.html"
    assert main(["audit", str(txt), str(table)]) == 1


@pytest.mark.parametrize("content,needle", [(b"\x00\x01binary", "binary"),
                                            (b"caf\xe9 1.2", "not UTF-8")])
def test_bad_text_is_one_line(tmp_path, capsys, content, needle):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["audit", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err and str(path) in err and len(err.strip().splitlines()) == 1


def test_empty_text_audits_nothing(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    assert main(["audit", str(path)]) == 2  # an empty document is an error
