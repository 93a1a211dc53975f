/**
 * A suppression: "this finding is known and accepted, for this reason". Written on a panel, a
 * dashboard, an alert or a rule group in our sources (`disable: [{ rule, reason }]`), as a
 * `# lint-disable rule: reason` comment in a rule file, or in a check config file with path
 * globs. The reason is required: a suppression without one is a finding itself.
 */
export interface Suppression {
  /** The rule id it silences, `group/name` (e.g. `promql/rate-interval`). */
  rule: string;
  /** Why the finding is accepted: what a reviewer needs to agree. */
  reason: string;
  /** The line it is written on, when it is a comment in a file. */
  line?: number;
}

/** A suppression of a dashboard: for one of its panels (by title), or for all of it. */
export interface DashboardSuppression extends Suppression {
  panel?: string;
}
