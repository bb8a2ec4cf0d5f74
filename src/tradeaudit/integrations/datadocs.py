"""Data Docs that work offline: no CDN, no network, readable from file://.

Great Expectations' Data Docs pages load Bootstrap, jQuery, bootstrap-table, Font Awesome and
Vega from CDNs, and its logo from a web bucket. Offline (CI artifacts, air-gapped machines) the
pages then lose their layout, their index tables (rows are drawn by bootstrap-table from data in
an inline script) and their buttons. `make_offline` rewrites a built site in place:

- every external <script src> and <link href> is removed, and the inline scripts that need
  those libraries (jQuery, bootstrap-table, Vega) with them;
- the index's bootstrap-table data become static table rows, each linking to its page;
- external images and stylesheet url()s point at the copy of GE's own images in the site's
  static/images (shipped in the great_expectations package), or are dropped;
- a small inline stylesheet (the grid, tables, cards, badges, status icons as text) and a small
  script (collapse, tabs, the "Failed Only" filter) take the libraries' place.

Pure text processing: nothing here imports great_expectations.
"""

from __future__ import annotations

import ast
import html
import importlib.util
import re
import shutil
from pathlib import Path

_EXTERNAL = r"[\"']?(?:https?:)?//"
_EXTERNAL_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*" + _EXTERNAL +
                           r"[^>]*>(?:\s*</script>)?", re.IGNORECASE)
_EXTERNAL_IMG = re.compile(r"(<img\b[^>]*\bsrc\s*=\s*[\"'])(?:https?:)?//[^\"']*/([^/?#\"']+)"
                           r"[^\"']*([\"'])", re.IGNORECASE)
_EXTERNAL_URL = re.compile(r"url\(\s*" + _EXTERNAL + r"[^)]*\)", re.IGNORECASE)
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>",
                            re.IGNORECASE | re.DOTALL)
_NEEDS_LIBRARY = re.compile(r"\$\(|\$\.|jQuery|bootstrapTable|vegaEmbed|\.modal\(")
_TABLE_SCRIPT = re.compile(r"\$\('#([\w-]+)'\)\.bootstrapTable\(.*?^\s*columns:\s*(\[.*?\]),\s*$"
                           r".*?^\s*data:\s*(\[.*?\]),\s*$", re.DOTALL | re.MULTILINE)
_STATUS_ICON = re.compile(r'<i class="[^"]*\bge-(success|failed)-icon\b[^"]*"\s*></i>')
# What a page may still reference over the network: nothing that loads by itself.
ASSET_URL = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*"
                       r"\b(?:src|href|data)\s*=\s*" + _EXTERNAL + r"|url\(\s*" + _EXTERNAL,
                       re.IGNORECASE)
LOGO = "static/images/logo-long.png"


def _grid() -> str:
    """Bootstrap 4's grid classes that Data Docs use, as flex rules."""
    rules = [".row{display:flex;flex-wrap:wrap;margin:0 -.75rem}",
             ".row>*{padding:0 .75rem;box-sizing:border-box;width:100%;max-width:100%}",
             ".col{flex:1 0 0}"]
    for n in range(1, 13):
        rules.append(f".col-{n},.col-xs-{n}{{flex:0 0 {n / 12:.4%};max-width:{n / 12:.4%}}}")
    for bp, width in (("sm", 576), ("md", 768), ("lg", 992), ("xl", 1200)):
        cols = "".join(f".col-{bp}-{n}{{flex:0 0 {n / 12:.4%};max-width:{n / 12:.4%}}}"
                       for n in range(1, 13))
        rules.append(f"@media (min-width:{width}px){{{cols}.d-{bp}-block{{display:block}}"
                     f".d-{bp}-inline-flex{{display:inline-flex}}.flex-{bp}-row"
                     f"{{flex-direction:row}}}}")
    return "\n".join(rules)


OFFLINE_CSS = """
/* tradeaudit: what Data Docs take from Bootstrap and Font Awesome, offline */
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 margin:0;color:#212529;line-height:1.5;background:#fff;font-size:1rem}
*,::before,::after{box-sizing:border-box}
a{color:#0b5ed7}h4{font-size:1.4rem;margin:.5rem 0}h5{font-size:1.15rem}h6{font-size:1rem}
.lead{font-size:1.1rem;font-weight:300}
.container-fluid{width:100%;padding:1rem 2rem}
.navbar{display:flex;align-items:center;padding:.5rem 1rem;background:#fff;z-index:10}
.sticky-top{position:sticky;top:0}.border-bottom{border-bottom:1px solid #dee2e6}
.d-flex{display:flex}.d-none{display:none}.flex-column{flex-direction:column}
.align-items-center{align-items:center}.justify-content-center{justify-content:center}
.float-left{float:left}.mr-auto{margin-right:auto}.h-100{height:100%}.text-center{text-align:center}
.m-0{margin:0}.m-1{margin:.25rem}.m-2{margin:.5rem}.mt-0{margin-top:0}.mt-1{margin-top:.25rem}
.mt-3{margin-top:1rem}.mb-0{margin-bottom:0}.mb-1{margin-bottom:.25rem}.mb-2{margin-bottom:.5rem}
.mb-3{margin-bottom:1rem}.mb-4{margin-bottom:1.5rem}.ml-1{margin-left:.25rem}
.ml-2{margin-left:.5rem}.mr-2{margin-right:.5rem}.p-0{padding:0}.p-1{padding:.25rem}
.p-2{padding:.5rem}.p-3{padding:1rem}.px-0{padding-left:0;padding-right:0}
.pt-4{padding-top:1.5rem}.pb-4{padding-bottom:1.5rem}
.card{border:1px solid #dee2e6;border-radius:.375rem;margin-bottom:1rem;background:#fff;
 overflow-wrap:break-word}
.card-header{padding:.5rem 1rem;background:#f8f9fa;border-bottom:1px solid #dee2e6}
.card-body{padding:1rem}
.table,table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #dee2e6;padding:.4rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f1f3f5}.table-sm td,.table-sm th{padding:.25rem .4rem}
.table-responsive{overflow-x:auto}
.badge{display:inline-block;padding:.1em .45em;border-radius:.25rem;background:#e9ecef;
 font-size:.85em;font-weight:600;white-space:normal}
.alert{padding:.5rem 1rem;border-radius:.375rem;margin:0 0 1rem}
.alert-secondary{background:#e2e3e5}.alert-info{background:#cff4fc}
.alert-warning{background:#fff3cd}
.btn{display:inline-block;padding:.3rem .7rem;border:1px solid #6c757d;border-radius:.3rem;
 background:#fff;cursor:pointer}.btn.active{background:#0b5ed7;color:#fff}
.btn-group-toggle input{position:absolute;opacity:0;pointer-events:none}
.nav{display:flex;flex-wrap:wrap;list-style:none;padding:0;margin:0 0 .5rem;gap:.5rem}
.nav-link{display:block;padding:.3rem .7rem;border-radius:.3rem;text-decoration:none}
.nav-link.active{background:#0b5ed7;color:#fff}
.breadcrumb{display:flex;flex-wrap:wrap;list-style:none;padding:0;gap:.4rem;min-width:0}
.navbar>*,.navbar nav,.breadcrumb-item{min-width:0;overflow-wrap:anywhere}
@media (max-width:767px){.navbar{flex-wrap:wrap;height:auto!important;position:static}
 .navbar>.mr-auto{flex-basis:100%}.navbar .d-flex{flex-wrap:wrap}}
.text-success{color:#198754}.text-danger{color:#dc3545}.text-warning{color:#997404}
.collapse:not(.show),.tab-pane:not(.active),.invisible,[hidden]{display:none}
footer,#ge-cta-footer,.ge-walkthrough-modal,[id$="-table-toolbar"]{display:none}
.fas,.fa,.far{font-style:normal;font-weight:700}
.fa-check-circle::before,.fa-circle-check::before{content:"\\2714"}
.fa-times::before,.fa-times-circle::before,.fa-circle-xmark::before{content:"\\2716"}
.fa-exclamation-triangle::before,.fa-triangle-exclamation::before{content:"\\26A0"}
.fa-question-circle::before{content:"?"}
.cooltip .top{display:none}
.ge-offline-link{color:inherit;text-decoration:none;display:block}
code,pre{background:#f8f9fa;padding:0 .2em;white-space:pre-wrap}
@media (prefers-color-scheme:dark){body,.navbar,.card{background:#1b1e21;color:#e9ecef}
 .card-header,thead th,code,pre,.alert-secondary{background:#2b3035;color:#e9ecef}
 a{color:#8bb9fe}.badge{background:#343a40;color:#e9ecef}.alert-warning{background:#4d3d05}
 th,td,.card,.card-header{border-color:#495057}}
""" + _grid()

OFFLINE_JS = """
(function () {
  function all(sel, f) { Array.prototype.forEach.call(document.querySelectorAll(sel), f); }
  function succeeded(show) {
    var d = show ? "" : "none";
    all(".hide-succeeded-validation-target-child", function (e) { e.parentElement.style.display = d; });
    all(".hide-succeeded-validation-target", function (e) { e.style.display = d; });
    all(".hide-succeeded-validations-column-section-target-child", function (e) {
      var s = e.parentElement.parentElement;
      s.style.display = d;
      if (s.id) { all('a[href$="' + s.id + '"]', function (a) { a.style.display = d; }); }
    });
  }
  window.showAllValidations = function () { succeeded(true); };
  window.hideSucceededValidations = function () { succeeded(false); };
  window.clearTableFilters = function () {};
  document.addEventListener("click", function (ev) {
    var label = ev.target.closest(".btn-group-toggle .btn");
    if (label) {
      all(".btn-group-toggle .btn", function (b) { b.classList.remove("active"); });
      label.classList.add("active");
    }
    var t = ev.target.closest('[data-toggle="collapse"],[data-toggle="tab"]');
    if (!t) { return; }
    var id = (t.getAttribute("data-target") || t.getAttribute("href") || "").replace(/^#/, "");
    var el = id && document.getElementById(id);
    if (!el) { return; }
    ev.preventDefault();
    if (t.getAttribute("data-toggle") === "collapse") { el.classList.toggle("show"); return; }
    Array.prototype.forEach.call(el.parentElement.children, function (p) { p.classList.remove("active", "show"); });
    el.classList.add("active", "show");
    var nav = t.closest(".nav");
    if (nav) { all(".nav .nav-link", function (a) { if (nav.contains(a)) { a.classList.remove("active"); } }); }
    t.classList.add("active");
  });
})();
"""


def _static_table(table_id: str, columns: list[dict], rows: list[dict]) -> str:
    """A bootstrap-table's columns and data as static rows; a row's link on every cell."""
    head = "".join(f"<th>{html.escape(str(c.get('title', c.get('field', ''))))}</th>"
                   for c in columns)
    body = []
    for row in rows:
        link = row.get("_table_row_link_path")
        cells = []
        for c in columns:
            value = str(row.get(c.get("field", ""), ""))  # GE's own HTML, as bootstrap-table
            if link and "<a " not in value:  # anchors do not nest
                value = (f'<a class="ge-offline-link" href="{html.escape(str(link))}">'
                         f"{value}</a>")
            cells.append(f"<td>{value}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"


def _fill_tables(text: str) -> str:
    """Index pages: draw each bootstrap-table's rows into its empty <table> element."""
    for m in _TABLE_SCRIPT.finditer(text):
        table_id = m.group(1)
        try:
            columns, rows = ast.literal_eval(m.group(2)), ast.literal_eval(m.group(3))
        except (ValueError, SyntaxError):
            continue
        empty = re.compile(r'(<table\b[^>]*\bid="' + re.escape(table_id) + r'"[^>]*>)\s*</table>',
                           re.DOTALL)
        # (in a box of its own that scrolls sideways: the page itself never does on a phone)
        text = empty.sub(lambda e, c=columns, r=rows, t=table_id: '<div class="table-responsive">'
                         + e.group(1) + _static_table(t, c, r) + "</table></div>", text, count=1)
    return text


def _status_words(text: str) -> str:
    """The index's status icons (a lone ✔ or ✖) with the word they stand for."""
    return _STATUS_ICON.sub(lambda m: m.group(0) + ' <span class="ge-status">' +
                            ("Passed" if m.group(1) == "success" else "Failed") + "</span>", text)


def _local_url(match: re.Match, prefix: str) -> str:
    """An external url() as the site's own logo (the only image it needs), else none."""
    return f"url('{prefix}{LOGO}')" if "logo" in match.group(0) else "none"


def offline_html(text: str, prefix: str = "") -> str:
    """One page without network. `prefix` leads from the page's folder to the site's root."""
    text = _status_words(_fill_tables(text))
    text = _EXTERNAL_TAG.sub("", text)
    text = _EXTERNAL_IMG.sub(lambda m: m.group(1) + prefix + "static/images/" + m.group(2) +
                             m.group(3), text)
    text = _EXTERNAL_URL.sub(lambda m: _local_url(m, prefix), text)
    text = _INLINE_SCRIPT.sub(lambda m: "" if _NEEDS_LIBRARY.search(m.group(1))
                              else m.group(0), text)
    extra = (f'<style id="tradeaudit-offline-css">{OFFLINE_CSS}</style>'
             f'<script id="tradeaudit-offline-js">{OFFLINE_JS}</script>')
    return text.replace("</head>", extra + "</head>", 1) if "</head>" in text else extra + text


def _ge_images() -> Path | None:
    """GE's own images, as shipped in the package (found without importing it)."""
    spec = importlib.util.find_spec("great_expectations")
    if spec is None or not spec.submodule_search_locations:
        return None
    images = Path(next(iter(spec.submodule_search_locations))) / "render" / "view" / "static" / \
        "images"
    return images if images.is_dir() else None


def make_offline(site: Path) -> list[Path]:
    """Rewrite a built Data Docs site in place for offline use; returns its HTML pages.

    Raises RuntimeError naming the file if any external asset reference is left.
    """
    site = Path(site)
    images = _ge_images()
    if images is not None:
        target = site / "static" / "images"
        target.mkdir(parents=True, exist_ok=True)
        for f in images.iterdir():
            if f.is_file() and not (target / f.name).exists():
                shutil.copy2(f, target / f.name)
    pages = sorted(site.rglob("*.html"))
    for path in pages + sorted(site.rglob("*.css")):
        prefix = "../" * (len(path.relative_to(site).parts) - 1)
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = offline_html(text, prefix)
        else:
            text = _EXTERNAL_URL.sub(lambda m, p=prefix: _local_url(m, p), text)
        left = ASSET_URL.search(text)
        if left:
            raise RuntimeError(f"{path}: an external asset is left: "
                               f"{text[left.start():left.start() + 80]!r}")
        path.write_text(text, encoding="utf-8")
    return pages


def external_assets(site: Path) -> list[str]:
    """Every external asset reference left in a site's pages and stylesheets (`file: text`)."""
    out = []
    for path in sorted(Path(site).rglob("*")):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            out += [f"{path}: {text[m.start():m.start() + 80]}" for m in ASSET_URL.finditer(text)]
    return out
