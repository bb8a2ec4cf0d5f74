"""Measure the text reader on the corpus of real articles (tests/corpus/<lang>/<slug>/).

Each article has its text, a gold figure table made by hand and a verdict checked by hand.
Prints per language: extraction precision and recall against gold, verdicts right, false
alarms (a consistent article flagged), real errors caught (flagged with an erroneous figure
among the discrepancy's figures), ambiguous readings and inputs refused (exit 2, or nothing read: exit 3).

A text whose year cannot be worked out is read in `Y`, the year it does not name (`Y-H1`,
`Y-1`). Its gold table names the year, known from outside the text (the release it reports
on, the publication): `meta.json` says which as `"unnamed_year": "2013"`, and the benchmark
writes the periods read in `Y` in that year (`Y-1` the year before) before matching them
against gold. The audit itself never learns the year.

    python benchmarks/corpus.py [--lang ko] [--article en/slug ...] [--verbose]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SCALE = {"": 0, "k": 3, "10k": 4, "m": 6, "100m": 8, "bn": 9, "tn": 12}


def _amount(value: str, unit: str) -> tuple[str, Decimal] | None:
    """(unit kind, value in base units) for matching: 176.48 USD_100m == 17648 USD_m."""
    try:
        v = Decimal(str(value).replace(",", "").replace("\u2212", "-").strip("()"))
    except InvalidOperation:
        return None
    cur, _, scale = str(unit).partition("_")
    if cur.isupper() and scale in SCALE:
        return cur, v.scaleb(SCALE[scale]).normalize()
    return str(unit), v.normalize()


def _key(row) -> tuple:
    unit, value = _amount(row["value"], row["unit"]) or ("?", Decimal(0))
    segment = "total" if str(row["segment"]) == "total" else "part"
    return (str(row["period"]), str(row["flow"]), str(row["stat"]), unit, value, segment)


def in_year(period: str, year: str) -> str:
    """A period read in the unnamed year written in the year known from outside the text:
    `Y-H1` in 2013 is `2013-H1`, `Y-1-06` is `2012-06`; other periods as they are."""
    m = re.fullmatch(r"Y(?:-([1-9]))?(-(?:\d\d|Q[1-4]|H[12]))?", period)
    if not m or not year:
        return period
    return f"{int(year) - int(m.group(1) or 0)}{m.group(2) or ''}"


def match(read: pd.DataFrame, gold: pd.DataFrame) -> dict[str, str]:
    """Read figure id -> gold id, each gold row matched at most once."""
    free = defaultdict(list)
    for g in gold.to_dict("records"):
        free[_key(g)].append(g["id"])
    out = {}
    for r in read.to_dict("records"):
        ids = free.get(_key(r))
        if ids:
            out[r["id"]] = ids.pop(0)
    return out


def audit_json(path: Path, published: str | None) -> tuple[int, dict | None, str]:
    from tradeaudit.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        args = ["audit", str(path), "--format", "json", "--out", str(out)]
        if published:
            args += ["--published", published]
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as e:
                code = int(e.code or 0)
        report = json.loads(out.read_text()) if out.exists() else None
    return code, report, err.getvalue().strip()


def read_figures(path: Path, published: str | None) -> pd.DataFrame:
    from tradeaudit.data import GAZETTEER
    from tradeaudit.read.text import Lexicon, extract, figure_table

    kwargs = {"published": published} if published else {}
    try:
        reading = extract(path, Lexicon.load(GAZETTEER), **kwargs)
    except TypeError:
        reading = extract(path, Lexicon.load(GAZETTEER))
    return figure_table([reading])


def evaluate(folder: Path, dates: bool = True, audited: tuple | None = None) -> dict:
    """An article's scores; `audited` is audit_json's result when the caller has it."""
    meta = json.loads((folder / "meta.json").read_text())
    gold = pd.read_csv(folder / "gold.csv", dtype=str, keep_default_na=False)
    published = meta.get("published") if dates else None
    read = read_figures(folder / "article.txt", published)
    year = str(meta.get("unnamed_year") or "")
    matched = match(read.assign(period=read["period"].map(lambda p: in_year(str(p), year))),
                    gold)
    code, report, err = audited or audit_json(folder / "article.txt", published)
    errors = [d for d in (report or {}).get("discrepancies", []) if d["severity"] == "error"]
    ambiguous = [d for d in (report or {}).get("discrepancies", [])
                 if d["code"] == "ambiguous-reading"]
    wrong = set(meta.get("error_figures") or [])
    caught = any(matched.get(f) in wrong for d in errors for f in d["figures"])
    gold_bad = meta["verdict"] == "inconsistent"
    # Refused: exit 2, or nothing read at all (exit 3, unchecked, since a text without figures
    # is no input error); a text read whose figures none could check is not refused.
    refused = code == 2 or (code == 3 and not len(read))
    return {"lang": folder.parent.name, "slug": folder.name, "gold": len(gold),
            "read": len(read), "matched": len(matched), "code": code,
            "false_alarm": not gold_bad and code == 1, "refused": refused,
            "gold_bad": gold_bad, "caught": gold_bad and code == 1 and caught,
            "right": (code == 1 and caught) if gold_bad else code in (0, 3) and not refused,
            "ambiguous": len(ambiguous), "err": err.splitlines()[-1] if err else "",
            "missed": sorted(set(gold["id"]) - set(matched.values())),
            "extra": sorted(set(read["id"]) - set(matched))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", action="append", help="only these languages")
    ap.add_argument("--article", action="append", metavar="LANG/SLUG",
                    help="only these articles (e.g. the ones held out from a round of rules)")
    ap.add_argument("--verbose", "-v", action="store_true", help="a line per article")
    ap.add_argument("--no-dates", action="store_true",
                    help="do not tell the reader the publication date (--published)")
    args = ap.parse_args(argv)
    folders = sorted(p.parent for p in CORPUS.glob("*/*/meta.json")
                     if (not args.lang or p.parent.parent.name in args.lang)
                     and (not args.article or str(p.parent.relative_to(CORPUS)) in args.article))
    rows = []
    for f in folders:
        try:
            rows.append(evaluate(f, not args.no_dates))
        except (ValueError, KeyError, OSError) as e:  # a corpus entry being written
            print(f"skipped {f.relative_to(CORPUS)}: {e}", file=sys.stderr)
    if args.verbose:
        for r in rows:
            flag = "ok " if r["right"] else "BAD"
            print(f"{flag} {r['lang']}/{r['slug']:<45} exit {r['code']} gold {r['gold']:>3} "
                  f"read {r['read']:>3} matched {r['matched']:>3} ambiguous {r['ambiguous']}"
                  f"{'  FALSE ALARM' if r['false_alarm'] else ''}"
                  f"{'  ' + r['err'][:90] if r['refused'] else ''}")
    print(f"{'lang':<6}{'articles':>9}{'precision':>10}{'recall':>8}{'right':>7}"
          f"{'false alarms':>14}{'errors caught':>15}{'ambiguous':>10}{'refused':>8}")
    by = defaultdict(list)
    for r in rows:
        by[r["lang"]].append(r)
    for lang, rs in sorted(by.items()) + [("all", rows)]:
        c = Counter()
        for r in rs:
            c.update({k: int(v) for k, v in r.items() if isinstance(v, (int, bool))})
        ok_articles = len(rs) - c["gold_bad"]
        prec = c["matched"] / c["read"] if c["read"] else float("nan")
        rec = c["matched"] / c["gold"] if c["gold"] else float("nan")
        print(f"{lang:<6}{len(rs):>9}{prec:>10.2f}{rec:>8.2f}{c['right']:>4}/{len(rs):<3}"
              f"{c['false_alarm']:>7}/{ok_articles:<6}{c['caught']:>8}/{c['gold_bad']:<6}"
              f"{c['ambiguous']:>10}{c['refused']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
