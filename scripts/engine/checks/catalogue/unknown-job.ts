import { didYouMean } from "../../text/suggest.ts";
import type { Check } from "../check.ts";

/** The catalogue's `jobs` must be jobs of config/platform.ts: they decide which series exist where. */
export const unknownJob: Check = {
  id: "catalogue/unknown-job",
  description: "Every job a catalogue file lists is a component job in config/platform.ts.",
  run({ model }) {
    const jobs = Object.values(model.platform.components).map((c) => c.job);
    return model.catalogue.files.flatMap((f) =>
      f.jobs
        .filter((j) => !jobs.includes(j))
        .map((j) => ({
          rule: this.id,
          severity: "error" as const,
          where: { file: f.file, pointer: "/jobs" },
          message: `Job "${j}" is not a component of config/platform.ts (${jobs.join(", ")}).${didYouMean(j, jobs)}`,
        })),
    );
  },
};
