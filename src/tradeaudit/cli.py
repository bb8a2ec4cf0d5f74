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
ENCODING_HELP = ("the files' text encoding (default: UTF-8, or CP949/EUC-KR when the file "
                 "reads as Korean text in that encoding)")
# The exit code by verdict: 2 is a wrong input or command, 141 a reader gone away.
EXIT = {"consistent": 0, "inconsistent": 1, "unchecked": 3}
SUFFIX = {"text": "txt", "json": "json", "md": "md", "html": "html", "junit": "xml",
          "csv": "csv"}


def parser() -> argparse.ArgumentParser:
    """The command line's arguments: `audit`, `diff` and `extract`."""
    p = argparse.ArgumentParser(prog="tradeaudit", description="Audit published statistics "
                                "for internal consistency.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("audit", help="audit a release: figure tables, published tables and/or "
                       "release texts")
    a.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="figure tables, published tables (.csv, .xlsx, .html, .pdf) and release "
                        "texts, all one document; none audits the bundled 2023 technology "
                        "trade release")
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
    _reading_options(a)
    a.add_argument("--data-docs", type=Path, metavar="DIR",
                   help="also validate with Great Expectations (a checkpoint of the rules "
                        "suite) and build offline Data Docs into DIR; slow: imports GE")
    a.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="where the per-component work runs: in this process (local) or on "
                        "Spark (needs the spark extra and Java 17); the report is the same")
    a.add_argument("--spark-master", default=None, metavar="URL",
                   help="Spark master for --engine spark (default: local[*], or "
                        "$TRADEAUDIT_SPARK_MASTER)")
    _vintage_arguments(a)
    v = sub.add_parser("diff", help="what changed between two releases: revisions, added and "
                       "removed figures, each classified")
    v.add_argument("old", type=Path, metavar="OLD", help="the previous release: a figure table, "
                   "a release text or a state file (--save-state)")
    v.add_argument("new", type=Path, metavar="NEW", help="the new release, as OLD")
    v.add_argument("--format", choices=("text", "json", "md"), default="text",
                   help="report format (default: text)")
    v.add_argument("--out", type=_out, help="file (or directory, made when it ends with /) to "
                   "write the report to (default: stdout)")
    v.add_argument("--rules", type=Path, default=RULES, metavar="FILE",
                   help="rules suite the releases are read with (default: the bundled one)")
    _reading_options(v, layout=False)
    _vintage_arguments(v, previous=False)
    x = sub.add_parser("extract", help="write the figure table read from release texts and "
                       "published tables")
    x.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="release texts, published tables (.csv, .xlsx, .html, .pdf)")
    x.add_argument("--out", type=_out, metavar="FILE", help="CSV file (or directory, made "
                   "when it ends with /) to write (default: stdout)")
    x.add_argument("--rules", type=Path, default=None, metavar="FILE", help="keep only the "
                   "figures of flows this rules suite knows, listing the others as not "
                   "interpreted (default: every flow the gazetteer names)")
    _reading_options(x)
    x.add_argument("--layout-out", type=Path, default=None, metavar="FILE",
                   help="write the layout used (detected or given) to FILE (.yaml or .json) "
                   "to correct it and pass it back with --layout")
    return p


def _reading_options(p: argparse.ArgumentParser, layout: bool = True) -> None:
    """How the inputs are read, the same for every subcommand that reads them."""
    p.add_argument("--encoding", default=None, help=ENCODING_HELP)
    p.add_argument("--gazetteer", type=Path, default=GAZETTEER, metavar="FILE",
                   help="flow and segment names for reading texts and tables (default: "
                   "data/gazetteer.csv)")
    p.add_argument("--published", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="when the texts were published: dates months named without a year, "
                   "'last month' and 'last year'")
    if layout:
        p.add_argument("--layout", type=Path, default=None, metavar="FILE",
                       help="a published table's layout (YAML or JSON, as `extract "
                       "--layout-out` writes it) instead of the detected one")


def _vintage_arguments(p: argparse.ArgumentParser, previous: bool = True) -> None:
    """The options comparing a release with the previous one (`audit`, `diff`)."""
    if previous:
        p.add_argument("--previous", type=Path, action="append", metavar="OLD", help="the "
                       "previous release (a figure table, a release text, or the --save-state "
                       "file of its audit): also report what changed since (repeat for "
                       "several files)")
        p.add_argument("--save-state", type=Path, metavar="FILE", help="write the state of "
                       "this audit (its figures) for the next run's --previous")
    p.add_argument("--revised-periods", type=_periods, default="", metavar="PERIODS",
                   help="the periods the release declares revised: periods and ranges, "
                        "`2024-01..2024-12,2023`; any other revision is unannounced")
    p.add_argument("--strict-revisions", action="store_true",
                   help="an unannounced revision is an error, not a warning")


def _periods(text: str) -> str:
    """--revised-periods, checked (argparse turns the error into one line, exit 2)."""
    from tradeaudit.audit.revisions import parse_periods

    try:
        parse_periods(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line's arguments, parsed (argparse exits 2 on a wrong one)."""
    return parser().parse_args(argv)


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
        print(f"tradeaudit: wrote {out}", file=sys.stderr)
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


def _read_texts(paths: list[Path], gazetteer: Path, published: str | None = None,
                encoding: str | None = None, rules=None,
                tabled: frozenset = frozenset()) -> list:
    """Extract the figures of every release text among the paths (tables pass through);
    with `rules`, only the figures of the flows those rules know; the pages in `tabled`
    without their tables, read as published tables."""
    from tradeaudit.read.text import Lexicon, extract, keep_flows

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
    readings = [extract(p, lexicon, published, encoding, p in tabled) for p in texts]
    if rules is not None:
        readings = [keep_flows(r, rules.flows, rules.name) for r in readings]
    return readings


def _as_table(reading):
    """A text's figures as a figure table of strings, each row at its line of the text."""
    from tradeaudit.read.text import figure_table

    frame = figure_table([reading])
    frame["_row"] = frame["source"].str.rsplit(":", n=1).str[-1].astype(int)
    return frame.astype({"span_start": object, "span_end": object}).fillna("").astype(
        {c: str for c in frame.columns if c != "_row"})


def _read_published(paths: list[Path], args: argparse.Namespace,
                    keep_empty: bool = False) -> dict:
    """The published (wide) tables among the paths, read into figures: {path: TableReading};
    a table of no figure is an error unless `keep_empty` (its layout is still written)."""
    from tradeaudit.read.published import is_figure_table, names_a_column, read_published

    encoding = getattr(args, "encoding", None)
    wide = [p for p in paths if p.is_file() and (_has_table(p) if kind_of(p) == TEXT else (
        kind_of(p) == TABLE and not is_figure_table(p, encoding)))]
    if not wide:
        return {}
    from tradeaudit.read.layout import load_layouts
    from tradeaudit.read.text import Lexicon

    layouts = load_layouts(args.layout) if args.layout else None
    lexicon = Lexicon.load(_shown(args.gazetteer))
    out = {}
    for p in wide:
        try:
            reading = read_published(p, lexicon, layouts, encoding)
        except TradeAuditError:
            if kind_of(p) == TEXT or names_a_column(p, encoding):
                continue  # a page's text only; a broken figure table: its loader says why
            raise
        if reading.frame.empty and names_a_column(p, encoding) and not keep_empty:
            continue  # a figure table with columns missing: its loader says which
        if reading.frame.empty and kind_of(p) != TEXT and not keep_empty:
            first = reading.unread[0] if reading.unread else {"reason": "no numbers"}
            raise TradeAuditError(f"no figures read from the table ({len(reading.unread)} "
                                  f"numbers not interpreted; first: {first['reason']})",
                                  path=str(p))
        out[p] = reading
    return out


def _has_table(path: Path) -> bool:
    """An HTML page with a <table> (its tables are read as published tables too)."""
    from tradeaudit.read.formats import format_of

    fmt = format_of(path)
    return bool(fmt and fmt.grid == "html") and b"<table" in path.read_bytes().lower()


def extract_command(args: argparse.Namespace) -> int:
    """`tradeaudit extract`: write the figure table read from release texts and tables."""
    import pandas as pd

    from tradeaudit.read.text import figure_table

    rules = None
    if args.rules is not None:
        from tradeaudit.model.rules import load_rules

        rules = load_rules(_shown(args.rules))
    tables = _read_published(args.paths, args, keep_empty=bool(args.layout_out))
    readings = _read_texts(args.paths, args.gazetteer, args.published, args.encoding, rules,
                           frozenset(tables))
    if args.layout_out:
        from tradeaudit.read.layout import write_layouts

        layouts = [lay for t in tables.values() for lay in t.layouts]
        if not layouts:
            raise TradeAuditError("no published table among the paths to write a layout for")
        write_layouts(layouts, args.layout_out)
    frames = ([figure_table(readings)] if readings else []) + [
        t.frame.drop(columns="_row") for t in tables.values() if len(t.frame)]
    if not frames:
        first = next((u["reason"] for t in tables.values() for u in t.unread), "no numbers")
        raise TradeAuditError(f"no figures read (first number not interpreted: {first}); "
                              "correct the layout and pass it with --layout" if tables else
                              "no release text or published table among the paths (.txt, "
                              ".md, .html, or a wide .csv, .xlsx, .pdf)")
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    _write(frame.to_csv(index=False, lineterminator="\n"), args.out, "csv")
    unread = [u for r in readings for u in r.unread] + [
        u for t in tables.values() for u in t.unread]
    for u in unread:
        print(f"{u['path']}:{u['line']}: not interpreted: {u['text']!r} ({u['reason']})",
              file=sys.stderr)
    unstated = int((frame["unit"] == "unstated").sum())
    print(f"{len(frame)} figures, {len(unread)} numbers not interpreted" + (
        f"; {unstated} amounts in no stated unit (unit `unstated`: the table names none; "
        "set `unit` in a layout if it is known)" if unstated else ""), file=sys.stderr)
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

        # With --previous (and a previous vintage it could read), the suite also expects no
        # unannounced revisions since that vintage.
        previous = args.previous if result.revisions is not None else None
        data_docs(tables, _shown(args.rules), args.data_docs, extracted=extracted,
                  rates=_shown(args.fx_rates) if args.fx_rates else None,
                  policy=args.conversion, date=args.fx_date, audit=result,
                  previous=previous, revised_periods=args.revised_periods,
                  strict_revisions=args.strict_revisions, reading={
                      "gazetteer": args.gazetteer, "published": args.published,
                      "encoding": args.encoding})
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
    published = _read_published(paths, args)
    if published:
        rules = _with_table_sums(rules, published)
    readings = _read_texts(paths, args.gazetteer, args.published, args.encoding, rules,
                           frozenset(published))
    for r in readings:
        if not r.text.strip() and Path(r.path) not in published:
            raise TradeAuditError("empty text: nothing to read", path=r.path)
    # A text without figures is read and audited too: nothing in it is checked (unchecked).
    extracted = {Path(r.path): _as_table(r) for r in readings
                 if r.figures or Path(r.path) not in published}
    for p, t in published.items():
        frame = _with(extracted.get(p), t.frame)
        if len(frame):
            extracted[p] = frame
    tables = [p for p in paths if p in extracted or kind_of(p) == TABLE]
    readings = [r for r in readings if Path(r.path) not in published or r.figures or r.unread]
    table = _in_words(load_tables, extracted, tables, rules.flows, rules.ratio_flows,
                      extracted, args.encoding)
    trim()
    if args.conversion == "date" and not args.fx_date:
        raise TradeAuditError("--conversion date needs --fx-date (a period of the rates table)")
    rates = load_rates(_shown(args.fx_rates)) if args.fx_rates else None
    reuse = None  # (what the audit takes from the previous state and keeps for the next)
    if args.engine == "spark":
        from tradeaudit.integrations.spark import SparkRunner  # imports pyspark only here

        runner = SparkRunner(args.spark_master)
        try:
            result = audit(table, rules, rates, args.conversion, args.fx_date, runner=runner)
        finally:
            runner.stop()
    else:
        if args.previous or args.save_state:
            from tradeaudit.read.previous import prepare_vintages

            reuse = prepare_vintages(args)
        result = audit(table, rules, rates, args.conversion, args.fx_date, reuse=reuse)
        if extracted and result.verdict == "inconsistent":
            reread = _rereading(result, extracted, tables, rules, rates, args)
            if reread is not result and reuse is not None:
                reuse.solved = None  # (solved for the first reading, not this one)
            result = reread
    # (a page's prose and its tables are two documents of one path: each has its own text)
    result.documents = [{"path": r.path, "kind": "text", "text": r.text, "unread": r.unread}
                        for r in readings]
    result.documents += [{"path": t.path, "kind": "table", "text": t.text, "unread": t.unread}
                         for t in published.values()]
    if args.previous or args.save_state:
        from tradeaudit.read.previous import with_vintages

        result = with_vintages(result, rules, args, reuse)
    result.min_checked = args.min_checked
    return result, tables, extracted


def _with_table_sums(rules, published: dict):
    """The rules with the sums the published tables' layouts show (read.sums) declared."""
    from tradeaudit.model.rules import with_declared
    from tradeaudit.read.sums import merged

    expectations, shown = merged([e for t in published.values() for e in t.sums])
    return with_declared(rules, expectations, tuple(shown)) if shown else rules


def _in_words(load, extracted: dict, *args):
    """`load(*args)`, with an error about a figure read from a text told in the text's terms:
    its line and the words it was read from, not a column of a table the user never saw."""
    from tradeaudit.errors import TableError

    try:
        return load(*args)
    except TableError as e:
        frame = extracted.get(Path(e.path)) if e.path and e.column else None
        if frame is None:
            raise
        rows = frame[frame["_row"] == e.row]
        rows = rows[rows[e.column] == e.text] if e.column in rows else rows
        if rows.empty or "quote" not in rows:
            raise  # (a published table's cell: the error names it already)
        quote, sentence = rows["quote"].iat[0], rows["sentence"].iat[0]
        sentence = sentence if len(sentence) <= 160 else sentence[:159] + "…"
        raise TradeAuditError(f"{e.args[0]}: {e.column} {e.text!r}, read from {quote!r} in "
                              f"{sentence!r}", path=e.path, row=e.row) from None


def _with(text_frame, table_frame):
    """A page's text figures and its tables' figures, one document."""
    import pandas as pd

    if text_frame is None:
        return table_frame
    return pd.concat([text_frame, table_frame.astype({"_row": int})], ignore_index=True).fillna(
        "")


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


def _diff(args: argparse.Namespace) -> int:
    """`tradeaudit diff OLD NEW`: exit 1 when a finding is an error (--strict-revisions)."""
    from tradeaudit.read.previous import diff_vintages
    from tradeaudit.report.revisions import render_diff

    rev, found, inputs = diff_vintages(args)
    _write(render_diff(rev, found, inputs, args.format), args.out, args.format)
    return 1 if any(d.severity == "error" for d in found) else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 consistent, 1 inconsistent, 2 bad input,
    3 unchecked: no figure, or fewer than --min-checked percent, could be checked)."""
    args = parse_args(argv)
    try:
        if args.command == "diff":
            return _diff(args)
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
