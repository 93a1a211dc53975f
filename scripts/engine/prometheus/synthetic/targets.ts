import { targetLabels, type Catalogue } from "../../model/catalogue.ts";
import type { Component, Platform } from "../../model/platform.ts";
import type { Target } from "./openmetrics.ts";

type TargetLabel = (typeof targetLabels)[number];

/** What each target label reads on the i-th target: what Kubernetes discovery would give. */
const labelValue: Record<TargetLabel, (c: Component, i: number, p: Platform) => string> = {
  job: (c) => c.job,
  instance: (c, i) => `10.42.0.${i + 1}:${c.port}`,
  namespace: (_c, _i, p) => p.namespace,
  pod: (c) => `${c.service}-0`,
};

/**
 * One synthetic target per job the catalogue names, on the component's metrics port, with
 * every label the scrape config attaches to its series (`targetLabels`). A job that is no
 * component of the platform has no target: catalogue/unknown-job reports it.
 */
export function syntheticTargets(catalogue: Catalogue, platform: Platform): Target[] {
  const jobs = [...new Set(catalogue.files.flatMap((f) => f.jobs))].sort();
  const components = Object.values(platform.components);
  return jobs.flatMap((job, i) => {
    const component = components.find((c) => c.job === job);
    if (!component) return [];
    const labels = targetLabels.map((name): [string, string] => [
      name,
      labelValue[name](component, i, platform),
    ]);
    return [{ job, labels }];
  });
}
