"""Block keys: 128-bit hashes of what a block's solving reads of it, per block, by compiled
kernels (audit.reuse takes a previous audit's results for the keys it finds)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeaudit.audit.domains import domains
from tradeaudit.solve.kernel import inline, kernel, pick, prange

# Raise when the kernel's arithmetic or the way keys are hashed changes: the keys of states
# written before then are not found (which costs time, never a result).
SOLVER_VERSION = 4
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_ODD = tuple(np.uint64(x) for x in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                    0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                                    0x27D4EB2F165667C5, 0x94D049BB133111EB))


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer, elementwise (uint64, wrapping)."""
    x = (x ^ (x >> _S30)) * _M1
    x = (x ^ (x >> _S27)) * _M2
    return x ^ (x >> _S31)


def _chain(*cols: np.ndarray) -> np.ndarray:
    """One 64-bit hash per row of the columns (ints or floats, by their bits): each column
    folded in by a multiply-add with its own odd constant, then one finalizer."""
    h = np.zeros(len(cols[0]), dtype=np.uint64)
    for k, c in enumerate(cols):
        c = np.ascontiguousarray(c)
        bits = c.view(np.uint64) if c.dtype == np.float64 else c.astype(np.int64).view(
            np.uint64)
        h *= _ODD[k % len(_ODD)]
        h += bits
        h ^= h >> _S31
    return _mix(h)


# The hashing kernels' constants: splitmix64's finalizer, a multiplier to chain fields, and
# the two halves' seeds. Arithmetic is on uint64 (compiled) or Python ints masked to 64 bits
# (plain): the same bits.
_MASK, _F1, _F2 = 0xFFFFFFFFFFFFFFFF, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
_CHAIN, _SEED_A, _SEED_B = 0x9E3779B97F4A7C15, 0x9E3779B97F4A7C15, 0xD1B54A32D192ED03


@inline
def _fmix(x):
    """splitmix64's finalizer of a uint64."""
    x = ((x ^ (x >> np.uint64(30))) * _F1) & _MASK
    x = ((x ^ (x >> np.uint64(27))) * _F2) & _MASK
    return x ^ (x >> np.uint64(31))


@inline
def _fold(h, x):
    """One more field (a uint64) into a running item hash."""
    return _fmix(((h * _CHAIN) & _MASK) ^ x)


@inline
def _add_item(g, h, total_a, total_b):
    """An item's hash into its block's two halves (a wrapping sum: items in any order)."""
    total_a[g] = (total_a[g] + _fmix(h ^ _SEED_A)) & _MASK
    total_b[g] = (total_b[g] + _fmix(h ^ _SEED_B)) & _MASK


@kernel(fills=("total_a", "total_b"), parallel=True)
def key_variables(var_ptr, perm, lo0, hi0, base_lo, base_hi, total_a, total_b):
    """block_keys' variables: per position, its place in the block and its domain before and
    after the active figures (the four bounds as their bits, uint64)."""
    for g in prange(len(var_ptr) - 1):
        for q in range(var_ptr[g], var_ptr[g + 1]):
            v = perm[q]
            h = _fold(_fold(np.uint64(1), np.uint64(q - var_ptr[g])), lo0[v])
            h = _fold(_fold(_fold(h, hi0[v]), base_lo[v]), base_hi[v])
            _add_item(g, h, total_a, total_b)
    return 0


@kernel(fills=("first", "total_a", "total_b"), parallel=True)
def key_constraints(con_ptr, var_ptr, kind, z, x, y, add, div, rel, owner, owner_block,
                    first, total_a, total_b):
    """block_keys' constraints: per constraint, its place in the block, kind, operands (as
    places in the block, y + 1: 0 for none), constants (bits), its relation (as the place
    of the relation's first constraint) and the active figure stating that relation (its
    place + 1 among the block's active figures: 0 for none). `first` (per relation, at
    least the number of constraints) is filled on the way. Returns how many constraints'
    relations are stated by an active figure of another block (or span two blocks)."""
    for i in range(len(rel)):
        first[rel[i]] = min(first[rel[i]], i)
    apart = 0
    for g in prange(len(con_ptr) - 1):
        off = var_ptr[g]
        for i in range(con_ptr[g], con_ptr[g + 1]):
            r = rel[i]
            h = _fold(_fold(np.uint64(2), np.uint64(i - con_ptr[g])), np.uint64(kind[i]))
            h = _fold(_fold(h, np.uint64(z[i] - off)), np.uint64(x[i] - off))
            h = _fold(h, np.uint64(y[i] - off + 1) if y[i] >= 0 else np.uint64(0))
            h = _fold(_fold(h, add[i]), div[i])
            at = first[r] - con_ptr[g]  # (< 0: a relation of two blocks)
            h = _fold(_fold(h, np.uint64(max(at, 0))), np.uint64(owner[r]))
            _add_item(g, h, total_a, total_b)
            if at < 0 or owner_block[r] >= 0 and owner_block[r] != g:
                apart += 1
    return apart


@kernel(fills=("total_a", "total_b"))
def key_figures(comp, place, pos, total_a, total_b):
    """block_keys' leaving figures: per figure, its place among its block's and its
    variable's place in the block."""
    for i in range(len(comp)):
        h = _fold(_fold(np.uint64(3), np.uint64(place[i])), np.uint64(pos[i]))
        _add_item(comp[i], h, total_a, total_b)
    return 0


def places(comp: np.ndarray) -> np.ndarray:
    """Per leaving figure (sorted by block), its place in its block's sequence."""
    return np.arange(len(comp)) - np.searchsorted(comp, comp, "left")


def block_keys(system, frame: pd.DataFrame, hard: np.ndarray, rows: np.ndarray,
               comp: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Per component, the two 64-bit halves of its key; and whether a relation of one block
    is stated by an active figure of another (then colours are not each block's own: no
    key is to be taken). `rows` are the leaving figures (the active ones) sorted by block
    then row, `comp` their blocks. The items (variables, constraints, leaving figures) are
    hashed by compiled kernels, a million-figure release has millions of them."""
    from tradeaudit.audit.loo import LOO_SWEEPS
    from tradeaudit.solve.propagate import RELATIVE_STEP, WIDTH_STEP

    flat = system.flat()
    n_comp = len(flat.con_ptr) - 1
    var_ptr = flat.var_ptr.astype(np.int64)
    con_ptr = flat.con_ptr.astype(np.int64)
    base_lo, base_hi = domains(system, frame, hard)
    salt = [np.full(n_comp, x) for x in (SOLVER_VERSION, LOO_SWEEPS, float(RELATIVE_STEP),
                                         float(WIDTH_STEP))]
    head = _chain(np.diff(var_ptr), np.diff(con_ptr), np.bincount(comp, minlength=n_comp),
                  *salt)
    total_a, total_b = _mix(head ^ np.uint64(_SEED_A)), _mix(head ^ np.uint64(_SEED_B))
    bits = [np.ascontiguousarray(b, dtype=np.float64).view(np.uint64)
            for b in (system.lo0, system.hi0, base_lo, base_hi)]
    with np.errstate(over="ignore"):  # (the plain kernels' uint64 scalars wrap on purpose)
        pick("key_variables", system.n)(var_ptr, flat.perm, *bits, total_a, total_b)
        del bits, base_lo, base_hi
        place_of = np.full(len(frame) + 1, -1, dtype=np.int64)
        place_of[rows] = places(comp)
        block_of = np.full(len(frame) + 1, -1, dtype=np.int64)
        block_of[rows] = comp
        stated = system.relations["figure"].to_numpy(dtype=np.int64)
        first = np.full(len(stated), len(flat.rel), dtype=np.int64)
        apart = pick("key_constraints", len(flat.rel))(
            con_ptr, var_ptr, flat.kind, flat.z, flat.x, flat.y, flat.add.view(np.uint64),
            flat.div.view(np.uint64), flat.rel, place_of[stated] + 1, block_of[stated], first,
            total_a, total_b)
        pick("key_figures", len(rows))(
            comp, places(comp), flat.inv[system.fig_var[rows]].astype(np.int64) - var_ptr[comp],
            total_a, total_b)
    return _mix(total_a), _mix(total_b), bool(apart)




@kernel(fills=("total_a", "total_b"), parallel=True)
def key_structure(con_ptr, var_ptr, kind, z, x, y, add, div, total_a, total_b):
    """settled_keys' constraints: per constraint, its place in the block, kind, operands
    (places in the block, y + 1: 0 for none) and constants (bits, uint64)."""
    for g in prange(len(con_ptr) - 1):
        off = var_ptr[g]
        for i in range(con_ptr[g], con_ptr[g + 1]):
            h = _fold(_fold(np.uint64(4), np.uint64(i - con_ptr[g])), np.uint64(kind[i]))
            h = _fold(_fold(h, np.uint64(z[i] - off)), np.uint64(x[i] - off))
            h = _fold(h, np.uint64(y[i] - off + 1) if y[i] >= 0 else np.uint64(0))
            _add_item(g, _fold(_fold(h, add[i]), div[i]), total_a, total_b)
    return 0


@kernel(fills=("total_a", "total_b"), parallel=True)
def key_domains(var_ptr, perm, lo, hi, total_a, total_b):
    """settled_keys' variables: per position, its place in the block and its domain (the
    bounds' bits, uint64)."""
    for g in prange(len(var_ptr) - 1):
        for q in range(var_ptr[g], var_ptr[g + 1]):
            v = perm[q]
            h = _fold(_fold(_fold(np.uint64(5), np.uint64(q - var_ptr[g])), lo[v]), hi[v])
            _add_item(g, h, total_a, total_b)
    return 0


def structure_keys(system) -> tuple[np.ndarray, np.ndarray]:
    """Per component, the two halves of a hash of its constraints in order (kind, operands
    as places in the block, constants) and of its size: what propagation reads of it but
    the domains."""
    flat = system.flat()
    var_ptr = flat.var_ptr.astype(np.int64)
    con_ptr = flat.con_ptr.astype(np.int64)
    head = _chain(np.diff(var_ptr), np.diff(con_ptr))
    total_a, total_b = _mix(head ^ np.uint64(_SEED_A)), _mix(head ^ np.uint64(_SEED_B))
    with np.errstate(over="ignore"):
        pick("key_structure", len(flat.z))(
            con_ptr, var_ptr, flat.kind, flat.z, flat.x, flat.y, flat.add.view(np.uint64),
            flat.div.view(np.uint64), total_a, total_b)
    return total_a, total_b


def settled_keys(system, structure: tuple[np.ndarray, np.ndarray], lo: np.ndarray,
                 hi: np.ndarray, salt: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Per component, the two halves of the key of a propagation of it from domains lo, hi:
    its structure (structure_keys), every variable's domain, and `salt` (numbers: the
    propagation's settings)."""
    from tradeaudit.solve.propagate import RELATIVE_STEP, WIDTH_STEP

    flat = system.flat()
    n_comp = len(flat.con_ptr) - 1
    head = _chain(*(np.full(n_comp, x) for x in (SOLVER_VERSION, float(RELATIVE_STEP),
                                                  float(WIDTH_STEP), *salt)))
    total_a, total_b = _mix(head ^ np.uint64(_SEED_A)), _mix(head ^ np.uint64(_SEED_B))
    bits = [np.ascontiguousarray(b, dtype=np.float64).view(np.uint64) for b in (lo, hi)]
    with np.errstate(over="ignore"):
        pick("key_domains", system.n)(flat.var_ptr.astype(np.int64), flat.perm, *bits,
                                      total_a, total_b)
        return _mix(total_a + structure[0]), _mix(total_b + structure[1])
