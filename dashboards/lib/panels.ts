import * as common from "@grafana/grafana-foundation-sdk/common";
import {
  DashboardLinkBuilder,
  DashboardLinkType,
  FieldColorBuilder,
  FieldColorModeId,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type DataSourceRef,
  type Threshold,
} from "@grafana/grafana-foundation-sdk/dashboard";
import type { Builder } from "@grafana/grafana-foundation-sdk/cog";
import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import * as heatmap from "@grafana/grafana-foundation-sdk/heatmap";
import * as logs from "@grafana/grafana-foundation-sdk/logs";
import * as loki from "@grafana/grafana-foundation-sdk/loki";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as table from "@grafana/grafana-foundation-sdk/table";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import type { Suppression } from "../../scripts/authoring/index.ts";
import { lokiRef, prometheusRef } from "./datasources.ts";

/** One query of a panel: PromQL for metric panels, LogQL for log panels. */
export interface QuerySpec {
  expr: string;
  legend?: string;
  /** `heatmap`: a histogram's buckets by `le`; `table`: the latest value of each series, as rows. */
  format?: "heatmap" | "table";
}

/**
 * Colour steps: amber from `warn`, red from `critical`, green otherwise. High values are bad
 * unless `below` is set, when low values are: red under `critical`, amber under `warn`.
 */
export interface ThresholdSpec {
  warn?: number;
  critical?: number;
  below?: boolean;
  /** More lines than two, ascending, each with its colour; replaces warn and critical. */
  levels?: readonly (readonly [value: number, color: string])[];
}

/** A link in the panel's header to another dashboard, keeping the time range. */
export interface PanelLink {
  title: string;
  /** The dashboard's uid (its slug). */
  dashboard: string;
}

/** What a panel shows. Width and height are in grid units (24 columns per row). */
export interface PanelSpec {
  /**
   * `logvolume` is a bar time series of LogQL metric queries (log lines by level); `heatmap`
   * shows a histogram's buckets over time; `table` the series' labels and latest values.
   */
  kind: "timeseries" | "stat" | "logs" | "logvolume" | "heatmap" | "table";
  title: string;
  description: string;
  queries: QuerySpec[];
  /** Grafana unit id (s, percentunit, reqps, ...). Logs panels have none. */
  unit?: string;
  thresholds?: ThresholdSpec;
  min?: number;
  max?: number;
  stacked?: boolean;
  width?: number;
  height?: number;
  /** Findings accepted on this panel, each with the reason (`npm run build` reports the rest). */
  disable?: Suppression[];
  links?: readonly PanelLink[];
}

export const defaultSize = { width: 12, height: 8 } as const;

const refId = (i: number): string => String.fromCharCode(65 + i);

/** Grafana's steps run upwards from a base colour (value null). */
function steps(spec: ThresholdSpec | undefined): Threshold[] {
  if (spec?.levels) {
    return [
      { value: null, color: "green" },
      ...spec.levels.map(([value, color]) => ({ value, color })),
    ];
  }
  const levels: [number | undefined, string][] = [
    [spec?.warn, "orange"],
    [spec?.critical, "red"],
  ];
  const set = levels.filter((l): l is [number, string] => l[0] !== undefined);
  if (!spec?.below) {
    return [{ value: null, color: "green" }, ...set.map(([value, color]) => ({ value, color }))];
  }
  // Low is bad: the worst colour is the base, and each level hands over to the next better one.
  const worstFirst = [...set].reverse();
  return [...worstFirst.map(([, color]) => color), "green"].map((color, i) => ({
    value: i === 0 ? null : worstFirst[i - 1]![0],
    color,
  }));
}

const thresholds = (spec: ThresholdSpec | undefined): ThresholdsConfigBuilder =>
  new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps(spec));

const formats = {
  heatmap: prometheus.PromQueryFormat.Heatmap,
  table: prometheus.PromQueryFormat.Table,
} as const;

function promTarget(q: QuerySpec, i: number) {
  const b = new prometheus.DataqueryBuilder()
    .refId(refId(i))
    .datasource(prometheusRef)
    .expr(q.expr)
    .legendFormat(q.legend ?? "__auto");
  if (q.format) b.format(formats[q.format]);
  // A table shows one row per series: its value now, not a range.
  return q.format === "table" ? b.instant() : b.range();
}

const linkTo = (l: PanelLink) =>
  new DashboardLinkBuilder(l.title)
    .type(DashboardLinkType.Link)
    .url(`/d/${l.dashboard}?\${__url_time_range}`)
    .targetBlank(false);

const lokiTarget = (q: QuerySpec, i: number) =>
  new loki.DataqueryBuilder()
    .refId(refId(i))
    .datasource(lokiRef)
    .expr(q.expr)
    .legendFormat(q.legend ?? "");

function size(spec: PanelSpec): { w: number; h: number; x: number; y: number } {
  // x/y are placed by layout(); only the size is decided here.
  return { w: spec.width ?? defaultSize.width, h: spec.height ?? defaultSize.height, x: 0, y: 0 };
}

function metricPanel(
  spec: PanelSpec,
  builder: timeseries.PanelBuilder | stat.PanelBuilder | heatmap.PanelBuilder | table.PanelBuilder,
  datasource: DataSourceRef,
): Builder<Panel> {
  const target = datasource === lokiRef ? lokiTarget : promTarget;
  builder
    .title(spec.title)
    .description(spec.description)
    .datasource(datasource)
    .unit(spec.unit ?? "none")
    .thresholds(thresholds(spec.thresholds))
    .gridPos(size(spec));
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  if (spec.links) builder.links(spec.links.map(linkTo));
  for (const [i, q] of spec.queries.entries()) builder.withTarget(target(q, i));
  return builder;
}

/** Turn a panel spec into the SDK builder of its panel type. */
export function panel(spec: PanelSpec): Builder<Panel> {
  switch (spec.kind) {
    case "timeseries": {
      const b = new timeseries.PanelBuilder()
        .fillOpacity(spec.stacked ? 40 : 10)
        .lineWidth(1)
        .showPoints(common.VisibilityMode.Never)
        .legend(
          new common.VizLegendOptionsBuilder()
            .showLegend(true)
            .displayMode(common.LegendDisplayMode.Table)
            .placement(common.LegendPlacement.Bottom)
            .calcs(["mean", "max", "lastNotNull"]),
        )
        .tooltip(
          new common.VizTooltipOptionsBuilder()
            .mode(common.TooltipDisplayMode.Multi)
            .sort(common.SortOrder.Descending),
        );
      if (spec.thresholds)
        b.thresholdsStyle(
          new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Line),
        );
      if (spec.stacked)
        b.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
      return metricPanel(spec, b, prometheusRef);
    }
    case "stat": {
      const b = new stat.PanelBuilder()
        .graphMode(common.BigValueGraphMode.Area)
        .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]));
      // Without thresholds no value is good or bad: a green tile would say "all is well"
      // whatever it shows, so the tile stays neutral (text colour, no background).
      if (spec.thresholds) b.colorMode(common.BigValueColorMode.Background);
      else
        b.colorMode(common.BigValueColorMode.None).colorScheme(
          new FieldColorBuilder().mode(FieldColorModeId.Fixed).fixedColor("text"),
        );
      return metricPanel(spec, b, prometheusRef);
    }
    case "heatmap":
      // Buckets as Prometheus counts them (format heatmap, one row per `le`), not re-binned.
      return metricPanel(
        spec,
        new heatmap.PanelBuilder()
          .calculate(false)
          .rowsFrame(new heatmap.RowsHeatmapOptionsBuilder().layout(common.HeatmapCellLayout.Le))
          .color(
            new heatmap.HeatmapColorOptionsBuilder()
              .mode(heatmap.HeatmapColorMode.Scheme)
              .scheme("Oranges")
              .scale(heatmap.HeatmapColorScale.Exponential)
              .exponent(0.5)
              .steps(64),
          )
          .yAxis(new heatmap.YAxisConfigBuilder().unit(spec.unit ?? "none"))
          .tooltip(
            new heatmap.HeatmapTooltipBuilder()
              .mode(common.TooltipDisplayMode.Single)
              .yHistogram(true),
          )
          .showValue(common.VisibilityMode.Never),
        prometheusRef,
      );
    case "table":
      return metricPanel(
        spec,
        new table.PanelBuilder().showHeader(true).cellHeight(common.TableCellHeight.Sm),
        prometheusRef,
      );
    case "logvolume":
      return metricPanel(
        spec,
        new timeseries.PanelBuilder()
          .drawStyle(common.GraphDrawStyle.Bars)
          .fillOpacity(60)
          .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)),
        lokiRef,
      );
    case "logs": {
      const b = new logs.PanelBuilder()
        .title(spec.title)
        .description(spec.description)
        .datasource(lokiRef)
        .showTime(true)
        .wrapLogMessage(true)
        .prettifyLogMessage(false)
        .enableLogDetails(true)
        .sortOrder(common.LogsSortOrder.Descending)
        .dedupStrategy(common.LogsDedupStrategy.None)
        .gridPos(size(spec));
      for (const [i, q] of spec.queries.entries()) b.withTarget(lokiTarget(q, i));
      return b;
    }
  }
}
