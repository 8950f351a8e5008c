// The report's stylesheet: light by default, dark when the reader's system asks for it
// (prefers-color-scheme), print-friendly. Chart colours are variables so the inline SVG follows.
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --grid: #e6e9ed; --band0: rgba(9, 105, 218, 0.07); --band1: rgba(130, 80, 223, 0.08);
  --c1: #0969da; --c2: #bf3989; --c3: #1a7f37; --c4: #bc4c00; --c5: #8250df;
  --bad: #cf222e; --good: #1a7f37; --warn: #9a6700; --marker: #cf222e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --head: #151b23;
    --grid: #262c36; --band0: rgba(56, 139, 253, 0.12); --band1: rgba(163, 113, 247, 0.13);
    --c1: #4493f8; --c2: #db61a2; --c3: #3fb950; --c4: #f0883e; --c5: #a371f7;
    --bad: #f85149; --good: #3fb950; --warn: #d29922; --marker: #f85149;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; } .muted { color: var(--muted); }
table { border-collapse: collapse; margin: 8px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding-bottom: 2px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
.flag { display: inline-block; border: 1px solid var(--warn); color: var(--warn); border-radius: 10px; padding: 0 8px; margin-right: 4px; font-size: 12px; }
.verdict-regression { color: var(--bad); font-weight: 600; } .verdict-improvement { color: var(--good); font-weight: 600; }
.verdict-insufficient { color: var(--warn); } .error { color: var(--bad); }
svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0 16px; }
svg.chart text { fill: var(--fg); font: 11px system-ui, sans-serif; }
svg.chart .chart-title { font-weight: 600; font-size: 12px; }
svg.chart .tick, svg.chart .band-label, svg.chart .axis-label { fill: var(--muted); }
svg.chart .grid { stroke: var(--grid); } svg.chart .frame { fill: none; stroke: var(--line); }
svg.chart .series { fill: none; stroke-width: 1.8; }
svg.chart .change-marker line { stroke: var(--marker); stroke-dasharray: 4 3; stroke-width: 1.5; }
svg.chart .change-marker path { fill: var(--marker); }
dl.flags dt { font-weight: 600; } dl.flags dd { margin: 0 0 8px 16px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;
