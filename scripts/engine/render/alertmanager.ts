import type { Model } from "../model/index.ts";
import type { Platform, Receiver } from "../model/platform.ts";
import type { SloSource } from "../model/slo.ts";
import { escapeRegex } from "../promql/escape.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { alertmanagerConfigPath } from "../outputs.ts";

/** The receiver that notifies no one: info alerts and the silent ones end there. */
export const nullReceiver = "null";
export const receiverName = (team: string, role: "pager" | "tickets"): string => `${team}-${role}`;
/** Where the dead man's switch hears the heartbeat (platform.alerting.heartbeat). */
export const heartbeatReceiver = "heartbeat";

/** `label="v"` for one value, `label=~"a|b"` for several (`!~` when negated). */
function matcher(label: string, values: readonly string[], negate = false): string {
  if (values.length === 1 && !negate) return `${label}=${JSON.stringify(values[0])}`;
  return `${label}${negate ? "!~" : "=~"}${JSON.stringify(values.map(escapeRegex).join("|"))}`;
}

/**
 * A receiver whose credentials Alertmanager reads from the mounted Secret, never from here.
 * The heartbeat sends no resolution: a dead man's switch would take it for a beat.
 */
function receiver(
  name: string,
  r: Receiver,
  platform: Platform,
  sendResolved = true,
): Record<string, unknown> {
  const file = (key: string) => `${platform.alerting.secret.mountPath}/${key}`;
  if (r.kind === "pagerduty") {
    return {
      name,
      pagerduty_configs: [
        { routing_key_file: file(r.routingKeyFile), send_resolved: sendResolved },
      ],
    };
  }
  return {
    name,
    webhook_configs: [
      {
        url: r.url,
        send_resolved: sendResolved,
        ...(r.bearerTokenFile
          ? { http_config: { authorization: { credentials_file: file(r.bearerTokenFile) } } }
          : {}),
      },
    ],
  };
}

/**
 * The labels that tell one SLO's burn from another's: `slo`, the job and what its budget is
 * kept per (`by`), as the generator (alerts/lib/slo.ts) puts them on every tier's alert.
 */
function sloBurnLabels(slos: readonly SloSource[]): string[] {
  const by = new Set(slos.flatMap((s) => s.slo.by ?? []));
  return ["slo", "job", ...[...by].sort()];
}

/**
 * The Alertmanager configuration: the heartbeat goes to the dead man's switch at once and
 * again every minute or so; silent and info alerts reach no one; each team's components (by
 * the alerts' `component` label) page its pager when critical and open its tickets otherwise;
 * alerts of no component go to the fallback team. A component that is down silences its other
 * alerts, and an SLO's page tier its ticket tiers for the same burn.
 */
export function alertmanagerConfig(
  platform: Platform,
  slos: readonly SloSource[],
): Record<string, unknown> {
  const a = platform.alerting;
  const teams = Object.entries(a.teams);
  const critical = matcher("severity", ["critical"]);
  const sloAlert = 'slo=~".+"';
  return {
    route: {
      receiver: receiverName(a.fallbackTeam, "tickets"),
      group_by: [...a.groupBy],
      group_wait: a.groupWait,
      group_interval: a.groupInterval,
      repeat_interval: a.repeatInterval,
      routes: [
        {
          receiver: heartbeatReceiver,
          matchers: [matcher("alertname", [a.heartbeat.alert])],
          group_wait: "0s",
          group_interval: a.heartbeat.groupInterval,
          repeat_interval: a.heartbeat.repeatInterval,
        },
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
      // The tiers of one SLO differ in alertname and severity only: while a page tier (critical)
      // fires, the ticket tiers (warning) of the same burn add nothing.
      ...(slos.length > 0
        ? [
            {
              source_matchers: [sloAlert, critical],
              target_matchers: [sloAlert, matcher("severity", ["warning"])],
              equal: sloBurnLabels(slos),
            },
          ]
        : []),
    ],
    receivers: [
      { name: nullReceiver },
      receiver(heartbeatReceiver, a.heartbeat.receiver, platform, false),
      ...teams.flatMap(([team, t]) => [
        receiver(receiverName(team, "pager"), t.pager, platform),
        receiver(receiverName(team, "tickets"), t.tickets, platform),
      ]),
    ],
    templates: [],
  };
}

export const alertmanagerDocument = (platform: Platform, slos: readonly SloSource[]): string =>
  generatedMarker("config/platform.ts") + toYaml(alertmanagerConfig(platform, slos));

export function renderAlertmanager(model: Model): Rendered {
  return rendered([[alertmanagerConfigPath, alertmanagerDocument(model.platform, model.slos)]]);
}
