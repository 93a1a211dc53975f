import {
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { prometheusRef } from "./datasources.ts";

/**
 * A Prometheus label_values() variable that refreshes when the time range changes, so a
 * target that appeared an hour ago is offered without reloading the dashboard.
 */
export function labelVariable(opts: {
  name: string;
  label: string;
  query: string;
  multi?: boolean;
}): QueryVariableBuilder {
  const builder = new QueryVariableBuilder(opts.name)
    .label(opts.label)
    .datasource(prometheusRef)
    .query(opts.query)
    .definition(opts.query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
  return opts.multi ? builder.multi(true).includeAll(true).allValue(".+") : builder;
}

/** The `job` and `instance` pair every dashboard filters on. */
export function jobInstanceVariables(job: string): QueryVariableBuilder[] {
  return [
    labelVariable({ name: "job", label: "Job", query: `label_values(up{job="${job}"}, job)` }),
    labelVariable({
      name: "instance",
      label: "Instance",
      query: 'label_values(up{job="$job"}, instance)',
      multi: true,
    }),
  ];
}

/** Selector matchers for the job/instance variables, to splice into `{...}`. */
export const jobInstance = 'job="$job", instance=~"$instance"';
