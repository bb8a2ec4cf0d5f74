"""The sums a published table shows by its layout: members (and Others) adding up to the
Total row, "of which" parts within their parent, months and quarters within their year.

A figure table declares its hierarchies in the rules; a published table shows them, so the
audit of one checks what its own layout says (`expect_segments_sum`, `expect_periods_sum`,
listed in the report and in the layout file, where `sums: false` or `country: off` switches
one off). Nothing uncertain is declared: members of several dimensions side by side
(regions beside countries), regions without a residual row (groupings may overlap), and
periods of a seasonally adjusted, annualised or averaged table say why and stay off.
"""

from __future__ import annotations

import re

from tradeaudit.model.periods import YEAR
from tradeaudit.read.layout import Layout

# A note saying the parts make up the total: "Totals may not add due to rounding".
_ADDS = re.compile(r"(?:may|might|do(?:es)?|will)\s*not\s*(?:add|sum)|not\s+add\s+up|"
                   r"(?:합계|총계).{0,12}(?:일치하지|다를|차이)|"
                   r"(?:合計|総計).{0,12}(?:一致しない|合わない)", re.IGNORECASE)
# Periods that do not add up to their year: rates and averages, seasonal adjustment.
_NOT_ADDING = re.compile(r"seasonally\s+adjusted|annual(?:ised|ized)?\s+rate|annuali[sz]ed|"
                         r"\baverage|\bsaar\b|계절조정|평균|季節調整|年率|平均",
                         re.IGNORECASE)
_MEMBERS = ("member", "residual", "part")
# Dimensions whose members may overlap (EU and euro area, APEC and ASEAN).
_OVERLAPPING = ("region", "area")
# Countries whose names hold a region's word.
_COUNTRY_NAMES = re.compile(r"united states of america|south africa|central african republic|"
                            r"american samoa|guinea|남아프리카공화국|南アフリカ|南非", re.IGNORECASE)
_GROUP_CODES = ("EU", "EA", "EZ", "UN")  # two-letter codes of groups, not countries
# Labels naming a group of countries, whatever dimension the stub gave them.
_REGIONAL = re.compile(
    r"\b(?:asia|europe|european union|eu(?:-?\d+)?|euro ?(?:area|zone)|ea\d*|america|americas|"
    r"africa|oceania|middle east|apec|asean|oecd|opec|mercosur|nafta|usmca|efta|g7|g20|brics|"
    r"cis|gcc|gulf|latin|pacific|caribbean|world|region|continent)\b|"
    r"아시아|유럽|미주|북미|중남미|아프리카|중동|대양주|아세안|アジア|欧州|ヨーロッパ|北米|中南米|"
    r"アフリカ|中東|大洋州|亚洲|欧洲|欧盟|北美|拉美|非洲|东盟|東盟", re.IGNORECASE)


def derive(layout: Layout, texts: list[str]) -> None:
    """Set the layout's `sums` (dimension: exact, bound or off; `periods`: exact or off)
    and `sums_reading` (why), from its rows and the table's title and notes (`texts`);
    a form the layout file gave is kept (`sums: false`: none)."""
    found, why = _segment_forms(layout, " ".join(texts))
    periods = _periods_form(layout, texts)
    if periods:
        found["periods"], why["periods"] = periods
    given = layout.sums
    if given is False:
        found = {k: "off" for k in found}
        why = {k: "switched off by the layout (sums: false)" for k in found}
    elif isinstance(given, dict):
        for k, form in given.items():
            form = "off" if form is False else str(form)
            if found.get(k) != form:
                found[k], why[k] = form, f"{k}: {form}, as the layout file says"
    layout.sums, layout.sums_reading = found, why


def _segment_forms(layout: Layout, notes: str) -> tuple[dict, dict]:
    """Per stub dimension with its parent row in the table: exact (a residual row, or a
    note saying the parts add up), bound, or off (why)."""
    rows = [s for s in layout.rows.values() if "skip" not in s and s.get("segment")]
    present = {s["segment"] for s in rows if s.get("role") != "period"}
    groups, dims = _dimensions(rows)
    forms, why = {}, {}
    for dim, d in dims.items():
        if d["parents"] & present:  # a row of the table is their whole
            mixed = sorted({x for p in d["parents"] for x in groups[p]} - {dim})
            forms[dim], why[dim] = _form(dim, d, mixed, notes)
    return forms, why


def _dimensions(rows: list[dict]) -> tuple[dict, dict]:
    """The dimensions of the member rows under each parent, and per dimension its parents,
    residual rows, regional labels (groups of countries), member count, whether parts."""
    groups: dict[str, set[str]] = {}
    dims: dict[str, dict] = {}
    for s in rows:
        if s.get("role") not in _MEMBERS:
            continue
        parent = s.get("parent") or "total"
        dim = s["segment"].split(";")[-1].split("=", 1)[0]
        groups.setdefault(parent, set()).add(dim)
        d = dims.setdefault(dim, {"parents": set(), "residual": [], "part": False,
                                  "regional": [], "n": 0})
        d["parents"].add(parent)
        d["part"] |= parent != "total"
        if s.get("role") == "residual":
            d["residual"].append(s["label"])
            continue
        d["n"] += 1
        member = s["segment"].rsplit("=", 1)[1]
        label = _COUNTRY_NAMES.sub(" ", s.get("label", ""))
        if _REGIONAL.search(label) and not (
                re.fullmatch(r"[A-Z]{2}", member) and member not in _GROUP_CODES):
            # (a gazetteer country is one: "United States of America"; the EU is not)
            d["regional"].append(s["label"])
    return groups, dims


def _form(dim: str, d: dict, mixed: list[str], notes: str) -> tuple[str, str]:
    """A dimension's sum (exact, bound or off) and why."""
    whole = "their parent row" if d["part"] else "the Total row"
    if mixed:
        return "off", f"{dim} members beside {', '.join(mixed)} members under one row: not summed"
    if d["regional"] and len(d["regional"]) < d["n"]:
        return "off", (f"{dim} members include groups of countries ({d['regional'][0]}) "
                       "beside others: not summed")
    if d["residual"]:
        return "exact", f"{dim} members + {d['residual'][0]} = {whole}"
    if dim.split(".")[0] in _OVERLAPPING or d["regional"]:
        return "off", f"{dim} members may overlap and no residual row says they are all: not summed"
    if not d["part"] and _ADDS.search(notes):
        return "exact", f"{dim} members = {whole} (a note says the parts add up)"
    return "bound", f"{dim} members <= {whole} (no residual row: the parts may not be all)"


def _periods_form(layout: Layout, texts: list[str]) -> tuple[str, str] | None:
    """`exact` when the table prints a period (a year, half or quarter) and all its parts
    (months, quarters or halves, at any depth), `off` when its words say it is adjusted or
    averaged; None otherwise (a month beside its year alone checks nothing)."""
    periods = {s["period"] for s in layout.rows.values() if s.get("period")}
    periods |= {c["period"] for c in layout.columns.values() if c.get("period")
                and c.get("stat", "level") == "level" and "skip" not in c}
    periods |= {layout.period} - {""}
    whole = sorted(p for p in periods if _parts(p) and all(_made_of(c, periods)
                                                           for c in _parts(p)))
    if not whole:
        return None
    words = texts + [c.get("header", "") for c in layout.columns.values()]
    said = next((m.group(0) for t in words if (m := _NOT_ADDING.search(t))), "")
    if said:
        return "off", f"periods: the table says {said!r}: its parts are not summed to the year"
    return "exact", f"months, quarters and halves = their year ({', '.join(whole)})"


def _made_of(period: str, printed: set[str]) -> bool:
    """Whether a period is printed, or all its parts are (at any depth)."""
    return period in printed or bool(_parts(period)) and all(
        _made_of(c, printed) for c in _parts(period))


def _parts(period: str) -> list[str]:
    """The periods one level down: a year's halves, a half's quarters, a quarter's months."""
    m = re.fullmatch(rf"({YEAR})(?:-(Q[1-4]|H[12]))?", period)
    if not m:
        return []
    year, sub = m.groups()
    if not sub:
        return [f"{year}-H1", f"{year}-H2"]
    n = int(sub[1])
    if sub[0] == "H":
        return [f"{year}-Q{2 * n - 1}", f"{year}-Q{2 * n}"]
    return [f"{year}-{3 * n - 3 + i:02d}" for i in (1, 2, 3)]


def declarations(layout: Layout) -> list[dict]:
    """The expectations the layout's sums declare (the suite's form: type and kwargs): a
    dimension is exact where its residual row is (Others), everywhere when no such row is
    printed; bound has no residual member."""
    out = []
    for dim, form in (layout.sums or {}).items():
        if form == "off":
            continue
        if dim == "periods":
            out.append({"type": "expect_periods_sum", "kwargs": {}})
            continue
        residual = sorted({s["segment"].rsplit("=", 1)[1] for s in layout.rows.values()
                           if s.get("role") == "residual" and "skip" not in s
                           and s.get("segment", "").split(";")[-1].startswith(dim + "=")})
        kwargs: dict = {"dimension": dim, "residual": residual if form == "exact" else []}
        if form == "exact" and not residual:
            kwargs["exhaustive"] = True
        out.append({"type": "expect_segments_sum", "kwargs": kwargs})
    return out


def merged(entries: list[dict]) -> tuple[list[dict], list[dict]]:
    """The expectations of several tables' sums (read.published.sums_of entries) as one
    audit declares them, and the entries as declared: a dimension off in one table is off in
    all (the rules are the audit's), bound where one is bound, exact where all are."""
    by_dim: dict[str, list[dict]] = {}
    for e in entries:
        by_dim.setdefault(e["dimension"], []).append(e)
    out, shown = [], []
    for dim, es in by_dim.items():
        forms = {e["form"] for e in es}
        form = "off" if "off" in forms else "bound" if "bound" in forms else "exact"
        exp = None
        if form != "off":
            exps = [e["expectation"] for e in es]
            kwargs = dict(exps[0]["kwargs"])
            if dim != "periods":
                kwargs["residual"] = sorted({r for x in exps for r in x["kwargs"]["residual"]}
                                            ) if form == "exact" else []
                exhaustive = form == "exact" and all(x["kwargs"].get("exhaustive") for x in exps)
                kwargs.pop("exhaustive", None)
                kwargs |= {"exhaustive": True} if exhaustive else {}
            exp = {"type": exps[0]["type"], "kwargs": kwargs}
            out.append(exp)
        for e in es:
            why = e["reading"] if e["form"] == form else (
                f"{e['reading']}; {form} as another table of the audit says")
            shown.append({**e, "form": form, "reading": why, "expectation": exp})
    return out, shown


def summary_line(entry: dict) -> str:
    """One line of the text report for a sum from a table's layout."""
    return f"{entry['form']}: {entry['reading']} ({entry['table']})"
