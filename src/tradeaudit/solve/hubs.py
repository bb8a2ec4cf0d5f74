"""Hubs: variables that tie many otherwise separate blocks together (a document's conversion
rate, a total many segments' shares refer to), and the copies that cut a system at them.

Each block (a component once hubs are removed) gets its own copy of every hub it touches; the
engine then settles each copy's domain from the other blocks. Blocks are independent, so one
bad figure no longer makes the whole document one contradiction, and checking a figure costs
its block, not the document.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from tradeaudit.solve import kernel

# A variable whose constraints reach cells of more segments than this is a hub (a total that
# many segments' shares refer to). Conversion rates always are.
HUB_SEGMENTS = 2
ROLES = ("z", "x", "y")

Constraints = dict[str, dict[str, np.ndarray]]


def spread(n: int, constraints: Constraints, seg: np.ndarray) -> np.ndarray:
    """Per variable, how many segments (seg[u] >= 0: the segment code of a cell or change
    variable u) the operands of its constraints belong to."""
    ops = [np.concatenate([c[r] if r in c else np.full(len(c["z"]), -1)
                           for c in constraints.values()]).astype(kernel.INDEX)
           for r in ROLES]
    ptr, cons = kernel.incidence(*ops, n)
    out = np.zeros(n, dtype=np.int64)
    kernel.pick("spread", len(cons))(ptr, cons, *ops, seg, int(seg.max()) + 1 if len(seg) else 0,
                                     out)
    return out


class Blocks(NamedTuple):
    """The blocks of a system: per kind, each constraint's anchor (its first ordinary
    operand, or past the system's variables one of its own when all its operands are hubs),
    and the block of each variable, anchors included."""

    anchor: dict[str, np.ndarray]
    block: np.ndarray


def blocks(n: int, constraints: Constraints, is_hub: np.ndarray) -> Blocks:
    """The components of the n variables once each hub operand is its row's anchor (a
    self-loop)."""
    anchor = {}
    for kind, c in constraints.items():
        first = np.full(len(c["z"]), -1)
        for o in reversed([c[r] for r in ROLES if r in c]):
            first = np.where(~is_hub[o], o, first)
        anchor[kind] = first
    start = n  # rows with only hub operands get a block of their own
    for kind in constraints:
        loose = np.flatnonzero(anchor[kind] < 0)
        anchor[kind][loose] = np.arange(start, start + len(loose))
        start += len(loose)
    local = {kind: {r: np.where(is_hub[c[r]], anchor[kind], c[r]) for r in ROLES if r in c}
             for kind, c in constraints.items()}
    return Blocks(anchor, kernel.connected_components(start, local))


class Copies(NamedTuple):
    """One copy variable per (hub, block) pair that uses it, numbered from `first` on in order
    of hub, then block: `codes` are the pairs as hub * width + block, sorted, so a lookup is
    a binary search."""

    codes: np.ndarray
    width: int
    first: int

    @property
    def hub(self) -> np.ndarray:
        """The hub each copy stands for."""
        return self.codes // self.width

    @property
    def block(self) -> np.ndarray:
        """The block each copy belongs to."""
        return self.codes % self.width

    def of(self, hub: np.ndarray, blk: np.ndarray) -> np.ndarray:
        """The copy variable of each (hub, block) pair; -1 where there is none."""
        want = hub.astype(np.int64) * self.width + blk  # (int32 operands would overflow)
        if not len(self.codes):
            return np.full(len(want), -1)
        at = np.minimum(np.searchsorted(self.codes, want), len(self.codes) - 1)
        return np.where(self.codes[at] == want, self.first + at, -1)


def copies(n: int, constraints: Constraints, is_hub: np.ndarray, b: Blocks) -> Copies:
    """The copies the blocks need, numbered after the n variables."""
    width = int(b.block.max()) + 1
    codes = []
    for kind, c in constraints.items():
        for r in ROLES:
            if r in c:
                h = is_hub[c[r]]
                codes.append(c[r][h].astype(np.int64) * width + b.block[b.anchor[kind][h]])
    return Copies(np.unique(np.concatenate(codes)), width, n)


def rewired(constraints: Constraints, is_hub: np.ndarray, b: Blocks, cp: Copies
            ) -> Constraints:
    """The constraints with each hub operand replaced by its block's copy."""
    out = {}
    for kind, c in constraints.items():
        part = dict(c)
        for r in ROLES:
            if r in c:
                h = is_hub[c[r]]
                v = c[r].copy()
                if h.any():
                    v[h] = cp.of(c[r][h], b.block[b.anchor[kind][h]])
                part[r] = v
        out[kind] = part
    return out


def copy_components(n: int, is_hub: np.ndarray, b: Blocks, cp: Copies) -> np.ndarray:
    """Per variable, copies after the n others: its block's component, a hub alone its own;
    numbered 0, 1, ... in order, as np.unique would."""
    comp = np.concatenate([b.block[:n], cp.block])
    hubs = np.flatnonzero(is_hub)
    comp[hubs] = b.block.max() + 1 + np.arange(len(hubs))
    used = np.zeros(int(comp.max()) + 1, dtype=bool)
    used[comp] = True
    return (np.cumsum(used) - 1)[comp]


def figure_cells(fig_cell: np.ndarray, fig_var: np.ndarray, is_hub: np.ndarray, b: Blocks,
                 cp: Copies) -> np.ndarray:
    """The cell each figure states, a hub cell as its own block's copy of it (a figure whose
    own relations never touch that cell keeps the hub itself)."""
    fig_cell = fig_cell.copy()
    on_hub = (fig_cell >= 0) & (fig_var >= 0)
    on_hub[on_hub] = is_hub[fig_cell[on_hub]]
    if on_hub.any():
        found = cp.of(fig_cell[on_hub], b.block[fig_var[on_hub]])
        fig_cell[on_hub] = np.where(found < 0, fig_cell[on_hub], found)
    return fig_cell
