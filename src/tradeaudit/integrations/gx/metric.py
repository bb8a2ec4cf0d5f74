"""The engine as Great Expectations' metric: a batch's audit, summarized and cached.

Nothing here imports great_expectations: the metric class that GE calls (`TradeauditAudit`,
in `expectations`) only hands the batch's DataFrame to `audit_summary`.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tradeaudit.data import RULES
from tradeaudit.errors import TradeAuditError
from tradeaudit.model.figures import Table
from tradeaudit.model.rules import Rules, load_rules
from tradeaudit.read.table import derive, validate

if TYPE_CHECKING:
    from tradeaudit.audit.engine import Audit

DEFAULT_RULES = RULES
METRIC = "tradeaudit.audit"


def as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """The figure table as printed: every cell a str ("" for missing), `_`-columns dropped
    (object dtype: what GE's pandas expectations and the table loader both read alike)."""
    keep = [c for c in frame.columns if not str(c).startswith("_")]
    out = frame.loc[:, keep].astype(object)
    out = out.map(lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and
                                                            np.isnan(v)) else str(v))
    out.columns = [str(c).strip() for c in out.columns]
    return out.astype(object)


def table_from_frame(frame: pd.DataFrame, rules: Rules, name: str = "batch") -> Table:
    """A validated figure table from a DataFrame (strings as printed; `_`-columns dropped)."""
    frame = as_strings(frame)
    digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()
    return Table(derive(validate(frame, name, rules.flows), rules.ratio_flows), (name,),
                 (digest,))


def _finite(x: Any) -> float | None:
    """x as a float, None when missing or not finite (JSON has no infinity)."""
    return float(x) if x is not None and np.isfinite(x) else None


def summarize(result: Audit) -> dict:
    """The audit as plain JSON values: what the expectations read (their metric's value)."""
    frame = result.table.frame.set_index("id")
    out = []
    for d in result.discrepancies:
        fid = d.stated.get("figure")
        row = frame.loc[fid] if fid in frame.index else None
        out.append({
            "code": d.code, "severity": d.severity, "relation": d.relation,
            "figures": list(d.figures), "figure": fid, "printed": d.stated.get("printed"),
            "unit": None if row is None else str(row["unit"]),
            "flow": None if row is None else str(row["flow"]),
            "stat": None if row is None else str(row["stat"]),
            "negative": row is not None and str(row["printed"]).startswith("-"),
            "low": _finite(d.expected.get("low")), "high": _finite(d.expected.get("high")),
            "message": d.message, "suspects": list(d.suspects)})
    return {"error": None, "verdict": result.verdict, "figures": len(frame),
            "counts": {k: float(v) if isinstance(v, float) else int(v)  # (coverage: a share)
                       for k, v in result.counts.items()}, "discrepancies": out}


def run_engine(frame: pd.DataFrame, rules: Rules, options: Mapping | None = None) -> Audit:
    """`tradeaudit.audit.engine.audit` on a figure table given as a DataFrame."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.model.rates import load_rates

    options = options or {}
    rates = load_rates(Path(options["rates"])) if options.get("rates") else None
    return audit(table_from_frame(frame, rules), rules, rates, options.get("policy"),
                 options.get("date") or "")


_CACHE: OrderedDict[tuple, dict] = OrderedDict()
_CACHE_SIZE = 16
_LOCK = threading.Lock()
ENGINE_RUNS = {"count": 0}  # how often the metric really ran the engine (for tests)


def _file_digest(path: Path) -> str:
    """The file's SHA-256, "" when it cannot be read (the audit then says why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _cache_key(frame: pd.DataFrame, path: Path, options: Mapping) -> tuple:
    """What the summary depends on: the rules file and its content, the table, the options."""
    hashed = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
    return (str(path.resolve()), _file_digest(path), tuple(map(str, frame.columns)),
            hashlib.sha256(hashed).hexdigest(), tuple(sorted((k, str(v)) for k, v in
                                                             options.items())))


def audit_summary(frame: pd.DataFrame, rules_path: str | Path | None,
                  options: Mapping | None = None) -> dict:
    """The metric: the summarized audit of a batch, computed once per table, rules and options.

    Never raises for bad input: a table or suite that cannot be read gives {"error": ...}, and
    every tradeaudit expectation then fails with that message.
    """
    path = Path(rules_path) if rules_path else DEFAULT_RULES
    options = dict(options or {})
    key = _cache_key(frame, path, options)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
        try:
            ENGINE_RUNS["count"] += 1
            summary = summarize(run_engine(frame, load_rules(path), options))
        except TradeAuditError as e:
            summary = {"error": str(e), "verdict": None, "figures": len(frame),
                       "counts": {}, "discrepancies": []}
        _CACHE[key] = summary
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return summary
