"""Text columns between pandas and Arrow, without a Python string per value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from tradeaudit.model.figures import TEXT


def as_arrow(x) -> pa.Array | pa.ChunkedArray | pa.Scalar:
    """Text as Arrow: a Series or array without copying when it is Arrow already."""
    if isinstance(x, str):
        return pa.scalar(x, pa.large_string())
    if isinstance(x, pa.Array | pa.ChunkedArray):
        return x.cast(pa.large_string())
    if isinstance(x, pd.Series | pd.Index):
        x = x.array
    if isinstance(getattr(x, "dtype", None), pd.StringDtype | pd.ArrowDtype):
        return pa.array(x).cast(pa.large_string())
    return pa.array(np.asarray(x, dtype=object), type=pa.large_string())


def text_series(x: pa.Array | pa.ChunkedArray) -> pd.Series:
    """Arrow text as a pandas Series of the table's text dtype (no copy)."""
    return x.to_pandas(types_mapper={pa.string(): TEXT, pa.large_string(): TEXT}.get)
