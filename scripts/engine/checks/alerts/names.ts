import { olderThan } from "../../promql/functions.ts";
import { defineCheck, type CheckSettings, type Problem } from "../check.ts";

/** Prometheus' legacy name rules (common/model): what every Prometheus and exporter accepts. */
const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Prometheus 3.0 validates names as UTF-8 (prometheus/common's default scheme), so a legacy-
 * invalid name loads there: a warning, since older servers, exporters and PromQL without quotes
 * still need the legacy form. Before 3.0 (our platform's 2.42) the file is refused: an error.
 */
const legacyNameProblem = (settings: CheckSettings, pointer: string, what: string): Problem => {
  const version = settings.prometheusVersion;
  const loads = version === undefined || !olderThan(version, "3.0");
  return loads
    ? {
        pointer,
        severity: "warning",
        message: `${what}: Prometheus 3.0 and later load it (UTF-8 names), older ones refuse the rule file, and PromQL must quote it. Set the target version (prometheus.version) if yours is older.`,
      }
    : {
        pointer,
        message: `${what}: Prometheus ${version} refuses the rule file (UTF-8 names came with 3.0).`,
      };
};

/**
 * Names as Prometheus loads them (rulefmt refuses a bad recording rule, label or annotation
 * name, and the whole file with it) and alert names as identifiers: Prometheus takes any text
 * there, but the name is the alertname label Alertmanager routes on and the heading whose
 * anchor every runbook_url points at, which spaces, punctuation or emoji break.
 */
export const alertsNames = defineCheck({
  id: "alerts/names",
  description:
    "Alert names are identifiers (letters, digits, _), recording rule names valid metric names, label and annotation names valid label names, and no label name is reserved (`__name__`, `__*`).",
  severity: "error",
  scope: "rule",
  check({ rule }, { settings }) {
    const problems: Problem[] = [];
    if (rule.kind === "alert" && !labelName.test(rule.alert)) {
      problems.push({
        pointer: "/alert",
        // Prometheus loads it: only our runbook anchors need an identifier.
        ...(settings.profile === "community" ? { severity: "warning" as const } : {}),
        message: `Alert name ${JSON.stringify(rule.alert)} is not an identifier: use letters, digits and _ only, like ${suggestion(rule.alert)} (the name routes in Alertmanager and anchors the runbook section).`,
      });
    }
    if (rule.kind === "record" && !metricName.test(rule.record)) {
      problems.push(
        legacyNameProblem(
          settings,
          "/record",
          `Recording rule name ${JSON.stringify(rule.record)} is not a legacy metric name ([a-zA-Z_:][a-zA-Z0-9_:]*; use the level:metric:operations form, like job:requests:rate5m)`,
        ),
      );
    }
    const fields = [
      ["labels", rule.labels] as const,
      ...(rule.kind === "alert" ? [["annotations", rule.annotations] as const] : []),
    ];
    for (const [field, record] of fields) {
      for (const name of Object.keys(record ?? {})) {
        const what = field === "labels" ? "Label" : "Annotation";
        if (!labelName.test(name)) {
          problems.push(
            legacyNameProblem(
              settings,
              `/${field}`,
              `${what} name ${JSON.stringify(name)} is not a legacy label name ([a-zA-Z_][a-zA-Z0-9_]*)`,
            ),
          );
        } else if (field === "labels" && name.startsWith("__")) {
          problems.push({
            pointer: `/${field}`,
            message: `Label name "${name}" is reserved: names starting with __ are Prometheus' own${name === "__name__" ? " (and __name__ cannot be set by a rule)" : ""}. Rename it.`,
          });
        }
      }
    }
    return problems;
  },
});

/** The name with what is not letters, digits or _ dropped, words joined in CamelCase. */
const suggestion = (name: string): string => {
  const camel = name
    .split(/[^A-Za-z0-9_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return JSON.stringify(/^[A-Za-z_]/.test(camel) ? camel : `Alert${camel}`);
};
