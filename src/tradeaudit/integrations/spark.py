"""The Spark engine: `tradeaudit audit --engine spark` runs the per-component work on Spark.

The relation graph falls apart into connected components (blocks, once hubs are cut). The
driver builds the system, settles the hubs and writes the report; propagation, blame and
leave-one-out run as Spark tasks, one per group of components of about equal size. A
component's result never depends on what else is computed beside it (see
tradeaudit.solve.propagate), so the report is byte-identical to the local engine's.

pyspark is an optional extra (`pip install 'tradeaudit[spark]'`) and needs Java 17 or later.
It is imported only here, only when this engine is chosen.
"""

from __future__ import annotations

import os
import sys

from tradeaudit.audit.engine import Runner
from tradeaudit.errors import TradeAuditError


class SparkRunner(Runner):
    """Runs each part as one Spark task; `master` as for spark-submit (`local[*]`,
    `spark://host:7077`, ...)."""

    def __init__(self, master: str | None = None, parts: int | None = None) -> None:
        try:
            import warnings

            # pyspark warns that it does not fully support pandas 3; tasks here exchange only
            # numpy arrays and frames pickled whole, none of its pandas conversions.
            warnings.filterwarnings("ignore", message="PySpark does not yet fully support")
            from pyspark.sql import SparkSession
        except ImportError:
            raise TradeAuditError("--engine spark needs pyspark: pip install "
                                  "'tradeaudit[spark]' (and Java 17 or later)") from None
        # Workers run this interpreter, so they import the same tradeaudit.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = (SparkSession.builder.appName("tradeaudit")
                   .master(master or os.environ.get("TRADEAUDIT_SPARK_MASTER", "local[*]"))
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.driver.memory", os.environ.get(
                       "TRADEAUDIT_SPARK_DRIVER_MEMORY", "4g")))
        try:
            self.session = builder.getOrCreate()
        except Exception as e:  # noqa: BLE001 - no Java, a bad master: one line, no JVM trace
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise TradeAuditError(f"cannot start Spark: {first}") from None
        self.session.sparkContext.setLogLevel("ERROR")
        self.parts = parts or max(2, 2 * self.session.sparkContext.defaultParallelism)

    def map(self, fn, items: list) -> list:
        if not items:
            return []
        rdd = self.session.sparkContext.parallelize(list(enumerate(items)), len(items))
        return [r for _, r in sorted(rdd.map(lambda kv: (kv[0], fn(kv[1]))).collect(),
                                     key=lambda kv: kv[0])]

    def stop(self) -> None:
        self.session.stop()
