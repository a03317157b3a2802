/**
 * The report's only stylesheet, inlined. System fonts only (no web fonts: the file must open
 * offline and print the same everywhere). Black and white first: charts use greys, outlines and
 * dash patterns, never colour alone.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 16mm 15mm 18mm 15mm; @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); font: 8pt Arial, sans-serif; color: #444; } }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: #111; font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; }
main { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 2mm; }
h2 { font-size: 13.5pt; margin: 8mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #111; break-after: avoid-page; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid-page; }
p { margin: 0 0 2.5mm; }
/* A section's introduction stays on the page of what it introduces. */
h2 + p, h3 + p { break-after: avoid-page; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 8.5pt; color: #444; margin-bottom: 1mm; }
.period-name { font-size: 13pt; font-weight: 600; margin-bottom: 3mm; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.6mm 5mm; margin: 0 0 4mm; font-size: 9.5pt; }
dl.meta dt { font-weight: 600; color: #333; }
dl.meta dd { margin: 0; }
.notice { border: 0.75pt solid #111; padding: 2mm 3mm; font-size: 9pt; margin: 3mm 0; }
ul.findings { margin: 0; padding-left: 5mm; }
ul.findings li { margin-bottom: 2mm; break-inside: avoid; }
.verdict { font-weight: 700; }
.interim { border: 1.5pt solid #111; background: #eee; padding: 2mm 3mm; font-weight: 600; margin: 2mm 0 3mm; }
ul.caveats li { margin-bottom: 1.5mm; }
.table-scroll, .chart-scroll { overflow-x: auto; }
.table-scroll:focus-visible, .chart-scroll:focus-visible { outline: 2px solid #111; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt; }
caption { caption-side: top; text-align: left; font-weight: 600; font-size: 9.5pt; padding-bottom: 1mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 0.5pt solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
thead th { border-bottom: 1pt solid #111; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { border-top: 1pt solid #111; font-weight: 600; }
tr.note td, tr.note td.num { white-space: normal; text-align: left; font-size: 8pt; }
table.stats, table.offices { font-size: 8.5pt; }
table.stats th[scope="row"], table.offices th[scope="row"] { white-space: nowrap; }
figure { margin: 2mm 0 4mm; break-inside: avoid; }
figcaption { font-size: 8.5pt; color: #333; margin-top: 1mm; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 3mm 6mm; }
.grid2 figure { margin: 0; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
svg.chart text { fill: #111; font-size: 11px; }
svg.chart .tick { font-size: 10px; fill: #444; }
svg.chart .strong { font-weight: 700; }
svg.chart .empty { font-size: 12px; font-style: italic; fill: #444; }
svg.chart .empty-plate { fill: #fff; stroke: #999; stroke-width: 0.75; }
svg.chart .axis { stroke: #111; stroke-width: 1; }
svg.chart .grid { stroke: #ccc; stroke-width: 0.75; }
svg.chart .reference { stroke: #555; stroke-width: 1; stroke-dasharray: 2 3; }
svg.chart .bar-outline { fill: #fff; stroke: #111; stroke-width: 1.2; }
svg.chart .bar-dark { fill: #222; }
svg.chart .bar-mid { fill: #777; }
svg.chart .bar-light { fill: #bbb; stroke: #555; stroke-width: 0.75; }
svg.chart .client { stroke: #8a8a8a; stroke-width: 1.2; fill: none; }
svg.chart .client.down { stroke-dasharray: 4 3; }
svg.chart .mean-line { stroke: #000; stroke-width: 3.5; }
svg.chart .mean-dot { fill: #000; }
svg.chart .node { fill: #111; }
svg.chart .flow { stroke: #fff; stroke-width: 0.75; }
svg.chart .flow.up { fill: #555; }
svg.chart .flow.same { fill: #bbb; }
svg.chart .flow.down { fill: #e8e8e8; stroke: #333; stroke-dasharray: 3 2; }
svg.chart .flow-label { font-weight: 700; }
svg.chart .flow-label.on-dark { fill: #fff; }
.legend { font-size: 8.5pt; color: #333; }
/* No forced page breaks: a page left mostly blank reads like a missing page. Rows, figures and
   headings stay with what follows them; long tables continue on the next page. */
section.method p, section.method li { font-size: 9.5pt; }
section.method ul { padding-left: 5mm; margin: 0 0 2.5mm; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 0.5pt solid #999; font-size: 8.5pt; color: #333; }
/* A phone (360 px and up): one column; a wide table or chart scrolls inside its own box, never
   the page; charts keep their drawn size, so their smallest text stays at 11 px. */
@media screen and (max-width: 600px) { body { font-size: 15px; } main { padding: 12px; overflow-wrap: anywhere; } h1 { font-size: 22px; } h2 { font-size: 18px; } .grid2 { grid-template-columns: minmax(0, 1fr); } table { font-size: 13px; } td.num, th.num { overflow-wrap: normal; } dl.meta { grid-template-columns: 1fr; } .chart-scroll { overflow-x: auto; } svg.chart { width: auto; max-width: none; height: auto; } svg.chart .tick { font-size: 11px; } }
@media print { main { max-width: none; padding: 0; } h2 { margin-top: 6mm; } }
`;
