(() => {
  "use strict";
  const table = document.getElementById("figure-table");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const controls = document.getElementById("figure-controls");
  const buttons = Array.from(controls.querySelectorAll("button[data-filter]"));
  const search = document.getElementById("figure-search");
  const count = document.getElementById("figure-count");
  const empty = document.getElementById("figure-empty");
  let status = "all";

  // Filter by status and by the words a row shows (not those of its tooltips).
  const shownText = (row) => {
    const copy = row.cloneNode(true);
    for (const tip of copy.querySelectorAll(".tip")) tip.remove();
    return copy.textContent.toLowerCase();
  };
  const texts = new Map(rows.map((row) => [row, shownText(row)]));
  const apply = () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = texts.get(row);
      const keep = (status === "all" || row.dataset.status === status) &&
        words.every((w) => text.includes(w));
      row.hidden = !keep;
      shown += keep;
    }
    count.textContent = shown === rows.length ? `${rows.length} figures` :
      `${shown} of ${rows.length} figures`;
    empty.hidden = shown > 0;
  };
  const choose = (value) => {
    status = value;
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.filter === value));
    apply();
  };
  for (const b of buttons) b.addEventListener("click", () => choose(b.dataset.filter));
  search.addEventListener("input", apply);
  controls.hidden = false;
  apply();

  // Sort by a column; a third click restores the table's order. The figures table and,
  // with --previous, the "What changed" table.
  const sortable = (tbl) => {
    const tbody = tbl.tBodies[0];
    const all = Array.from(tbody.rows);
    const heads = Array.from(tbl.tHead.rows[0].cells);
    const key = (row, col) => {
      const cell = row.cells[col];
      return cell.dataset.key !== undefined ? cell.dataset.key : cell.textContent.trim();
    };
    const compare = (a, b, numeric) => {
      if (numeric) {
        const x = a === "" ? Infinity : Number(a);
        const y = b === "" ? Infinity : Number(b);
        if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
      }
      return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
    };
    heads.forEach((th, col) => {
      const button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", () => {
        const next = { none: "ascending", ascending: "descending", descending: "none" }[
          th.getAttribute("aria-sort") || "none"];
        for (const h of heads) h.removeAttribute("aria-sort");
        const numeric = th.dataset.sort === "num";
        const sorted = all.slice().sort((a, b) => next === "none" ?
          a.dataset.order - b.dataset.order :
          (next === "ascending" ? 1 : -1) * compare(key(a, col), key(b, col), numeric) ||
          a.dataset.order - b.dataset.order);
        if (next !== "none") th.setAttribute("aria-sort", next);
        tbody.append(...sorted);
      });
    });
  };
  sortable(table);
  const changed = document.getElementById("revision-table");
  if (changed) sortable(changed);

  // A link to a figure row shows it even when filtered out, and moves focus there.
  const reveal = () => {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return;  // a malformed link names no row
    }
    const row = id && document.getElementById(id);
    if (!row || row.parentElement !== body) return;
    if (row.hidden) {
      search.value = "";
      choose("all");
    }
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "center" });
  };
  window.addEventListener("hashchange", reveal);
  reveal();

  // Keep a tooltip inside the window.
  const place = (event) => {
    const wrap = event.target.closest && event.target.closest(".tipwrap");
    const tip = wrap && wrap.querySelector(":scope > .tip");
    if (!tip) return;
    tip.style.translate = "";
    const box = tip.getBoundingClientRect();
    const over = box.right - (document.documentElement.clientWidth - 8);
    if (over > 0) tip.style.translate = `${-Math.min(over, Math.max(box.left - 8, 0))}px 0`;
  };
  document.addEventListener("mouseover", place);
  document.addEventListener("focusin", place);
})();
