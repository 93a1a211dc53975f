import { panelsOf, str } from "../../model/walk.ts";
import type { Check } from "../check.ts";
import { dashboardWhere } from "../../model/where.ts";

export const description: Check = {
  id: "panel/description",
  description: "Every panel has a title and a description that tells the on-call what it shows.",
  run({ model }) {
    return model.dashboards.flatMap((d) =>
      panelsOf(d.dashboard)
        .filter((ref) => ref.type !== "row")
        .filter((ref) => !ref.title.trim() || !str(ref.panel.description)?.trim())
        .map((ref) => ({
          rule: this.id,
          severity: "error" as const,
          where: dashboardWhere(d, ref),
          message: ref.title.trim()
            ? "Panel has no description: say what it shows and when to worry."
            : "Panel has no title: name what it shows.",
        })),
    );
  },
};
