import type { Model } from "../model/index.ts";
import type { Platform, Receiver } from "../model/platform.ts";
import { escapeRegex } from "../promql/escape.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { alertmanagerConfigPath } from "../outputs.ts";

/** The receiver that notifies no one: info alerts and the silent ones end there. */
export const nullReceiver = "null";
export const receiverName = (team: string, role: "pager" | "tickets"): string => `${team}-${role}`;

/** `label="v"` for one value, `label=~"a|b"` for several (`!~` when negated). */
function matcher(label: string, values: readonly string[], negate = false): string {
  if (values.length === 1 && !negate) return `${label}=${JSON.stringify(values[0])}`;
  return `${label}${negate ? "!~" : "=~"}${JSON.stringify(values.map(escapeRegex).join("|"))}`;
}

/** A receiver whose credentials Alertmanager reads from the mounted Secret, never from here. */
function receiver(name: string, r: Receiver, platform: Platform): Record<string, unknown> {
  const file = (key: string) => `${platform.alerting.secret.mountPath}/${key}`;
  if (r.kind === "pagerduty") {
    return {
      name,
      pagerduty_configs: [{ routing_key_file: file(r.routingKeyFile), send_resolved: true }],
    };
  }
  return {
    name,
    webhook_configs: [
      {
        url: r.url,
        send_resolved: true,
        ...(r.bearerTokenFile
          ? { http_config: { authorization: { credentials_file: file(r.bearerTokenFile) } } }
          : {}),
      },
    ],
  };
}

/**
 * The Alertmanager configuration: silent and info alerts reach no one; each team's components
 * (by the alerts' `component` label) page its pager when critical and open its tickets
 * otherwise; alerts of no component go to the fallback team. A component that is down
 * silences its other alerts, and a critical alert the warning of the same alert and job.
 */
export function alertmanagerConfig(platform: Platform): Record<string, unknown> {
  const a = platform.alerting;
  const teams = Object.entries(a.teams);
  const critical = matcher("severity", ["critical"]);
  return {
    route: {
      receiver: receiverName(a.fallbackTeam, "tickets"),
      group_by: [...a.groupBy],
      group_wait: a.groupWait,
      group_interval: a.groupInterval,
      repeat_interval: a.repeatInterval,
      routes: [
        ...(a.silent.length > 0
          ? [{ receiver: nullReceiver, matchers: [matcher("alertname", a.silent)] }]
          : []),
        { receiver: nullReceiver, matchers: [matcher("severity", ["info"])] },
        ...teams.map(([team, t]) => ({
          receiver: receiverName(team, "tickets"),
          matchers: [matcher("component", t.components)],
          routes: [{ receiver: receiverName(team, "pager"), matchers: [critical] }],
        })),
        { receiver: receiverName(a.fallbackTeam, "pager"), matchers: [critical] },
      ],
    },
    inhibit_rules: [
      ...(a.componentDown.length > 0
        ? [
            {
              source_matchers: [matcher("alertname", a.componentDown)],
              target_matchers: [matcher("alertname", a.componentDown, true)],
              equal: ["component"],
            },
          ]
        : []),
      {
        source_matchers: [critical],
        target_matchers: [matcher("severity", ["warning"])],
        equal: ["alertname", "job"],
      },
    ],
    receivers: [
      { name: nullReceiver },
      ...teams.flatMap(([team, t]) => [
        receiver(receiverName(team, "pager"), t.pager, platform),
        receiver(receiverName(team, "tickets"), t.tickets, platform),
      ]),
    ],
    templates: [],
  };
}

export const alertmanagerDocument = (platform: Platform): string =>
  generatedMarker("config/platform.ts") + toYaml(alertmanagerConfig(platform));

export function renderAlertmanager(model: Model): Rendered {
  return rendered([[alertmanagerConfigPath, alertmanagerDocument(model.platform)]]);
}
