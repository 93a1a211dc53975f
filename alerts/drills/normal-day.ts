import { defineDrill } from "./lib/drill.ts";

/** The baseline every other drill breaks one thing of: a normal day pages nobody. */
export default defineDrill({
  summary: "A normal day: every component healthy, steady traffic",
  duration: "1h",
  expect: [],
  panels: [{ dashboard: "api-gateway", panel: "Request rate" }],
});
