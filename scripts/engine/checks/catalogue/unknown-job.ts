import { didYouMean } from "../../text/suggest.ts";
import { defineCheck } from "../check.ts";

/** The catalogue's `jobs` must be jobs of config/platform.ts: they decide which series exist where. */
export const catalogueUnknownJob = defineCheck({
  id: "catalogue/unknown-job",
  description: "Every job a catalogue file lists is a component job in config/platform.ts.",
  severity: "error",
  scope: "catalogue",
  check({ file }, { model }) {
    const jobs = Object.values(model.platform.components).map((c) => c.job);
    return file.jobs
      .filter((j) => !jobs.includes(j))
      .map((j) => ({
        pointer: "/jobs",
        message: `Job "${j}" is not a component of config/platform.ts (${jobs.join(", ")}).${didYouMean(j, jobs)}`,
      }));
  },
});
