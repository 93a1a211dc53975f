/**
 * The review as Markdown for a pull-request comment: a one-line summary, then dashboards,
 * rules, thresholds, the catalogue and deploy outputs, each section only when something in it
 * changed. Queries show as a diff block plus their words with the changed ones struck out and
 * inserted (<del>/<ins>, which GitHub renders).
 */
import type { FieldChange, ThresholdChange } from "./changes.ts";
import type { DashboardChange, PanelChange } from "./dashboards.ts";
import type { MetricChange, Review } from "./review.ts";
import type { RuleChange } from "./rules.ts";
import { wordDiff } from "./words.ts";

/** A picture the review wrote, for the list at the end. */
export interface Picture {
  uid: string;
  /** Paths of the PNGs, as the user should open them. */
  files: string[];
}

/** An inline code span that survives backticks in the text. */
function code(text: string): string {
  const one = text.replace(/\n/g, " ");
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** Text inside HTML: entities for what HTML, Markdown or GitHub's $math$ would interpret. */
const html = (text: string): string =>
  text.replace(/[&<>"*_`~[\]\\|#$]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, " ");

const prose = (text: string): string =>
  text.replace(/[&<>$]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, "<br>");

function words(before: string, after: string): string {
  const parts = wordDiff(before, after).map((p) =>
    p.change === "removed"
      ? `<del>${html(p.text)}</del>`
      : p.change === "added"
        ? `<ins>${html(p.text)}</ins>`
        : html(p.text),
  );
  return `<code>${parts.join("")}</code>`;
}

function thresholdNote(keys: string[] | undefined, all: ThresholdChange[]): string {
  if (!keys || keys.length === 0) return "";
  const named = keys.map((k) => {
    const t = all.find((x) => x.key === k);
    return t ? `${code(k)} ${String(t.before)} → ${String(t.after)}` : code(k);
  });
  return ` (threshold ${named.join(", ")})`;
}

function fieldLines(f: FieldChange, all: ThresholdChange[], indent: string): string[] {
  const note = thresholdNote(f.thresholds, all);
  const { before, after } = f;
  if (f.kind === "code") {
    const block = [
      ...(before !== undefined ? before.split("\n").map((l) => `- ${l}`) : []),
      ...(after !== undefined ? after.split("\n").map((l) => `+ ${l}`) : []),
    ];
    const lines = [
      `${indent}- **${f.field}**${note}`,
      `${indent}  \`\`\`diff`,
      ...block.map((l) => `${indent}  ${l}`),
      `${indent}  \`\`\``,
    ];
    if (before !== undefined && after !== undefined)
      lines.push(`${indent}  words: ${words(before, after)}`);
    return lines;
  }
  if (f.kind === "text") {
    return [
      `${indent}- **${f.field}**${note}`,
      ...(before !== undefined ? [`${indent}  - before: ${prose(before)}`] : []),
      ...(after !== undefined ? [`${indent}  - after: ${prose(after)}`] : []),
    ];
  }
  const value =
    before === undefined
      ? `${code(after!)} (added)`
      : after === undefined
        ? `${code(before)} (removed)`
        : `${code(before)} → ${code(after)}`;
  return [`${indent}- **${f.field}**: ${value}${note}`];
}

const layoutFields = new Set(["type", "position", "size"]);

function panelLines(p: PanelChange, all: ThresholdChange[]): string[] {
  const id = p.id !== undefined ? `, id ${p.id}` : "";
  const kind = p.type === "row" ? "Row" : "Panel";
  if (p.status === "changed") {
    return [
      `- ${kind} **${p.title}** (${p.type}${id}) changed`,
      ...p.fields.flatMap((f) => fieldLines(f, all, "  ")),
    ];
  }
  const value = (name: string) =>
    p.fields.find((f) => f.field === name)?.[p.status === "added" ? "after" : "before"];
  const where = [value("size"), value("position") && `at ${value("position")}`]
    .filter((v) => v)
    .join(" ");
  const head = `- ${kind} **${p.title}** (${p.type}${id}${where ? `, ${where}` : ""}) ${p.status}`;
  if (p.status === "removed") return [head];
  return [
    head,
    ...p.fields.filter((f) => !layoutFields.has(f.field)).flatMap((f) => fieldLines(f, all, "  ")),
  ];
}

function dashboardLines(d: DashboardChange, all: ThresholdChange[]): string[] {
  const head = `#### ${d.title} (${code(d.uid)}, ${d.file}) ${d.status}`;
  if (d.status !== "changed") {
    const titles = d.panels.filter((p) => p.type !== "row").map((p) => p.title);
    return [head, "", `${titles.length} panel(s): ${titles.map((t) => `**${t}**`).join(", ")}`];
  }
  return [
    head,
    "",
    ...d.fields.flatMap((f) => fieldLines(f, all, "")),
    ...d.panels.flatMap((p) => panelLines(p, all)),
  ];
}

function ruleLines(r: RuleChange, all: ThresholdChange[]): string[] {
  const kind = r.kind === "alert" ? "Alert" : "Recording rule";
  const head = `#### ${kind} ${code(r.name)} (group ${r.group}, ${r.file}) ${r.status}`;
  const thresholds =
    r.thresholds.length > 0
      ? [
          "",
          `Thresholds:${thresholdNote(r.thresholds, all).replace(/^ \(threshold (.*)\)$/, " $1")}`,
        ]
      : [];
  const fields = r.fields.map((f) => ({ ...f, thresholds: undefined }));
  return [head, ...thresholds, "", ...fields.flatMap((f) => fieldLines(f, all, ""))];
}

function metricLine(m: MetricChange): string {
  const describe = (x: MetricChange["before"]) => `${x!.type}, ${x!.unit}`;
  if (m.status === "added") return `- added ${code(m.name)} (${describe(m.after)}; ${m.file})`;
  if (m.status === "removed") return `- removed ${code(m.name)} (${describe(m.before)}; ${m.file})`;
  const b = m.before!;
  const a = m.after!;
  const parts: string[] = [];
  if (b.type !== a.type) parts.push(`type ${b.type} → ${a.type}`);
  if (b.unit !== a.unit) parts.push(`unit ${b.unit} → ${a.unit}`);
  const gone = b.labels.filter((l) => !a.labels.includes(l));
  const added = a.labels.filter((l) => !b.labels.includes(l));
  if (gone.length + added.length > 0) {
    parts.push(`labels ${[...added.map((l) => `+${l}`), ...gone.map((l) => `−${l}`)].join(" ")}`);
  }
  if (b.file !== a.file) parts.push(`moved ${b.file} → ${a.file}`);
  return `- ${m.status} ${code(m.name)}: ${parts.join("; ") || "help text"}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function counted<T extends { status: string }>(list: T[], noun: string, nouns?: string): string[] {
  const statuses = ["added", "removed", "renamed", "retyped", "changed"];
  return statuses.flatMap((s) => {
    const n = list.filter((x) => x.status === s).length;
    return n > 0 ? [`${plural(n, noun, nouns)} ${s}`] : [];
  });
}

/** The one line at the top. */
export function summaryLine(r: Review): string {
  const alerts = r.rules.filter((x) => x.kind === "alert");
  const records = r.rules.filter((x) => x.kind === "record");
  const panels = r.dashboards.flatMap((d) => (d.status === "changed" ? d.panels : []));
  const renamed = r.dashboards.filter(
    (d) => d.status === "changed" && d.fields.some((f) => f.field === "title" || f.field === "uid"),
  );
  const parts = [
    ...counted(r.dashboards, "dashboard"),
    ...(renamed.length > 0 ? [`${plural(renamed.length, "dashboard")} renamed`] : []),
    ...(panels.length > 0 ? [`${plural(panels.length, "panel")} touched`] : []),
    ...counted(alerts, "alert"),
    ...counted(records, "recording rule"),
    ...(r.thresholds.length > 0 ? [`${plural(r.thresholds.length, "threshold")} changed`] : []),
    ...counted(r.metrics, "metric"),
    ...(r.outputs.length > 0 ? [`${plural(r.outputs.length, "deploy output")} changed`] : []),
  ];
  return parts.length === 0
    ? "**Review:** no change to dashboards, rules, thresholds, the catalogue or deploy outputs."
    : `**Review:** ${parts.join(", ")}.`;
}

export function formatMarkdown(r: Review, pictures: readonly Picture[] = []): string {
  const out = [summaryLine(r)];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push("", `### ${title}`, "", ...lines);
  };
  section(
    "Dashboards",
    r.dashboards.flatMap((d, i) => [...(i > 0 ? [""] : []), ...dashboardLines(d, r.thresholds)]),
  );
  section(
    "Rules",
    r.rules.flatMap((x, i) => [...(i > 0 ? [""] : []), ...ruleLines(x, r.thresholds)]),
  );
  section(
    "Thresholds (config/platform.ts)",
    r.thresholds.length === 0
      ? []
      : [
          "| key | before | after |",
          "| --- | --- | --- |",
          ...r.thresholds.map(
            (t) =>
              `| ${code(t.key)} | ${t.before === undefined ? "—" : String(t.before)} | ${t.after === undefined ? "—" : String(t.after)} |`,
          ),
        ],
  );
  section("Catalogue", r.metrics.map(metricLine));
  section(
    "Deploy outputs",
    r.outputs.map((o) => `- ${code(o.path)}: ${o.status} (+${o.added} −${o.removed} lines)`),
  );
  section(
    "Pictures",
    pictures.flatMap((p) => [`- ${code(p.uid)}: ${p.files.map(code).join(", ")}`]),
  );
  return out.join("\n") + "\n";
}
