"""A wide table's layout: which rows are headers and body, what each column and row is.

Detection (read.wide) writes one; a user corrects it and passes it back with `--layout`.
Rows are 1-based as printed; columns are spreadsheet letters (A, B, ... AA).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tradeaudit.data import HERE as DATA
from tradeaudit.errors import TableError
from tradeaudit.model.units import UNSTATED

SCHEMA = DATA / "layout_schema.json"
COLUMN_KEYS = ("period", "flow", "stat", "unit", "base", "sign", "header", "skip", "reading")
ROW_KEYS = ("label", "segment", "role", "parent", "skip", "stat")


@dataclass
class Layout:
    """Where a table's parts are and what they mean (the `--layout` file, version 1)."""

    table: str = ""  # sheet name, `table1` (HTML), `p1 t1` (PDF); "" for a CSV
    header_rows: list[int] = field(default_factory=list)
    body_rows: list[int] = field(default_factory=list)  # [first, last]
    stub_columns: list[str] = field(default_factory=list)
    dimension: str = "item"
    unit: str = ""
    period: str = ""
    flow: str = ""
    paired: str = ""  # the stat of a percentage printed beside a value: growth_pct or ""
    columns: dict[str, dict] = field(default_factory=dict)
    rows: dict[str, dict] = field(default_factory=dict)
    # The sums its layout shows (read.sums): dimension or `periods` -> exact, bound or off;
    # None: as detected, False: none. `sums_reading` says why (written, not read back).
    sums: dict | bool | None = None
    sums_reading: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The layout as the file holds it."""
        return {"version": 1, "table": self.table, "header_rows": self.header_rows,
                "body_rows": self.body_rows, "stub_columns": self.stub_columns,
                "dimension": self.dimension, "unit": self.unit, "period": self.period,
                "flow": self.flow, "paired": self.paired, "columns": self.columns,
                "rows": self.rows} | ({} if self.sums is None else {
                    "sums": self.sums, "sums_reading": self.sums_reading})


def load_layouts(path: Path) -> list[Layout]:
    """A layout file (YAML for .yaml/.yml, else JSON; one layout or a list of them), checked
    against its JSON Schema."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise TableError(f"cannot read the layout: {e}", path=str(path)) from None
    data = _parse(text, path)
    _check(data, path)
    return [_layout(d) for d in (data if isinstance(data, list) else [data])]


def _layout(data: dict) -> Layout:
    known = {k: data[k] for k in Layout.__dataclass_fields__ if k in data}
    known["columns"] = {str(k).upper(): dict(v) for k, v in known.get("columns", {}).items()}
    known["rows"] = {str(k): dict(v) for k, v in known.get("rows", {}).items()}
    known["stub_columns"] = [str(c).upper() for c in known.get("stub_columns", [])]
    layout = Layout(**known)
    by_row = {k for spec in layout.rows.values() for k in ("period", "flow") if k in spec}
    for spec in layout.columns.values():
        _fill(spec, layout, by_row)
    return layout


# What a column lacked when detection skipped it, and the table-level key that supplies it.
_LACKS = {"no unit": "unit", "no flow": "flow", "no period": "period"}


def _fill(spec: dict, layout: Layout, by_row: set) -> None:
    """A column given without a unit, flow or period takes the layout's own (set `unit:
    GBP_bn` once for a table whose unit detection could not find), unless its rows name
    it; a skip that only said it lacked one of them is lifted once it is supplied."""
    if spec.get("unit") == UNSTATED and layout.unit:  # (detection found none: the table's)
        del spec["unit"]
        spec["reading"] = spec.get("reading", "").replace("unit=not-stated", "unit=layout")
    for key in ("unit", "flow", "period"):
        if not spec.get(key) and getattr(layout, key) and key not in by_row and not (
                key == "unit" and spec.get("stat") in ("growth_pct", "share_pct")):
            spec[key] = getattr(layout, key)
    why = spec.get("skip", "")
    lacked = [key for prefix, key in _LACKS.items() if why.startswith(prefix)]
    if lacked and spec.get(lacked[0]) and spec.get("stat"):
        del spec["skip"]


def _parse(text: str, path: Path) -> dict:
    if path.suffix.lower() in (".yaml", ".yml"):
        from ruamel.yaml import YAML, YAMLError  # (about 95 ms: only for a YAML layout)

        try:
            data = YAML(typ="safe").load(text)
        except YAMLError as e:
            raise TableError(f"not YAML: {str(e).splitlines()[0]}", path=str(path)) from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise TableError(f"not JSON: {e.msg}", path=str(path), row=e.lineno) from None
    if not isinstance(data, (dict, list)):
        raise TableError("a layout is a mapping (keys: table, header_rows, columns, ...)",
                         path=str(path))
    return data


def _check(data: dict, path: Path) -> None:
    """The layout against data/layout_schema.json: the first error, where it is."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    from jsonschema.exceptions import best_match

    error = best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise TableError(f"layout {where}: {error.message}", path=str(path))


def write_layouts(layouts: list[Layout], path: Path) -> None:
    """Write layouts for a user to correct (one, or a list): YAML for .yaml/.yml, else JSON."""
    data = [lay.as_dict() for lay in layouts]
    data = data[0] if len(data) == 1 else data
    try:
        with path.open("w", encoding="utf-8") as f:
            if path.suffix.lower() in (".yaml", ".yml"):
                from ruamel.yaml import YAML

                yaml = YAML()
                yaml.default_flow_style = None
                yaml.width = 120
                yaml.dump(data, f)
            else:
                f.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as e:
        raise TableError(f"cannot write the layout: {e.strerror}", path=str(path)) from None
