"""The command line (contract 2): `tradeaudit audit [PATH ...]`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from tradeaudit import __version__
from tradeaudit.audit.heap import release_freed_memory, trim
from tradeaudit.data import BUNDLED, FX_RATES, GAZETTEER, RULES, RULES_DIR
from tradeaudit.data import HERE as DATA
from tradeaudit.errors import TradeAuditError
from tradeaudit.model.rules import POLICIES
from tradeaudit.read.formats import TABLE, TABLE_SUFFIXES, TEXT, TEXT_SUFFIXES, kind_of

FORMATS = ("text", "json", "md", "html", "junit")
# The exit code by verdict: 2 is a wrong input or command, 141 a reader gone away.
EXIT = {"consistent": 0, "inconsistent": 1, "unchecked": 3}
SUFFIX = {"text": "txt", "json": "json", "md": "md", "html": "html", "junit": "xml",
          "csv": "csv"}


def _parser() -> argparse.ArgumentParser:
    """The command line's arguments: `audit` and `extract`."""
    p = argparse.ArgumentParser(prog="tradeaudit", description="Audit published statistics "
                                "for internal consistency.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("audit", help="audit a release: figure tables and/or release texts")
    a.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="figure tables (several are one document); none audits the bundled "
                        "2023 technology trade release")
    a.add_argument("--format", choices=FORMATS, default="text",
                   help="the report: text (default), json, md, html or junit")
    a.add_argument("--out", type=_out, help="file (or directory, made when it ends with /) to "
                   "write the report to")
    a.add_argument("--min-checked", type=_percent, default=0.0, metavar="PCT",
                   help="the least share of figures (percent) that must be checked; below it "
                   "the verdict is unchecked, exit 3 (default 0: at least one figure)")
    a.add_argument("--rules", type=Path, default=RULES,
                   help="the rules suite (default: expectations/technology_trade.json)")
    a.add_argument("--fx-rates", type=Path, default=FX_RATES, metavar="FILE",
                   help="reference exchange rates: pair, period, rate, source[, status] "
                        "(default: data/reference/krw_usd_annual_average.csv)")
    a.add_argument("--conversion", choices=POLICIES, default=None,
                   help="one implied rate per document (the rules' default), the reference "
                        "rate of each figure's year (annual), or of one date (date)")
    a.add_argument("--fx-date", default="", metavar="DATE",
                   help="the reference period for --conversion date (as in the rates table)")
    a.add_argument("--encoding", default=None, help="the tables' text encoding (default: "
                   "UTF-8, or CP949/EUC-KR when the file is Korean text in that encoding)")
    a.add_argument("--gazetteer", type=Path, default=GAZETTEER, metavar="FILE",
                   help="flow and segment names for reading texts (default: data/gazetteer.csv)")
    a.add_argument("--published", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="when the texts were published: dates months named without a year, "
                   "'last month' and 'last year'")
    a.add_argument("--data-docs", type=Path, metavar="DIR",
                   help="also validate with Great Expectations (a checkpoint of the rules "
                        "suite) and build offline Data Docs into DIR; slow: imports GE")
    a.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="where the per-component work runs: in this process (local) or on "
                        "Spark (needs the spark extra and Java 17); the report is the same")
    a.add_argument("--spark-master", default=None, metavar="URL",
                   help="Spark master for --engine spark (default: local[*], or "
                        "$TRADEAUDIT_SPARK_MASTER)")
    x = sub.add_parser("extract", help="write the figure table read from release texts")
    x.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="release texts")
    x.add_argument("--out", type=_out, help="CSV file to write (default: stdout)")
    x.add_argument("--gazetteer", type=Path, default=GAZETTEER, metavar="FILE")
    x.add_argument("--published", type=_date, default=None, metavar="YYYY-MM-DD")
    return p


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line's arguments, parsed (argparse exits 2 on a wrong one)."""
    return _parser().parse_args(argv)


class _Directory(type(Path())):
    """An --out path written with a trailing slash: a directory, made if it is new."""


def _out(text: str) -> Path:
    """--out as given: a path ending in / names a directory even when it does not exist."""
    return _Directory(text) if text.endswith(("/", os.sep)) else Path(text)


def _write(text: str | Iterable[str], out: Path | None, fmt: str) -> None:
    """Write a report (text, or its pieces in order) to `out`, or to stdout without one."""
    chunks = [text] if isinstance(text, str) else text
    if out is None:
        sys.stdout.writelines(chunks)
        return
    if out.is_dir() or isinstance(out, _Directory):
        out = Path(out) / f"tradeaudit.{SUFFIX[fmt]}"  # (made below when new: "newreports/")
    try:
        if out.exists() and not out.is_file():  # a device or pipe (/dev/stdout): write through
            with out.open("w", encoding="utf-8") as f:
                f.writelines(chunks)
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".partial")
        try:
            with tmp.open("w", encoding="utf-8") as f:
                f.writelines(chunks)  # (a JSON report comes in pieces as it is printed)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(out)  # never leave a half-written report under the real name
    except OSError as e:
        raise TradeAuditError(f"cannot write the report: {e.strerror}", path=str(out)) from None


def _shown(path: Path) -> Path:
    """A path as reports show it: relative to the working directory when inside it, so the
    same audit run from another clone gives the same bytes. The package's own data is shown
    as the checkout's `data/` or `expectations/` names when those lead to it."""
    path = path.absolute()
    real = path.resolve()
    for top, shown in ((RULES_DIR, "expectations"), (DATA, "data")):
        if real.is_relative_to(top):
            local = Path(shown) / real.relative_to(top)
            if local.exists() and local.resolve() == real:
                return local
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _percent(text: str) -> float:
    """--min-checked: a percentage from 0 to 100 (argparse turns the error into one line)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"not a percentage from 0 to 100: {text!r}")
    return value


def _date(text: str) -> str:
    """A publication date as YYYY-MM-DD (argparse turns the error into one line, exit 2)."""
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _read_texts(paths: list[Path], gazetteer: Path, published: str | None = None) -> list:
    """Extract the figures of every release text among the paths (tables pass through)."""
    from tradeaudit.read.text import Lexicon, extract

    for p in paths:
        if kind_of(p) is None:
            raise TradeAuditError(f"unknown kind of file; a figure table "
                                  f"({', '.join(TABLE_SUFFIXES)}) or a release text "
                                  f"({', '.join(TEXT_SUFFIXES)})", path=str(p))
        if not p.is_file():
            raise TradeAuditError("no such file", path=str(p))
    texts = [p for p in paths if kind_of(p) == TEXT]
    if not texts:
        return []
    lexicon = Lexicon.load(_shown(gazetteer))
    return [extract(p, lexicon, published) for p in texts]


def _as_table(reading):
    """A text's figures as a figure table of strings, each row at its line of the text."""
    from tradeaudit.read.text import figure_table

    frame = figure_table([reading])
    frame["_row"] = frame["source"].str.rsplit(":", n=1).str[-1].astype(int)
    return frame.astype({"span_start": object, "span_end": object}).fillna("").astype(
        {c: str for c in frame.columns if c != "_row"})


def extract_command(args: argparse.Namespace) -> int:
    """`tradeaudit extract`: write the figure table read from release texts."""
    from tradeaudit.read.text import figure_table

    readings = _read_texts(args.paths, args.gazetteer, args.published)
    if not readings:
        raise TradeAuditError("no release text among the paths (.txt, .md, .html)")
    frame = figure_table(readings)
    _write(frame.to_csv(index=False, lineterminator="\n"), args.out, "csv")
    for r in readings:
        for u in r.unread:
            print(f"{u['path']}:{u['line']}: not interpreted: {u['text']!r} ({u['reason']})",
                  file=sys.stderr)
    print(f"{len(frame)} figures, {sum(len(r.unread) for r in readings)} numbers not "
          "interpreted", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """`tradeaudit audit`: load, audit, write the report; the exit code by the verdict."""
    from tradeaudit.report.json import json_chunks
    from tradeaudit.report.text import render_markdown, render_text

    result, tables, extracted = audited(args)
    if args.format == "html":
        from tradeaudit.report.html import render_html as render
    elif args.format == "junit":
        from tradeaudit.report.junit import render_junit as render
    else:
        render = {"text": render_text, "json": json_chunks, "md": render_markdown}[args.format]
    _write(render(result), args.out, args.format)
    if args.data_docs:
        from tradeaudit.integrations.gx import data_docs  # imports great_expectations only here

        data_docs(tables, _shown(args.rules), args.data_docs, extracted=extracted,
                  rates=_shown(args.fx_rates) if args.fx_rates else None,
                  policy=args.conversion, date=args.fx_date, audit=result)
    return EXIT[result.verdict]


def audited(args: argparse.Namespace) -> tuple:
    """The audit `tradeaudit audit` reports (with its texts and --min-checked), the figure
    tables and texts it read, and the figure tables extracted from the texts (by path)."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.model.rates import load_rates
    from tradeaudit.model.rules import load_rules
    from tradeaudit.read.table import load_tables

    release_freed_memory()
    paths = args.paths or [_shown(BUNDLED)]
    rules = load_rules(_shown(args.rules))
    readings = _read_texts(paths, args.gazetteer, args.published)
    for r in readings:
        if not r.text.strip():
            raise TradeAuditError("empty text: nothing to read", path=r.path)
    # A text without figures is read and audited too: nothing in it is checked (unchecked).
    extracted = {Path(r.path): _as_table(r) for r in readings}
    tables = [p for p in paths if p in extracted or kind_of(p) == TABLE]
    table = load_tables(tables, rules.flows, rules.ratio_flows, extracted, args.encoding)
    trim()
    if args.conversion == "date" and not args.fx_date:
        raise TradeAuditError("--conversion date needs --fx-date (a period of the rates table)")
    rates = load_rates(_shown(args.fx_rates)) if args.fx_rates else None
    if args.engine == "spark":
        from tradeaudit.integrations.spark import SparkRunner  # imports pyspark only here

        runner = SparkRunner(args.spark_master)
        try:
            result = audit(table, rules, rates, args.conversion, args.fx_date, runner=runner)
        finally:
            runner.stop()
    else:
        result = audit(table, rules, rates, args.conversion, args.fx_date)
        if extracted and result.verdict == "inconsistent":
            result = _rereading(result, extracted, tables, rules, rates, args)
    result.documents = [{"path": r.path, "text": r.text, "unread": r.unread} for r in readings]
    result.min_checked = args.min_checked
    return result, tables, extracted


def _rereading(result, extracted: dict, tables: list, rules, rates, args):
    """The audit again, with the text figures whose other reading reconciles made vague."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.audit.readings import ambiguous_findings, arbitrate
    from tradeaudit.read.table import load_tables

    def audit_of(frames: dict):
        table = load_tables(tables, rules.flows, rules.ratio_flows, frames, args.encoding)
        return audit(table, rules, rates, args.conversion, args.fx_date)

    frames, doubtful = arbitrate(extracted, audit_of, result)
    return ambiguous_findings(audit_of(frames), doubtful) if doubtful else result


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 consistent, 1 inconsistent, 2 bad input,
    3 unchecked: no figure, or fewer than --min-checked percent, could be checked)."""
    args = parse_args(argv)
    try:
        return extract_command(args) if args.command == "extract" else run(args)
    except TradeAuditError as e:
        print(f"tradeaudit: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # (nor at exit)
        return 141  # as a shell reports a command ended by SIGPIPE
    except Exception as e:  # a bug, not bad input: still one line unless asked for more
        if os.environ.get("TRADEAUDIT_DEBUG"):
            raise
        print(f"tradeaudit: internal error: {type(e).__name__}: {e} (set TRADEAUDIT_DEBUG=1 "
              "for the traceback, and please report it)", file=sys.stderr)
        return 2
