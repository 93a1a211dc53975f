import { streamMatchers } from "../../logql/selectors.ts";
import { asArray, isObject } from "../../model/walk.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck } from "../check.ts";
import { promtailConfigPath } from "../../outputs.ts";
import { yamlValue } from "../yaml-value.ts";

/** Labels every Promtail file target's lines carry without being asked. */
const always = ["filename"];

/** The labels a pipeline's stages add: `labels` and `static_labels` keys, `stream` from cri/docker. */
function stageLabels(stages: unknown[]): string[] {
  return stages
    .filter(isObject)
    .flatMap((stage): string[] => [
      ...(isObject(stage.labels) ? Object.keys(stage.labels) : []),
      ...(isObject(stage.static_labels) ? Object.keys(stage.static_labels) : []),
      ...("cri" in stage || "docker" in stage ? ["stream"] : []),
      ...(isObject(stage.match) ? stageLabels(asArray(stage.match.stages)) : []),
    ]);
}

/**
 * The stream labels a Promtail configuration gives the lines it ships: its relabelling's
 * target labels (but the `__` ones it uses itself) and what its pipeline stages add.
 * Undefined when the file is not a YAML mapping.
 */
export function shippedLabels(promtailYml: string): string[] | undefined {
  const config = yamlValue(promtailYml);
  if (!isObject(config)) return undefined;
  const labels = asArray(config.scrape_configs)
    .filter(isObject)
    .flatMap((job) => [
      ...asArray(job.relabel_configs)
        .filter(isObject)
        .map((r) => r.target_label)
        .filter((l): l is string => typeof l === "string" && !l.startsWith("__")),
      ...stageLabels(asArray(job.pipeline_stages)),
    ]);
  return [...new Set([...labels, ...always])].sort();
}

/**
 * Dashboards, Loki rules and log shipping agree on labels: every label a LogQL stream selector
 * picks streams by is one the shipping configuration gives them. Otherwise the panel is empty
 * and the rule never fires.
 */
export const deployLogLabels = defineCheck({
  id: "deploy/log-labels",
  description: `Every label a LogQL stream selector (dashboard or Loki rule) selects on is produced by the log shipping config ${promtailConfigPath}.`,
  severity: "error",
  scope: "logql",
  check({ parsed }, { files, memo }) {
    const config = files?.get(promtailConfigPath);
    const labels =
      config === undefined ? undefined : memo("shipped-labels", () => shippedLabels(config));
    if (labels === undefined) return [];
    return streamMatchers(parsed)
      .filter((m) => !labels.includes(m.label))
      .map((m) => ({
        offset: m.offset,
        message: `Selects streams by "${m.label}", but the log shipping config ${promtailConfigPath} gives no line that label (it sets: ${labels.join(", ")}).${didYouMean(m.label, labels)} Select on a label it sets, or add the label to the shipping config (scripts/engine/render/promtail.ts).`,
      }));
  },
});
