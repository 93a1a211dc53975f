import { describe, expect, it } from "vitest";
import { alertmanagerBinary } from "../../scripts/engine/prometheus/alertmanager.ts";
import { repoModel } from "../helpers/fixture-model.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { deliveryProblems, runDelivery } from "../helpers/delivery.ts";
import { processesMentioning, procSupported } from "../helpers/processes.ts";

const model = await repoModel();
const need = requireBinaries(["prometheus", alertmanagerBinary() ?? "prometheus-alertmanager"]);
const { runbookBaseUrl } = model.platform;

/**
 * Prometheus and Alertmanager, live, with what `npm run build` generates: the page, the
 * ticket, their grouping, the inhibition and the resolutions reach the right webhook. The
 * broken fixtures prove the test would notice.
 */
describe.skipIf(need.skip)(need.title("alert delivery, live"), () => {
  it("pages serving for the model server, tickets the API team grouped, inhibits, resolves", async () => {
    const outcome = await runDelivery(model);
    expect(deliveryProblems(outcome, runbookBaseUrl)).toEqual([]);
    // Prometheus and Alertmanager are gone once it returns.
    if (procSupported) expect(processesMentioning(outcome.dir)).toEqual([]);
  }, 150_000);

  it("fails with the inhibition broken: no alert silences the others of a component that is down", async () => {
    const outcome = await runDelivery(model, (p) => ({
      ...p,
      alerting: { ...p.alerting, componentDown: [] },
    }));
    expect(deliveryProblems(outcome, runbookBaseUrl)).toContainEqual(
      expect.stringMatching(
        /^TargetDown\{job="ml-service"\} reached serving-tickets although JobDown/,
      ),
    );
  }, 150_000);

  it("fails with a route broken: the model server filed under the API team", async () => {
    const { serving, api } = model.platform.alerting.teams;
    const outcome = await runDelivery(model, (p) => ({
      ...p,
      alerting: {
        ...p.alerting,
        teams: {
          serving: {
            ...p.alerting.teams.serving!,
            components: serving!.components.filter((c) => c !== "ml-service"),
          },
          api: { ...p.alerting.teams.api!, components: [...api!.components, "ml-service"] },
        },
      },
    }));
    expect(deliveryProblems(outcome, runbookBaseUrl)).toContainEqual(
      expect.stringMatching(
        /^JobDown\{.*\} \(firing\) reached api-pager; it must reach only serving-pager\./,
      ),
    );
  }, 150_000);
});
