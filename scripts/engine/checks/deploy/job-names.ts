import { isObject, asArray, str } from "../../model/walk.ts";
import { alternatives } from "../../promql/escape.ts";
import { prometheusRegex } from "../../promql/regex.ts";
import { vectorSelectors, type Matcher } from "../../promql/selectors.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck, type Problem } from "../check.ts";
import { prometheusConfigPath } from "../../outputs.ts";
import { yamlValue } from "../yaml-value.ts";

/**
 * The `job` label each scrape job gives its targets: a relabelling that sets `job` to a fixed
 * value wins over the job name. Undefined when the file is not a YAML mapping.
 */
export function scrapeJobs(prometheusYml: string): string[] | undefined {
  const config = yamlValue(prometheusYml);
  if (!isObject(config)) return undefined;
  return asArray(config.scrape_configs).flatMap((job): string[] => {
    if (!isObject(job)) return [];
    const fixed = asArray(job.relabel_configs)
      .filter(isObject)
      .filter(
        (r) =>
          r.target_label === "job" &&
          (r.action ?? "replace") === "replace" &&
          asArray(r.source_labels).length === 0,
      )
      .map((r) => str(r.replacement))
      .at(-1);
    const name = fixed ?? str(job.job_name);
    return name === undefined ? [] : [name];
  });
}

function problems(m: Matcher, jobs: string[]): Problem[] {
  const known = `no scrape job of ${prometheusConfigPath} sets it (jobs: ${jobs.join(", ")})`;
  const fix =
    " Take job names from config/platform.ts (platform.components.<component>.job), never write them out.";
  if (m.op === "=") {
    if (jobs.includes(m.value)) return [];
    return [
      {
        offset: m.offset,
        message: `Selects job="${m.value}", but ${known}.${didYouMean(m.value, jobs)}${fix}`,
      },
    ];
  }
  const names = alternatives(m.value);
  if (names) {
    return names
      .filter((n) => !jobs.includes(n))
      .map((n) => ({
        offset: m.offset,
        message: `job=~"${m.value}" names "${n}", but ${known}.${didYouMean(n, jobs)}${fix}`,
      }));
  }
  const pattern = prometheusRegex(m.value);
  if ("error" in pattern) return []; // promql/regexp reports a regex RE2 rejects
  if (jobs.some((j) => pattern.matches(j))) return [];
  return [{ offset: m.offset, message: `job=~"${m.value}" matches no job: ${known}.${fix}` }];
}

/**
 * Dashboards, alerts and the scrape config agree on job names: every `job="..."` (or `=~`)
 * matcher of a panel, a variable query or a rule selects a job the scrape config produces.
 */
export const deployJobNames = defineCheck({
  id: "deploy/job-names",
  description: `Every job a dashboard or rule selects on is produced by a scrape job of ${prometheusConfigPath}.`,
  severity: "error",
  scope: "promql",
  check({ parsed }, { files, memo }) {
    const config = files?.get(prometheusConfigPath);
    const jobs = config === undefined ? undefined : memo("scrape-jobs", () => scrapeJobs(config));
    if (jobs === undefined) return [];
    return vectorSelectors(parsed).flatMap((s) =>
      s.matchers
        .filter((m) => m.label === "job" && (m.op === "=" || m.op === "=~"))
        .filter((m) => !m.templated)
        .flatMap((m) => problems(m, jobs)),
    );
  },
});
