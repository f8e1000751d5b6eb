/**
 * The report's style sheet, inline. Colours are fixed here so that the SVG and the HTML legends
 * agree; the print rules fit A4 portrait and keep figures whole on a page.
 */
export const STYLE = `
:root { --ink: #1f2328; --muted: #5f6b76; --rule: #d0d7de; --bg: #fff; --panel: #f6f8fa;
  --viable: #2e7d32; --rescued: #1f6fb2; --unviable: #c62828; --short: #e06666; --covered: #6aa84f; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1120px; padding: 24px 28px 40px; color: var(--ink); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
p { margin: 4px 0; }
.note, figcaption .note { color: var(--muted); font-size: 13px; }
.lead { color: var(--muted); margin-bottom: 12px; }
figure { margin: 8px 0 0; }
svg { display: block; width: 100%; height: auto; }
.num, td[data-v], th.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 10px; margin: 10px 0 14px; }
.card { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; }
.card .k { color: var(--muted); font-size: 13px; }
.card .v { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .s { color: var(--muted); font-size: 13px; }
.card .good { color: var(--viable); }
table.data { border-collapse: collapse; width: 100%; font-size: 12.5px; }
table.data th, table.data td { padding: 3px 6px; border-bottom: 1px solid var(--rule); vertical-align: top; }
table.data th { text-align: left; background: var(--panel); position: sticky; top: 0; }
table.data th.num { text-align: right; }
table.data td.bad { color: var(--unviable); }
table.data tr.changed td { font-weight: 600; }
table.data td[data-v], table.data td.nowrap { white-space: nowrap; }
table.params.short { width: auto; min-width: 50%; }
table.params.full { table-layout: fixed; }
table.params.full th:nth-child(1) { width: 27%; }
table.params.full th:nth-child(2) { width: 8%; }
table.params.full th:nth-child(3) { width: 11%; }
table.params.full th:nth-child(4) { width: 10%; }
table.params.full th:nth-child(5) { width: 9%; }
table.params td.ref { color: var(--muted); font-size: 12px; }
table.params td.key { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
th button { all: unset; cursor: pointer; }
th button:focus-visible { outline: 2px solid var(--rescued); }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
.legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend-costs .num { color: var(--muted); }
.sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; flex: none; }
.sw.v-viable, .sw.v-rescued, .sw.v-unviable { border-radius: 50%; }
td .sw { width: 9px; height: 9px; margin-right: 5px; }
.sw-tick { height: 3px; background: var(--ink); }
.sw-dot { border-radius: 50%; width: 8px; height: 8px; background: var(--rescued); }
.sw-line { width: 24px; height: 10px; }
.v-viable { fill: var(--viable); background: var(--viable); }
.v-rescued { fill: var(--rescued); background: var(--rescued); }
.v-unviable { fill: var(--unviable); background: var(--unviable); }
svg.map circle { fill-opacity: 0.85; stroke: #fff; stroke-width: 0.8; }
svg.map .frame { fill: #fbfcfd; stroke: var(--rule); }
.link-attached { stroke: #6d4c41; stroke-width: 1.6; }
.link-cluster { stroke: #7e57c2; stroke-width: 1.2; stroke-dasharray: 4 2; }
.hub { fill: #7e57c2; }
svg.map text.name { font-size: 11px; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.map text.unit-name { font-size: 12px; font-weight: 600; fill: #4527a0; }
.scalebar path { fill: none; stroke: var(--ink); stroke-width: 1.5; }
.scalebar text, .north text, .tick, .xlabel, .axis-title { font-size: 11px; fill: var(--muted); }
.north path { fill: var(--ink); }
.grid { stroke: #eaeef2; }
.axis { stroke: var(--muted); }
.gap-short { fill: var(--short); background: var(--short); }
.gap-covered { fill: var(--covered); background: var(--covered); }
.fee-tick { stroke: var(--ink); stroke-width: 1.5; }
.share-dot { fill: var(--rescued); stroke: #fff; stroke-width: 0.5; }
.clip { fill: var(--unviable); }
.c-staff { fill: #4e79a7; background: #4e79a7; }
.c-common_parts { fill: #f28e2b; background: #f28e2b; }
.c-cleaning { fill: #76b7b2; background: #76b7b2; }
.c-greening { fill: #59a14f; background: #59a14f; }
.c-security { fill: #e15759; background: #e15759; }
.c-office { fill: #edc948; background: #edc948; }
.c-depreciation { fill: #9c755f; background: #9c755f; }
.c-insurance { fill: #b07aa1; background: #b07aa1; }
.c-other { fill: #ff9da7; background: #ff9da7; }
.c-overhead { fill: #bab0ac; background: #bab0ac; }
.whatif-line { fill: none; stroke: var(--unviable); stroke-width: 2; }
.whatif-dot { fill: var(--unviable); }
.whatif-bar { fill: #8fb3d9; background: #8fb3d9; }
.flip { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 4 3; }
.sw-line-whatif { height: 3px; background: var(--unviable); }
.sw-flip { width: 0; border-left: 2px dashed var(--ink); border-radius: 0; }
.empty { color: var(--muted); font-style: italic; }
footer.stamp { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
footer.stamp p { overflow-wrap: anywhere; }
@page { size: A4 portrait; margin: 12mm 11mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 16pt; }
  h2 { font-size: 13pt; margin-top: 14pt; break-after: avoid; }
  figure, .cards, .card, tr { break-inside: avoid; }
  #map, #fees, #costs, section[data-whatif] { break-inside: avoid; }
  table.data { font-size: 7.5pt; }
  table.data th, table.data td { padding: 2px 3px; }
  table.params td.key, table.params td.ref { font-size: 7pt; }
  table.data th { position: static; }
  thead { display: table-header-group; }
  .screen-only { display: none; }
  th[aria-sort] button::after { content: ""; }
}
`;
