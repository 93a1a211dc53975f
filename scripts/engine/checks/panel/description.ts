import { str } from "../../model/walk.ts";
import { defineCheck } from "../check.ts";

export const panelDescription = defineCheck({
  id: "panel/description",
  description: "Every panel has a title and a description that tells the on-call what it shows.",
  severity: "error",
  profiles: { community: "off" },
  scope: "panel",
  check({ panel }) {
    if (panel.type === "row") return [];
    if (!panel.title.trim()) return [{ message: "Panel has no title: name what it shows." }];
    if (!str(panel.panel.description)?.trim()) {
      return [{ message: "Panel has no description: say what it shows and when to worry." }];
    }
    return [];
  },
});
