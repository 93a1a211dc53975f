import { platformThresholds } from "../../../scripts/engine/checks/platform/thresholds.ts";
import type { Thresholds } from "../../../scripts/engine/model/platform.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, repoModel } from "../../helpers/fixture-model.ts";

const withThresholds = (thresholds: Thresholds) => ({ ...fixtureModel(), thresholds });
const at = (pointer: string) => ({ file: "config/platform.ts", pointer });

checkTable(platformThresholds, [
  { name: "the repository's own thresholds", model: await repoModel(), expect: [] },
  {
    name: "every unit in range",
    model: withThresholds({
      a: { ratio: 0, quantile: 1, seconds: 2.5, perSecond: 0, minCallsPerSecond: 0.5, for: "0s" },
      b: { window: "5m", trendStep: "1m", smoothWindow: "1h30m", slo: 0.999, factor: 14.4 },
      c: { nested: { long: "6h", short: "30m", severity: "critical" } },
      d: { drainSeconds: 600, minMessages: 100, vllmPreallocation: 0.95, errorRatio: 0.1 },
      e: { codes: [48, 64], reasons: { hw_slowdown: 0x8 } },
    }),
    expect: [],
  },
  {
    name: "NaN and Infinity, named by their key",
    model: withThresholds({
      gatewayErrorRatio: { ratio: NaN, minRequestsPerSecond: Infinity },
      latency: { quantile: 1.5, seconds: -1 },
    }),
    expect: [
      {
        where: at("/thresholds/gatewayErrorRatio/ratio"),
        message:
          "thresholds.gatewayErrorRatio.ratio: NaN is not a finite number: it must be a number from 0 to 1",
      },
      {
        where: at("/thresholds/gatewayErrorRatio/minRequestsPerSecond"),
        message: "minRequestsPerSecond: Infinity is not a finite number",
      },
      { message: "thresholds.latency.quantile: 1.5 is out of range" },
      { message: "thresholds.latency.seconds: -1 is out of range: it must be a number, 0 or more" },
    ],
  },
  {
    name: "durations Prometheus would refuse, a zero window, an slo of 1, a unitless key",
    model: withThresholds({
      x: { for: "5 minutes", window: "0m", trendStep: "1.5m", slo: 1, threshold: 3, ratio: "5%" },
    }),
    expect: [
      { message: 'thresholds.x.for: "5 minutes" is not a Prometheus duration' },
      { message: 'thresholds.x.window: "0m" is zero' },
      { message: 'thresholds.x.trendStep: "1.5m" is not a Prometheus duration' },
      { message: "thresholds.x.slo: 1 leaves no error budget" },
      { message: "thresholds.x.threshold: its name says no unit" },
      { message: 'thresholds.x.ratio: "5%" is not a number' },
    ],
  },
  {
    name: "codes that are not whole numbers",
    model: withThresholds({ gpuXid: { codes: [48, -1, 4.5] }, t: { reasons: { a: "0x8" } } }),
    expect: [
      { message: "thresholds.gpuXid.codes.1: -1 is not a code" },
      { message: "thresholds.gpuXid.codes.2: 4.5 is not a code" },
      { message: 'thresholds.t.reasons.a: "0x8" is not a code' },
    ],
  },
]);
