/**
 * A dashboard as one self-contained HTML page, drawn the way Grafana lays it out: the 24-column
 * grid from each panel's gridPos (rows of collapsed rows shown open, so every panel is in the
 * picture), each panel's title, unit and threshold colours; time series drawn by uPlot (the
 * library Grafana's time series panel is built on), stats as their last value coloured by the
 * thresholds, logs as lines, and "No data" where the queries return nothing. Pure: the uPlot
 * script and stylesheet are handed in.
 */
import { asArray, isObject, panelsOf, str, type Json } from "../model/walk.ts";
import type { DashboardData } from "./data.ts";

/** Grafana's grid: cell height and margins in CSS pixels, at the page width pictures use. */
export const grid = { width: 1440, columns: 24, cellHeight: 30, margin: 8 } as const;

/** Where a gridPos lands in the page's grid, in CSS pixels from the grid's top left corner. */
export function gridBox(pos: { x: number; y: number; w: number; h: number }): {
  left: number;
  top: number;
  width: number;
  height: number;
} {
  const col = (grid.width - (grid.columns - 1) * grid.margin) / grid.columns;
  return {
    left: pos.x * (col + grid.margin),
    top: pos.y * (grid.cellHeight + grid.margin),
    width: pos.w * col + (pos.w - 1) * grid.margin,
    height: pos.h * grid.cellHeight + (pos.h - 1) * grid.margin,
  };
}

export interface UplotAssets {
  script: string;
  css: string;
}

interface PanelView {
  pointer: string;
  id?: number;
  title: string;
  type: string;
  gridPos: { x: number; y: number; w: number; h: number };
  unit?: string;
  min?: number;
  max?: number;
  steps: { value: number | null; color: string }[];
  /** stat: background, value (text) or none. */
  colorMode?: string;
  bars: boolean;
  thresholdLines: boolean;
}

function view(panel: Json, pointer: string): PanelView {
  const g = isObject(panel.gridPos) ? panel.gridPos : {};
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  const defaults =
    isObject(panel.fieldConfig) && isObject(panel.fieldConfig.defaults)
      ? panel.fieldConfig.defaults
      : {};
  const custom = isObject(defaults.custom) ? defaults.custom : {};
  const thresholds = isObject(defaults.thresholds) ? defaults.thresholds : {};
  const options = isObject(panel.options) ? panel.options : {};
  const style = isObject(custom.thresholdsStyle) ? str(custom.thresholdsStyle.mode) : undefined;
  return {
    pointer,
    ...(typeof panel.id === "number" ? { id: panel.id } : {}),
    title: str(panel.title) ?? "",
    type: str(panel.type) ?? "",
    gridPos: { x: n(g.x), y: n(g.y), w: n(g.w), h: n(g.h) },
    unit: str(defaults.unit),
    ...(typeof defaults.min === "number" ? { min: defaults.min } : {}),
    ...(typeof defaults.max === "number" ? { max: defaults.max } : {}),
    steps: asArray(thresholds.steps)
      .filter(isObject)
      .map((s) => ({
        value: typeof s.value === "number" ? s.value : null,
        color: str(s.color) ?? "green",
      })),
    colorMode: str(options.colorMode),
    bars: str(custom.drawStyle) === "bars",
    thresholdLines: style !== undefined && style !== "off",
  };
}

/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const styles = `
body { margin: 0; background: #111217; color: #ccccdc; font: 13px/1.4 "DejaVu Sans", sans-serif; }
h1 { font-size: 18px; font-weight: 500; margin: 0; padding: 12px 16px; }
#grid { position: relative; margin: 0 16px 16px; }
.panel { position: absolute; box-sizing: border-box; background: #181b1f; border: 1px solid #2c3235; border-radius: 2px; display: flex; flex-direction: column; overflow: hidden; }
.panel.row { background: none; border: none; border-bottom: 1px solid #2c3235; font-size: 15px; font-weight: 500; justify-content: center; padding: 0 4px; }
.head { display: flex; gap: 6px; align-items: center; padding: 4px 8px; min-height: 22px; }
.title { font-weight: 500; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; flex: 1; }
.unit { color: #8e8e9e; font-size: 11px; }
.steps { display: flex; gap: 3px; }
.step { width: 9px; height: 9px; border-radius: 2px; display: inline-block; }
.body { position: relative; flex: 1; min-height: 0; }
.chart { position: absolute; inset: 0 4px 0 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 10px; padding: 2px 8px 4px; font-size: 11px; max-height: 34%; overflow: hidden; }
.legend i { display: inline-block; width: 12px; height: 3px; margin-right: 4px; vertical-align: middle; }
.no-data, .error { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: #8e8e9e; font-size: 14px; }
.error { color: #f2495c; font-size: 11px; padding: 8px; text-align: center; }
.stat { position: absolute; inset: 0; display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 8px; font-size: 30px; font-weight: 500; }
.stat span { padding: 0 6px; }
.logs { position: absolute; inset: 0; overflow: hidden; font: 11px/1.5 "DejaVu Sans Mono", monospace; padding: 0 8px; }
.logs div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.logs b { font-weight: normal; margin-right: 6px; }
`;

/** The page's own script: draws every panel from the embedded data, then sets __previewReady. */
const pageScript = `
const colors = { green: "#73bf69", "dark-green": "#37872d", orange: "#ff9830", red: "#f2495c", "dark-red": "#c4162a", yellow: "#fade2a", blue: "#5794f2", purple: "#b877d9", text: "#ccccdc", transparent: "transparent" };
const palette = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9", "#705da0", "#37872d", "#fade2a"];
const levelColors = { error: "#f2495c", warn: "#ff9830", info: "#73bf69", debug: "#5794f2" };
const color = (c) => colors[c] ?? c;
function fmt(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const si = (x, suffix) => {
    const a = Math.abs(x);
    const [d, s] = a >= 1e9 ? [1e9, "G"] : a >= 1e6 ? [1e6, "M"] : a >= 1e3 ? [1e3, "k"] : [1, ""];
    return +(x / d).toPrecision(3) + (s || suffix ? " " : "") + s + suffix;
  };
  switch (unit) {
    case "percentunit": return +(v * 100).toPrecision(3) + "%";
    case "percent": return +v.toPrecision(3) + "%";
    case "s": return Math.abs(v) < 1 && v !== 0 ? +(v * 1000).toPrecision(3) + " ms" : +v.toPrecision(3) + " s";
    case "ms": return +v.toPrecision(3) + " ms";
    case "reqps": return si(v, "req/s");
    case "bytes": { const u = ["B", "KiB", "MiB", "GiB", "TiB"]; let i = 0; while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; } return +v.toPrecision(3) + " " + u[i]; }
    case "decmbytes": return si(v * 1e6, "B");
    case "celsius": return +v.toPrecision(3) + " °C";
    case "watt": return si(v, "W");
    case "short": case "none": case undefined: case null: return si(v, "");
    default: return si(v, " " + unit).replace("  ", " ");
  }
}
function stepColor(steps, v) {
  let c = steps.length > 0 ? steps[0].color : "text";
  for (const s of steps) if (s.value !== null && v >= s.value) c = s.color;
  return color(c);
}
const lastValue = (values) => { for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]; return null; };
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function timeseries(body, legend, p, d) {
  const chart = el("div", "chart");
  body.appendChild(chart);
  const stroke = (i) => palette[i % palette.length];
  const series = [{}].concat(d.series.map((s, i) => ({
    label: s.name, stroke: stroke(i), width: 1, fill: stroke(i) + (p.bars ? "cc" : "1a"),
    paths: p.bars ? uPlot.paths.bars({ size: [0.8, 20] }) : undefined, points: { show: false },
  })));
  const thresholdHook = (u) => {
    if (!p.thresholdLines) return;
    const ctx = u.ctx;
    for (const s of p.steps) {
      if (s.value === null) continue;
      const y = u.valToPos(s.value, "y", true);
      if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
      ctx.save(); ctx.strokeStyle = color(s.color); ctx.setLineDash([6, 4]); ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke(); ctx.restore();
    }
  };
  const axis = { stroke: "#8e8e9e", grid: { stroke: "#2c3235", width: 1 }, ticks: { stroke: "#2c3235", width: 1 }, font: "11px DejaVu Sans" };
  const range = (u, lo, hi) => {
    const a = p.min ?? Math.min(lo ?? 0, 0);
    let b = p.max ?? (hi ?? 1);
    if (p.thresholdLines) for (const s of p.steps) if (s.value !== null && p.max === undefined) b = Math.max(b, s.value * 1.1);
    return [a, b > a ? b : a + 1];
  };
  new uPlot({
    width: Math.max(chart.clientWidth, 50), height: Math.max(chart.clientHeight, 40),
    legend: { show: false }, cursor: { show: false },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    scales: { x: { time: true }, y: { range } },
    // Times as HH:MM in UTC, as the pictures' data is laid on a UTC axis.
    axes: [ { ...axis, values: (u, vals) => vals.map((t) => new Date(t * 1000).toISOString().slice(11, 16)) }, { ...axis, size: 60, values: (u, vals) => vals.map((v) => fmt(v, p.unit)) } ],
    series, hooks: { draw: [thresholdHook] },
  }, [d.times].concat(d.series.map((s) => s.values)), chart);
  d.series.forEach((s, i) => { const item = el("span"); const sw = el("i"); sw.style.background = stroke(i); item.appendChild(sw); item.appendChild(document.createTextNode(s.name)); legend.appendChild(item); });
}
function stat(body, p, d) {
  const box = el("div", "stat");
  for (const s of d.series) {
    const v = lastValue(s.values);
    const span = el("span", "", fmt(v, p.unit));
    if (p.colorMode === "background") { box.style.background = stepColor(p.steps, v); box.style.color = "#fff"; }
    else if (p.colorMode === "value") span.style.color = stepColor(p.steps, v);
    box.appendChild(span);
  }
  body.appendChild(box);
}
function logs(body, d) {
  const box = el("div", "logs");
  for (const l of d.logs) {
    const row = el("div");
    const ts = new Date(l.time * 1000).toISOString().replace("T", " ").slice(0, 19);
    const lvl = el("b", "", ts); lvl.style.color = levelColors[l.level] ?? "#ccccdc";
    row.appendChild(lvl); row.appendChild(document.createTextNode(l.line));
    box.appendChild(row);
  }
  body.appendChild(box);
}
const hasData = (d) => (d.logs && d.logs.length > 0) || d.series.some((s) => s.values.some((v) => v !== null));
const page = JSON.parse(document.getElementById("preview-data").textContent);
try {
for (const p of page.panels) {
  const box = document.querySelector('[data-pointer="' + p.pointer + '"]');
  if (p.type === "row") continue;
  const body = box.querySelector(".body");
  const legend = box.querySelector(".legend");
  const d = page.data[p.pointer] ?? { times: [], series: [], errors: [] };
  if (d.errors.length > 0 && !hasData(d)) { body.appendChild(el("div", "error", d.errors.join("\\n"))); continue; }
  if (!hasData(d)) { body.appendChild(el("div", "no-data", "No data")); continue; }
  if (p.type === "logs") logs(body, d);
  else if (p.type === "stat") stat(body, p, d);
  else timeseries(body, legend, p, d);
}
} finally {
  // Set even when drawing threw: the error is reported, the caller does not wait forever.
  window.__previewReady = true;
}
`;

function panelBox(p: PanelView): string {
  const b = gridBox(p.gridPos);
  const style = `left:${b.left}px;top:${b.top}px;width:${b.width}px;height:${b.height}px`;
  const attrs = `data-pointer="${p.pointer}" data-panel-id="${p.id ?? ""}" data-type="${escapeHtml(p.type)}" data-grid="${p.gridPos.x},${p.gridPos.y},${p.gridPos.w},${p.gridPos.h}"`;
  if (p.type === "row") {
    return `<div class="panel row" ${attrs} style="${style}">${escapeHtml(p.title)}</div>`;
  }
  const colours = p.steps
    .map(
      (s) =>
        `<span class="step" title="${escapeHtml(s.color)}${s.value === null ? "" : ` from ${s.value}`}" data-color="${escapeHtml(s.color)}"></span>`,
    )
    .join("");
  const unit = p.unit ? `<span class="unit">${escapeHtml(p.unit)}</span>` : "";
  const steps = p.type === "logs" ? "" : `<span class="steps">${colours}</span>`;
  return `<div class="panel" ${attrs} style="${style}"><div class="head"><span class="title">${escapeHtml(p.title)}</span>${unit}${steps}</div><div class="body"></div><div class="legend"></div></div>`;
}

export function dashboardHtml(dashboard: unknown, data: DashboardData, uplot: UplotAssets): string {
  const title = isObject(dashboard) ? (str(dashboard.title) ?? "") : "";
  const panels = panelsOf(dashboard).map((r) => view(r.panel, r.pointer));
  const bottom = Math.max(
    0,
    ...panels.map((p) => gridBox(p.gridPos).top + gridBox(p.gridPos).height),
  );
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
    `<style>${uplot.css}</style><style>${styles}</style></head>`,
    `<body style="width:${grid.width + 32}px"><h1>${escapeHtml(title)}</h1>`,
    `<div id="grid" style="width:${grid.width}px;height:${bottom}px">`,
    ...panels.map(panelBox),
    "</div>",
    `<script id="preview-data" type="application/json">${scriptJson({ panels, data })}</script>`,
    `<script>${uplot.script}</script>`,
    `<script>${pageScript}</script>`,
    "</body></html>",
    "",
  ].join("\n");
}

/** Two pictures side by side, labelled, for a changed dashboard. */
export function sideBySideHtml(title: string, before: string, after: string): string {
  const img = (label: string, png: string) =>
    `<figure><figcaption>${label}</figcaption><img src="data:image/png;base64,${png}"></figure>`;
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${styles}`,
    "figure { margin: 0 8px; } figcaption { font-size: 16px; padding: 8px 0; } .pair { display: flex; align-items: flex-start; } img { width: 100%; }",
    `</style></head><body style="width:${2 * (grid.width + 48)}px"><h1>${escapeHtml(title)}</h1>`,
    `<div class="pair">${img("before", before)}${img("after", after)}</div>`,
    "<script>Promise.all([...document.images].map((i) => i.decode())).then(() => { window.__previewReady = true; });</script>",
    "</body></html>",
    "",
  ].join("\n");
}
