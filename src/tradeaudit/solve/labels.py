"""Relation labels ("growth of exports (total, 2023)"), made only when a report asks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


class Labels:
    """Relation labels, made when asked: a million figures have millions of relations, and a
    report names a handful.

    Relations come in batches of consecutive ids; each batch keeps a small table (`context`,
    one row per relation, or the rows `at` of a shared one) and the vectorized expression
    that makes its labels from it."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.batches: list[tuple[pd.DataFrame, np.ndarray | None, Callable]] = []

    def add(self, start: int, context: pd.DataFrame, make: Callable[[pd.DataFrame], pd.Series],
            at: np.ndarray | None = None) -> None:
        """A batch of relations from id `start` on, labelled by make(rows of context)."""
        self.starts.append(start)
        self.batches.append((context, at, make))

    def __getitem__(self, rel: int) -> str:
        return self.many([rel])[0]

    def many(self, rels) -> list[str]:
        """The labels of several relations, each batch's made by one call of its expression
        (a call costs about the same for one row as for a thousand)."""
        rels, back = np.unique(np.asarray(rels, dtype=np.int64), return_inverse=True)
        batch = np.searchsorted(self.starts, rels, side="right") - 1
        out = np.empty(len(rels), dtype=object)
        for k in np.unique(batch).tolist():
            mine = np.flatnonzero(batch == k)
            context, at, make = self.batches[k]
            pos = rels[mine] - self.starts[k]
            out[mine] = [str(x) for x in make(context.iloc[pos if at is None else at[pos]])]
        return out[back].tolist()
