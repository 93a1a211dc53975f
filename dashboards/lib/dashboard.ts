import {
  defined,
  type Component,
  type DashboardSource,
  type Suppression,
} from "../../scripts/authoring/index.ts";
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  RowBuilder,
  TextBoxVariableBuilder,
  type Dashboard,
  type DashboardLink,
  type Panel,
  type VariableModel,
} from "@grafana/grafana-foundation-sdk/dashboard";
import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import { datasourceVariables } from "./datasources.ts";
import { keptAsExported, type Exported } from "./imported.ts";
import { layout } from "./layout.ts";
import { panel, type PanelSpec } from "./panels.ts";
import { jobInstanceVariables } from "./variables.ts";

export interface RowSpec {
  /** Without a title the panels sit above every row, with no row header (imported dashboards). */
  title?: string;
  collapsed?: boolean;
  /** Repeat the row for each value of this variable. */
  repeat?: string;
  /** Panel specs, or the SDK's builders for what a spec does not cover. */
  panels: (PanelSpec | Builder<Panel>)[];
}

const isSpec = (p: PanelSpec | Builder<Panel>): p is PanelSpec => "kind" in p;

export interface DashboardSpec {
  /** File name stem, output file name and uid: keep it stable, links and bookmarks use it. */
  slug: string;
  title: string;
  description: string;
  tags: string[];
  /**
   * The component whose job, instances and logs the dashboard shows. A dashboard across
   * components (the SLOs) has none, nor has one imported from Grafana without them: no
   * job/instance variables and no Logs row.
   */
  component?: Component;
  /** Variables beyond the datasources and job/instance (model, topic...). */
  variables?: Builder<VariableModel>[];
  rows: RowSpec[];
  /** Findings accepted on the whole dashboard, each with the reason. */
  disable?: Suppression[];
  /** Time range and refresh (default: the last 3 hours, every minute). */
  time?: { from: string; to: string };
  refresh?: string;
  /** Links instead of the one to the other platform dashboards. */
  links?: Builder<DashboardLink>[];
  /** `npm run import`'s escape hatch: what no builder says, merged into the dashboard as is. */
  exported?: Exported<Dashboard>;
}

/** Tag every platform dashboard carries; the dashboards link to each other through it. */
export const platformTag = "ml-platform";

/** A stream selector narrowed by one more label matcher. */
const narrowed = (selector: string, matcher: string) => selector.replace(/\}$/, `, ${matcher}}`);

/**
 * The Logs row every dashboard ends with: log volume by level and the log lines themselves.
 * `level` is a stream label: the log shipping config finds it in each line by its component's
 * format (platform.logFormats), so the count needs no parser and works for plain-text logs too.
 */
export function logsRow(component: Component): RowSpec {
  const volume = (level: string) =>
    `count_over_time(${narrowed(component.logSelector, level)} |~ "$search" [$__auto])`;
  return {
    title: "Logs",
    collapsed: true,
    panels: [
      {
        kind: "logvolume",
        title: "Log volume by level",
        description: `Log lines per level from ${component.job}, and lines without a level (stack traces, crash output). A rise in error or level-less lines is often the first sign of trouble.`,
        unit: "short",
        width: 24,
        height: 6,
        queries: [
          { expr: `sum by (level) (${volume('level!=""')})`, legend: "{{level}}" },
          { expr: `sum(${volume('level=""')})`, legend: "no level" },
        ],
      },
      {
        kind: "logs",
        title: "Logs",
        description: `Logs of ${component.job}, newest first. Narrow them with the search box.`,
        width: 24,
        height: 12,
        queries: [{ expr: `${component.logSelector} |~ "$search"` }],
      },
    ],
  };
}

/** Build a dashboard from its spec: SDK builders, then our own layout and stable ids. */
export function defineDashboard(spec: DashboardSpec): DashboardSource {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.slug)
    .description(spec.description)
    .tags([platformTag, ...spec.tags])
    .readonly()
    .tooltip(DashboardCursorSync.Crosshair)
    .time(spec.time ?? { from: "now-3h", to: "now" })
    .refresh(spec.refresh ?? "1m")
    .timezone("browser");
  for (const link of spec.links ?? [
    new DashboardLinkBuilder("ML platform")
      .type(DashboardLinkType.Dashboards)
      .tags([platformTag])
      .asDropdown(false)
      .keepTime(true)
      .includeVars(false)
      .targetBlank(false),
  ]) {
    builder.link(link);
  }
  const { component } = spec;
  for (const v of [
    ...datasourceVariables(),
    ...(component ? jobInstanceVariables(component.job) : []),
    ...(spec.variables ?? []),
    ...(component
      ? [new TextBoxVariableBuilder("search").label("Log search (regex)").defaultValue("")]
      : []),
  ]) {
    builder.withVariable(v);
  }
  const built = (p: PanelSpec | Builder<Panel>) => (isSpec(p) ? panel(p) : p);
  for (const row of [...spec.rows, ...(component ? [logsRow(component)] : [])]) {
    if (row.title === undefined) {
      for (const p of row.panels) builder.withPanel(built(p));
      continue;
    }
    const rowBuilder = new RowBuilder(row.title).collapsed(row.collapsed ?? false);
    if (row.repeat !== undefined) rowBuilder.repeat(row.repeat);
    if (row.collapsed) {
      for (const p of row.panels) rowBuilder.withPanel(built(p));
      builder.withRow(rowBuilder);
    } else {
      builder.withRow(rowBuilder);
      for (const p of row.panels) builder.withPanel(built(p));
    }
  }
  const dashboard = keptAsExported(builder, spec.exported).build();
  // The SDK gives every link `placement: "inControlsMenu"`, which current Grafana hides in the
  // controls dropdown; a link without one shows above the panels.
  dashboard.links = dashboard.links?.map(({ placement: _hidden, ...link }) => link);
  const disable = [
    ...(spec.disable ?? []),
    ...spec.rows.flatMap((r) =>
      r.panels.flatMap((p) =>
        isSpec(p) ? (p.disable ?? []).map((s) => ({ ...s, panel: p.title })) : [],
      ),
    ),
  ];
  return defined({
    file: `dashboards/${spec.slug}.ts`,
    slug: spec.slug,
    dashboard: layout(dashboard),
    ...(disable.length > 0 ? { disable } : {}),
  });
}
