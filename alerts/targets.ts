import { platform, thresholds } from "../config/platform.ts";
import type { RuleGroup } from "../scripts/rules/model.ts";
import { alert } from "./lib/alert.ts";

const jobs = Object.values(platform.components)
  .map((c) => c.job)
  .join("|");

/** Scrape health of every platform target: an alert on a component is only as good as its scrape. */
export const group: RuleGroup = {
  name: "targets",
  rules: [
    alert({
      alert: "TargetDown",
      expr: `up{job=~"${jobs}"} == 0`,
      for: thresholds.targetDown.for,
      severity: "warning",
      component: "{{ $labels.job }}",
      summary: "{{ $labels.job }}/{{ $labels.instance }} cannot be scraped",
      description:
        "Prometheus has failed to scrape {{ $labels.instance }} of {{ $labels.job }} for 2 minutes: it is down, or its /metrics is unreachable. Its other alerts are blind.",
      runbook: [
        "kubectl get pods -n ml-platform -l app={{ $labels.job }}: is the pod running and ready?",
        "Check the target's error on Prometheus' Targets page (wrong port, TLS, timeout).",
      ],
    }),
    alert({
      alert: "JobDown",
      expr: `sum by (job) (up{job=~"${jobs}"}) == 0`,
      for: thresholds.targetDown.for,
      severity: "critical",
      component: "{{ $labels.job }}",
      summary: "Every target of {{ $labels.job }} is down",
      description: "No instance of {{ $labels.job }} has been scrapeable for 2 minutes.",
      runbook: [
        "Check the deployment: kubectl get deploy,pods -n ml-platform.",
        "Check recent rollouts and node health.",
      ],
    }),
  ],
};
