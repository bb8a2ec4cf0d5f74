"""The command line: exit codes, formats, determinism, one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, cli

from tradeaudit.cli import main

CONSISTENT = """id,period,segment,flow,stat,value,unit
e,2023,total,exports,level,10.0,USD_bn
i,2023,total,imports,level,8.0,USD_bn
v,2023,total,volume,level,18.0,USD_bn
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tradeaudit", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def test_bundled_release_exits_1_and_flags_the_won_conversion():
    r = run("audit", "--format", "json")
    assert r.returncode == 1, r.stderr
    report = json.loads(r.stdout)
    assert report["tool"] == "tradeaudit" and report["report_version"] == 1
    assert report["summary"]["verdict"] == "inconsistent"
    first = report["discrepancies"][0]
    assert first["code"] == "conversion-mismatch"
    assert first["stated"] == {"figure": "exp23_krw", "printed": "29.3937",
                               "low": 29.39365, "high": 29.39375}
    assert report["suspects"][0]["figure"] == "exp23_krw"
    assert report["suspects"][0]["suggestion"]["unit"] == "KRW_tn"


def test_consistent_table_exits_0(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(CONSISTENT)
    assert main(["audit", str(path)]) == 0


@pytest.mark.slow
def test_json_is_byte_identical_across_runs(tmp_path):
    a, b = run("audit", "--format", "json"), run("audit", "--format", "json")
    assert a.stdout == b.stdout and a.stdout


@pytest.mark.parametrize("fmt,needle", [("text", "INCONSISTENT"), ("md", "## ❌ tradeaudit"),
                                        ("json", '"report_version": 1')])
def test_formats_to_a_file(tmp_path, fmt, needle):
    out = tmp_path / "reports" / f"r.{fmt}"
    assert main(["audit", str(SAMPLE), "--format", fmt, "--out", str(out)]) == 1
    assert needle in out.read_text()
    assert not list(out.parent.glob("*.partial"))


def test_writing_to_a_device_writes_through(tmp_path):
    """--out /dev/stdout (or any non-regular file) is written to, never replaced."""
    r = run("audit", "--format", "json", "--out", "/dev/stdout")
    assert r.returncode == 1 and '"report_version": 1' in r.stdout
    import stat
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_json_to_a_file_equals_json_to_stdout(tmp_path):
    """The report is written in pieces (report.json_chunks); the file has the same bytes."""
    out = tmp_path / "r.json"
    assert main(["audit", str(SAMPLE), "--format", "json", "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == run("audit", str(SAMPLE), "--format",
                                                  "json").stdout


def test_a_reader_that_goes_away_is_no_error():
    """`tradeaudit audit --format json | head -1`: no traceback, no internal error."""
    p = subprocess.Popen([sys.executable, "-m", "tradeaudit", "audit", "--format", "json"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline().strip() == b"{"
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait() in (0, 1, 141) and err == ""


def test_out_directory_gets_a_named_report(tmp_path):
    assert main(["audit", "--format", "md", "--out", str(tmp_path)]) == 1
    assert (tmp_path / "tradeaudit.md").exists()


@pytest.mark.parametrize("content,needle", [
    ("", "empty"),
    ("id,period,segment,flow,stat,value,unit\n", "no figures"),
    ("id,period,segment,flow,stat,value\n", "missing required column 'unit'"),
    ("id,period,segment,flow,stat,value,unit\na,2023,total,exports,level,1.2.3,USD_bn\n",
     ":2: column 'value'"),
    (("id,period,segment,flow,stat,value,unit\na,2023,total,exports,level,1,USD_bn\n"
     "a,2023,total,imports,level,1,USD_bn\n"), ":3: column 'id': duplicate id"),
    ("id,period,segment,flow,stat,value,unit\na,2023,total,exprts,level,1,USD_bn\n",
     "unknown flow"),
    ("id,period,segment,flow,stat,value,unit\na,2023,total,exports,lvl,1,USD_bn\n",
     "unknown stat"),
    ("id,period,segment,flow,stat,value,unit\na,2023,total,exports,level,1,USD_zz\n",
     "unknown unit"),
    ("id,period,segment,flow,stat,value,unit\na,23,total,exports,level,1,USD_bn\n",
     "column 'period'"),
    ("id,period,segment,flow,stat,value,unit\na,2023,industry,exports,level,1,USD_bn\n",
     "column 'segment'"),
    ("id,period,segment,flow,stat,value,unit\na,2023,total,exports,growth_pct,1,USD_bn\n",
     "column 'unit'"),
    ("id,period,segment,flow,stat,value,unit\na,2023,total,exports,level,NaN,USD_bn\n",
     "(got 'NaN')"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, needle):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    code, _, err = cli("audit", str(path))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert str(path) in lines[0] and needle in lines[0]


def test_bad_command_exits_2():
    assert run("audit", "--format", "pdf").returncode == 2
    assert run("nonsense").returncode == 2
    r = run("audit", "missing.csv")
    assert r.returncode == 2 and "missing.csv: no such file" in r.stderr


def test_unknown_rule_type_is_an_error(tmp_path):
    suite = json.loads((ROOT / "expectations" / "technology_trade.json").read_text())
    suite["expectations"].append({"type": "expect_something_unheard_of", "kwargs": {}})
    path = tmp_path / "suite.json"
    path.write_text(json.dumps(suite))
    r = run("audit", "--rules", str(path))
    assert r.returncode == 2 and "expect_something_unheard_of" in r.stderr


def test_cyclic_rules_are_an_error(tmp_path):
    suite = json.loads((ROOT / "expectations" / "technology_trade.json").read_text())
    suite["expectations"].append({"type": "expect_flow_identity",
                                  "kwargs": {"identity": "exports = volume - imports"}})
    path = tmp_path / "suite.json"
    path.write_text(json.dumps(suite))
    r = run("audit", "--rules", str(path))
    assert r.returncode == 2 and "cyclic" in r.stderr


def test_engine_does_not_import_great_expectations_nor_numba_for_a_small_release(tmp_path):
    # Loading numba's compiled code costs 0.7 s, more than a small release's whole audit;
    # the JSON report's indentation loaded it for any report over 5 kB.
    code = ("import sys, tradeaudit.cli as c; c.main(['audit', 'data/technology-trade-2023.txt', "
            f"'--format', 'json', '--out', '{tmp_path / 'r.json'}']); "
            "print('great_expectations' in sys.modules, 'numba' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       check=False)
    assert r.stdout.split() == ["False", "False"], r.stderr
    assert (tmp_path / "r.json").stat().st_size > 20 * 256  # (more than the old threshold)


def test_the_command_line_starts_without_numpy_or_pandas():
    # `tradeaudit --help` and argument errors answer at once: the heavy imports wait for work.
    code = "import sys, tradeaudit.cli; print('numpy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False"]


def test_version_is_printed_and_exits_0():
    out = subprocess.run([sys.executable, "-m", "tradeaudit", "--version"], check=False,
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip().startswith("tradeaudit ")


def test_out_ending_in_a_slash_is_a_new_directory(tmp_path):
    # Not a file named "newreports": the directory is made and the report goes inside.
    target = tmp_path / "newreports"
    assert main(["audit", "--format", "md", "--out", f"{target}/"]) == 1
    assert target.is_dir() and (target / "tradeaudit.md").read_text().startswith("#")
