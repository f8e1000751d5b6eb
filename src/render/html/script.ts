/**
 * The report's only script: click a column heading of a `table[data-sortable]` to sort its rows
 * (again to reverse). Numeric columns sort by each cell's `data-v`, empty values last either way;
 * text columns by the page language's collation. Without the script the table is simply unsorted.
 */
export const SORT_SCRIPT = `(() => {
  const lang = document.documentElement.lang || undefined;
  for (const table of document.querySelectorAll('table[data-sortable]')) {
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((th, i) => {
      const button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', () => {
        const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        for (const h of heads) h.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', dir);
        const numeric = th.dataset.type === 'num';
        const sign = dir === 'ascending' ? 1 : -1;
        const body = table.tBodies[0];
        const keyed = [...body.rows].map((row) => {
          const cell = row.cells[i];
          const raw = numeric ? cell.dataset.v : cell.textContent;
          return { row, empty: raw === undefined || raw === '', value: numeric ? Number(raw) : raw };
        });
        keyed.sort((a, b) => {
          if (a.empty || b.empty) return Number(a.empty) - Number(b.empty);
          return sign * (numeric ? a.value - b.value : a.value.localeCompare(b.value, lang));
        });
        body.append(...keyed.map((k) => k.row));
      });
    });
  }
})();`;
