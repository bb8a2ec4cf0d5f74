"""Variable keys: packed into integers while building, numbered, and written as text.

A key names a variable by its fields: f|row (a figure), c|cur|period|segment|flow (a cell),
d|... (a cell's change over its year-earlier cell), a|row|q, a|row|g, a|row|s (a statistic's
auxiliaries; a|row|d its change over the base period it names), a|cur|period|segment|name (a solved form's), r|cur|scope (a conversion rate).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.solve.kernel import formatted, kernel, pick
from tradeaudit.solve.texts import as_arrow, text_series

# Keys are numbered through a table indexed by key (see factorize) when they span at most
# this many values per key occurrence: an int32 entry each, 16 bytes per occurrence at most.
DENSE_KEYS = 4


class Keys:
    """Variable keys as integers while building.

    A key's fields are coded against small vocabularies (currencies, periods, segments, flows,
    solved forms' names, rate scopes) and packed into one int64, namespace in the low bits.
    The millions of key occurrences are then numbered by one integer factorization
    (factorize), and only the distinct keys ever become text (`text`), the very strings the
    key names spell out.
    """

    F, C, D, A, S, R = range(6)
    WIDTH = 8  # namespaces fit in the low 3 bits
    AUX = ("q", "g", "s", "d")  # (d: the change over a base period a figure names)

    def __init__(self, cur, period, segment, flow, solved: list[str]) -> None:
        def vocabulary(values) -> pd.Index:  # (each column's distinct values, then theirs)
            return pd.Index(pd.unique(np.concatenate([
                np.asarray(pd.unique(pd.Series(v)), dtype=object) for v in values])),
                dtype=object)

        self.cur, self.period = vocabulary(cur), vocabulary(period)
        self.segment, self.flow = vocabulary(segment), vocabulary(flow)
        self.solved = pd.Index(solved, dtype=object)
        self.scopes: list[str] = []
        self.wide = max(len(self.flow), len(self.solved))  # a cell's last field: either
        sizes = [len(self.cur), len(self.period), len(self.segment), self.wide]
        if math.prod(max(s, 1) for s in sizes) >= 2**63 // self.WIDTH:
            raise ValueError("too many distinct periods, segments and flows to number cells")

    @staticmethod
    def codes(vocabulary: pd.Index, values) -> np.ndarray:
        """Each value's place in one of the vocabularies (k.cur, k.period, ...)."""
        found = pc.index_in(as_arrow(values), value_set=pa.array(
            np.asarray(vocabulary, dtype=object), pa.large_string()))
        codes = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        if (codes < 0).any():  # a vocabulary is built from every value a key can hold
            raise KeyError(pd.Series(values)[codes < 0].iloc[0])
        return codes

    def _place(self, cur, period, segment) -> np.ndarray:
        """The (cur, period, segment) fields packed."""
        cur, period, segment = (np.asarray(v, dtype=np.int64) for v in (cur, period, segment))
        return (cur * len(self.period) + period) * len(self.segment) + segment

    def cell(self, cur, period, segment, flow, ns: int = C) -> np.ndarray:
        """The c| key of each (cur, period, segment, flow) code (or of namespace ns)."""
        return ((self._place(cur, period, segment) * self.wide +
                 np.asarray(flow, dtype=np.int64)) * self.WIDTH + ns)

    def change(self, cells: np.ndarray) -> np.ndarray:
        """The d| key of each c| cell key."""
        return np.asarray(cells, dtype=np.int64) - self.C + self.D

    def figure(self, rows) -> np.ndarray:
        """The f| key of each figure row."""
        return np.asarray(rows, dtype=np.int64) * self.WIDTH + self.F

    def aux(self, rows, name: str) -> np.ndarray:
        """The a|row|name key of each figure row's auxiliary `name` (q, g or s)."""
        return ((np.asarray(rows, dtype=np.int64) * len(self.AUX) + self.AUX.index(name))
                * self.WIDTH + self.A)

    def solved_aux(self, cur, period, segment, name: str) -> np.ndarray:
        """The a|cur|period|segment|name key of a solved form's auxiliary."""
        return self.cell(cur, period, segment, self.solved.get_loc(name), ns=self.S)

    def rate(self, cur, scope: pd.Series) -> np.ndarray:
        """The r|cur|scope key of each conversion rate (new scopes join the vocabulary)."""
        known = {s: i for i, s in enumerate(self.scopes)}
        for s in pd.unique(scope):
            known.setdefault(s, len(known))
        self.scopes = list(known)
        code = scope.map(known).to_numpy(dtype=np.int64)
        return (code * len(self.cur) + np.asarray(cur, dtype=np.int64)) * self.WIDTH + self.R

    def fields(self, cells: np.ndarray) -> tuple[np.ndarray, ...]:
        """(cur, period, segment, flow) codes of c| or d| keys."""
        rest, flow = np.divmod(np.asarray(cells, dtype=np.int64) // self.WIDTH, self.wide)
        rest, segment = np.divmod(rest, len(self.segment))
        cur, period = np.divmod(rest, len(self.period))
        return cur, period, segment, flow

    def text(self, codes) -> pd.Series:
        """The keys as text (Arrow), with the index of `codes` when it is a Series: written
        straight into Arrow's buffers (key_text), the millions of a big release's keys
        in two passes, from the vocabularies' bytes."""
        index = codes.index if isinstance(codes, pd.Series) else None
        codes = np.ascontiguousarray(codes, dtype=np.int64)
        vocabularies = [self.cur, self.period, self.segment, self.flow, self.solved, self.AUX,
                        self.scopes, ("f", "a", "r", "c", "d")]
        words = [w.encode() for v in vocabularies for w in v]
        word_ptr = np.cumsum([0] + [len(w) for w in words], dtype=np.int64)
        word = np.frombuffer(b"".join(words) or b"\0", dtype=np.uint8)
        base = np.cumsum([0] + [len(v) for v in vocabularies[:-1]], dtype=np.int64)
        sizes = np.array([max(len(v), 1) for v in (self.cur, self.period, self.segment)] +
                         [max(self.wide, 1), len(self.AUX)], dtype=np.int64)
        out = text_series(formatted("key_text", codes, sizes, base, word_ptr, word,
                                    flags=False))
        if index is not None:
            out.index = index
        return out


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize of int64 keys: codes in order of first appearance, and the distinct
    keys. When the keys span a range of at most a few per value (a release's keys are packed
    fields, mostly dense), a table indexed by key numbers them (kernel.first_codes), several
    times faster than hashing 14M keys and no bigger than a hash table of them."""
    if not len(values):
        return pd.factorize(values)
    lo, hi = int(values.min()), int(values.max())
    if hi - lo >= DENSE_KEYS * len(values) or len(values) >= 2**31:
        return pd.factorize(values)
    table = np.full(hi - lo + 1, -1, dtype=np.int32)
    codes = np.empty(len(values), dtype=np.intp)
    n = pick("first_codes", len(values))(values, lo, table, codes)
    uniques = np.empty(n, dtype=np.int64)
    pick("first_values", len(values))(table, lo, uniques)
    return codes, uniques


def key_fields(keys, pattern: str) -> pd.DataFrame:
    """The named groups of `pattern` in each key (NaN where it does not match), as Arrow-backed
    text columns: splitting a million keys in Python costs seconds and a Python string per
    field; the regex runs in Arrow and makes none."""
    found = pc.extract_regex(as_arrow(keys), pattern)
    # flatten(), not field(): a key that does not match is null in every field.
    if isinstance(found, pa.ChunkedArray):
        found = found.combine_chunks()
    return pd.DataFrame({f.name: text_series(col) for f, col in zip(found.type, found.flatten())})


@kernel(fills=("ptr", "data"))
def key_text(codes, sizes, base, word_ptr, word, ptr, data):
    """The text of packed variable keys (Keys), written as Arrow string buffers: with data
    empty, ptr[i + 1] gets the length of key i (ptr then becomes the offsets); with
    data sized ptr[-1], the bytes. sizes: the number of currencies, periods, segments, the
    width of a cell's last field and the number of auxiliary names; words k of vocabulary v
    is word[word_ptr[base[v] + k]:word_ptr[base[v] + k + 1]], vocabularies in the order cur,
    period, segment, flow, solved, aux, scope, then the namespace letters f a r c d."""
    n_cur, n_period, n_segment, wide, n_aux = sizes[0], sizes[1], sizes[2], sizes[3], sizes[4]
    fill = len(data) > 0
    # Up to five parts a key: a vocabulary word (v, k) or, for v = -1, the number k.
    parts = np.zeros((5, 2), dtype=np.int64)
    for i in range(len(codes)):
        ns = codes[i] % 8
        c = codes[i] // 8
        count = 0
        if ns == 0:  # f|row
            parts[0, 0], parts[0, 1] = 7, 0
            parts[1, 0], parts[1, 1] = -1, c
            count = 2
        elif ns == 3:  # a|row|name
            parts[0, 0], parts[0, 1] = 7, 1
            parts[1, 0], parts[1, 1] = -1, c // n_aux
            parts[2, 0], parts[2, 1] = 5, c % n_aux
            count = 3
        elif ns == 5:  # r|cur|scope
            parts[0, 0], parts[0, 1] = 7, 2
            parts[1, 0], parts[1, 1] = 0, c % n_cur
            parts[2, 0], parts[2, 1] = 6, c // n_cur
            count = 3
        else:  # c|, d| or a| (a solved form's): cur|period|segment|flow or name
            last = c % wide
            rest = c // wide
            seg = rest % n_segment
            rest = rest // n_segment
            parts[0, 0], parts[0, 1] = 7, (3 if ns == 1 else 4 if ns == 2 else 1)
            parts[1, 0], parts[1, 1] = 0, rest // n_period
            parts[2, 0], parts[2, 1] = 1, rest % n_period
            parts[3, 0], parts[3, 1] = 2, seg
            parts[4, 0], parts[4, 1] = (4 if ns == 4 else 3), last
            count = 5
        at = ptr[i] if fill else 0
        for j in range(count):
            if j:
                if fill:
                    data[at] = 124  # "|"
                at += 1
            v, k = parts[j, 0], parts[j, 1]
            if v < 0:
                digits = 1
                t = k
                while t >= 10:
                    t //= 10
                    digits += 1
                if fill:
                    t = k
                    for d in range(digits - 1, -1, -1):
                        data[at + d] = 48 + t % 10
                        t //= 10
                at += digits
            else:
                w = base[v] + k
                if fill:
                    for b in range(word_ptr[w], word_ptr[w + 1]):
                        data[at] = word[b]
                        at += 1
                else:
                    at += word_ptr[w + 1] - word_ptr[w]
        if not fill:
            ptr[i + 1] = at
    if not fill:
        for i in range(len(codes)):
            ptr[i + 1] += ptr[i]
    return 0
