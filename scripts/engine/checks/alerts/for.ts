import { defineCheck } from "../check.ts";

/**
 * An alert without `for` fires on the first evaluation that matches: one bad scrape or a
 * restart's gap pages someone. Watchdog-style alerts that must fire at once are the exception,
 * and say so with a suppression. A house rule: in public rule files a missing `for` is mostly
 * deliberate (watchdogs, multi-window burn-rate alerts, certificate expiry), so off there.
 */
export const alertsFor = defineCheck({
  id: "alerts/for",
  description:
    "Every alert waits (`for`) before it fires, so one bad scrape or evaluation cannot page anyone.",
  severity: "error",
  profiles: { community: "off" },
  scope: "alert",
  check({ rule }) {
    return rule.for
      ? []
      : [
          {
            message:
              'No "for": the alert fires on the first evaluation that matches. Add one (a few evaluation intervals) so a single bad scrape cannot page anyone.',
          },
        ];
  },
});
