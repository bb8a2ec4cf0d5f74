"""The state file of an audit (`--save-state`): the figures of the vintage audited, to compare
the next release with (`--previous STATE`).

One Parquet file: the columns of audit.revisions.COLUMNS, one row per figure, and in the
schema's metadata under `tradeaudit_state` a JSON header: `state_version`, the tool version,
the rules' sha256, the inputs audited (path, sha256) and `content_sha256`, a hash of the rows.
A file whose header is missing or of another state_version, or whose rows do not hash to
`content_sha256` (truncated, edited), is refused with StateError; the CLI then audits without
a previous vintage and says so.

A state written by an audit also carries, per figure, its block's leave-one-out result
(audit.reuse.SOLVED_COLUMNS, hashed into `solved_sha256`), which the next audit with
`--previous` takes for the blocks it finds unchanged. A state without them (written by
`diff`'s reading, or an older tradeaudit) only costs that audit the time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from tradeaudit import __version__
from tradeaudit.audit.reuse import SOLVED_COLUMNS
from tradeaudit.audit.revisions import COLUMNS
from tradeaudit.audit.settled import SETTLED_COLUMNS
from tradeaudit.errors import TradeAuditError
from tradeaudit.solve.texts import as_arrow

STATE_VERSION = 2  # 2: the content hashed from the columns' buffers
KEY = b"tradeaudit_state"
MAGIC = b"PAR1"
STATE_SUFFIX = ".state"  # what --save-state files are called by convention (any name works)
TEXT_COLUMNS = [c for c in COLUMNS if c not in ("lo", "hi", "factor", "decimals", "announced")]
NUMBERS = {"lo": np.float64, "hi": np.float64, "factor": np.float64, "decimals": np.int64,
           "announced": bool}


# What an audit keeps for the next one, each part hashed into the header under its name:
# leave-one-out's blocks, and (additive) the propagations' blocks (audit.settled).
KEPT = (("solved_sha256", SOLVED_COLUMNS, "solved blocks"),
        ("settled_sha256", SETTLED_COLUMNS, "settled blocks"))


class StateError(TradeAuditError):
    """A state file that cannot be used: corrupt, or written by another state version."""


@dataclass(frozen=True)
class State:
    """A previous audit: its figures (a vintage frame), inputs, rules and content hash."""

    figures: pd.DataFrame
    inputs: list[dict]
    rules_sha256: str
    content_sha256: str
    tool_version: str
    solved: pd.DataFrame | None = None  # KEPT's columns, one row per figure


def content_hash(frame: pd.DataFrame, columns=COLUMNS) -> str:
    """A hash of a vintage's rows (columns COLUMNS, in order): equal rows, equal hash. Text is hashed as its lengths then its bytes (and which values
    are missing), numbers as their bits, all straight from the columns' buffers."""
    h = hashlib.sha256()
    for col in columns:
        h.update(col.encode())
        if col in TEXT_COLUMNS:
            _hash_text(h, as_arrow(frame[col]))
        else:
            bits = frame[col].to_numpy()
            h.update(str(bits.dtype).encode())
            h.update(np.ascontiguousarray(bits).tobytes())
    return h.hexdigest()


def _hash_text(h, values) -> None:
    """Text into a hash: every length (int32), then every byte, then the missing values."""
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    spans = []
    for c in chunks:
        offsets = np.frombuffer(c.buffers()[1], dtype=np.int64)[c.offset:c.offset + len(c) + 1]
        h.update(np.diff(offsets).astype(np.int32).tobytes())
        spans.append((c.buffers()[2], int(offsets[0]), int(offsets[-1])))
    for data, first, last in spans:
        if last > first:
            h.update(memoryview(data)[first:last])
    nulls = sum(c.null_count for c in chunks)
    if nulls:
        h.update(f"nulls {nulls}".encode())
        for c in chunks:
            h.update(c.is_null().to_numpy(zero_copy_only=False).tobytes())


def is_state(path: Path) -> bool:
    """Whether a file is a state file (a Parquet file carrying the state header)."""
    try:
        with path.open("rb") as f:
            if f.read(4) != MAGIC:
                return False
        import pyarrow.parquet as pq

        return KEY in (pq.read_schema(path).metadata or {})
    except (OSError, ValueError):
        return False


def save_state(path: Path, figures: pd.DataFrame, inputs: list[dict], rules_sha256: str,
               solved: pd.DataFrame | None = None) -> str:
    """Write the state of an audit (with `solved`, its blocks' leave-one-out results, one
    row per figure); returns its content hash."""
    import pyarrow.parquet as pq

    frame = figures[list(COLUMNS)].copy()
    for col in TEXT_COLUMNS:
        frame[col] = frame[col].astype(str)
    frame = frame.astype(NUMBERS)  # (as load_state reads them back)
    digest = content_hash(frame)
    header = {"state_version": STATE_VERSION, "tool_version": __version__,
              "rules_sha256": rules_sha256, "inputs": inputs, "content_sha256": digest}
    if solved is not None and len(solved) == len(frame):
        kept = [frame.reset_index(drop=True)]
        for name, columns, _ in KEPT:
            if all(c in solved for c in columns):
                part = solved[list(columns)].reset_index(drop=True)
                header[name] = content_hash(part, columns)
                kept.append(part)
        frame = pd.concat(kept, axis=1)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           KEY: json.dumps(header).encode()})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    try:
        pq.write_table(table, tmp)
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise TradeAuditError(f"cannot write the state file: {e.strerror}",
                              path=str(path)) from None
    return digest


def _header(path: Path, table) -> dict:
    """The state header of a Parquet table (or schema); StateError when missing, unreadable
    or of another state version."""
    try:
        header = json.loads((table.schema.metadata if hasattr(table, "schema") else
                             table.metadata or {})[KEY])
    except (ValueError, KeyError, TypeError) as e:
        raise StateError(f"not a readable state file ({str(e).splitlines()[0] if str(e) else e})",
                         path=str(path)) from None
    if header.get("state_version") != STATE_VERSION:
        raise StateError(f"state version {header.get('state_version')!r}, this tradeaudit "
                         f"reads version {STATE_VERSION}", path=str(path))
    return header


def load_solved(path: Path) -> pd.DataFrame | None:
    """Only what the state's audit kept for the next (KEPT: audit.reuse.SOLVED_COLUMNS, and
    audit.settled.SETTLED_COLUMNS when there), None when it kept nothing; StateError when
    the file cannot be used. (Read before an audit: the figures, for what changed, are read
    after it, so that they do not add to its peak memory.)"""
    import pyarrow.parquet as pq

    try:
        header = _header(path, pq.read_schema(path))
        if "solved_sha256" not in header:
            return None
        columns = [c for name, cols, _ in KEPT if name in header for c in cols]
        table = pq.read_table(path, columns=columns)
    except (OSError, ValueError, KeyError) as e:
        raise StateError(f"not a readable state file ({str(e).splitlines()[0] if str(e) else e})",
                         path=str(path)) from None
    return _kept(path, table, header)


def _kept(path: Path, table, header: dict) -> pd.DataFrame:
    """The kept columns of a state's table (those its header hashes), checked."""
    frames = []
    for name, columns, what in KEPT:
        if name not in header:
            continue
        if any(c not in table.column_names for c in columns):
            raise StateError(f"the state lacks its {what}' columns", path=str(path))
        part = table.select(list(columns)).to_pandas()
        if content_hash(part, columns) != header[name]:
            raise StateError(f"the state's {what} do not match their hash (edited or "
                             "damaged)", path=str(path))
        frames.append(part)
    return pd.concat(frames, axis=1)


def load_state(path: Path, kept: bool = True) -> State:
    """Read a state file; StateError saying why when it cannot be used. Without `kept`, only
    the figures (and none of what the audit kept for the next: `solved` is None)."""
    import pyarrow.parquet as pq

    try:
        if kept:
            table = pq.read_table(path)
        else:
            schema = pq.read_schema(path)
            table = pq.read_table(path, columns=[c for c in COLUMNS if c in schema.names])
            table = table.replace_schema_metadata(schema.metadata)
    except (OSError, ValueError) as e:  # (pyarrow's ArrowInvalid is a ValueError)
        raise StateError(f"not a readable state file ({str(e).splitlines()[0] if str(e) else e})",
                         path=str(path)) from None
    header = _header(path, table)
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise StateError(f"the state lacks the columns {', '.join(missing)}", path=str(path))
    frame = table.select(list(COLUMNS)).to_pandas().astype(NUMBERS)
    if content_hash(frame) != header.get("content_sha256"):
        raise StateError("the state's figures do not match its content hash (edited or "
                         "damaged)", path=str(path))
    solved = _kept(path, table, header) if kept and "solved_sha256" in header else None
    return State(frame, list(header.get("inputs", [])), str(header.get("rules_sha256", "")),
                 header["content_sha256"], str(header.get("tool_version", "")), solved)
