import { escapeRegex, formatDuration, type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const jobNames = Object.values(platform.components).map((c) => c.job);
/**
 * A PromQL string literal: PromQL takes Go's escapes, of which JSON.stringify's are a subset, so
 * the backslashes of an escaped regex survive.
 */
const literal = (s: string): string => JSON.stringify(s);
const jobs = literal(jobNames.map(escapeRegex).join("|"));
const down = formatDuration(thresholds.targetDown.for);

/** Scrape health of every platform target: an alert on a component is only as good as its scrape. */
export const group: RuleGroup = {
  name: "targets",
  rules: [
    alert({
      alert: "TargetDown",
      expr: `up{job=~${jobs}} == 0`,
      for: thresholds.targetDown.for,
      severity: "warning",
      component: "{{ $labels.job }}",
      summary: "{{ $labels.job }}/{{ $labels.instance }} cannot be scraped",
      description: `Prometheus has failed to scrape {{ $labels.instance }} of {{ $labels.job }} for ${down}: it is down, or its /metrics is unreachable. Its other alerts are blind.`,
      runbook: [
        `kubectl get pods -n ${platform.namespace} -l app=<job>: is the pod running and ready?`,
        "Check the target's error on Prometheus' Targets page (wrong port, TLS, timeout).",
      ],
    }),
    alert({
      alert: "JobDown",
      expr: `sum by (job) (up{job=~${jobs}}) == 0`,
      for: thresholds.targetDown.for,
      severity: "critical",
      component: "{{ $labels.job }}",
      summary: "Every target of {{ $labels.job }} is down",
      description: `No instance of {{ $labels.job }} has been scrapeable for ${down}.`,
      runbook: [
        `Check the deployment: kubectl get deploy,pods -n ${platform.namespace}.`,
        "Check recent rollouts and node health.",
      ],
    }),
    alert({
      alert: "TargetsMissing",
      // up{job} only exists while discovery finds targets: no pods, a renamed Service or a
      // broken relabelling leaves nothing for TargetDown and JobDown to see.
      expr: jobNames.map((job) => `absent(up{job=${literal(job)}})`).join(" or "),
      for: thresholds.targetsMissing.for,
      severity: "critical",
      component: "{{ $labels.job }}",
      summary: "Prometheus finds no targets for {{ $labels.job }}",
      description: `Prometheus has had no {{ $labels.job }} target for ${formatDuration(thresholds.targetsMissing.for)}: service discovery finds none, so every alert and panel of {{ $labels.job }} is blind.`,
      runbook: [
        `kubectl get endpoints -n ${platform.namespace}: does the Service exist and have ready endpoints?`,
        "Compare the Service name and port name with the scrape job in config/prometheus/prometheus.yml.",
        "Check Prometheus' Service Discovery page for the job.",
      ],
    }),
  ],
};
