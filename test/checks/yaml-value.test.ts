import { describe, expect, it } from "vitest";
import { yamlValue } from "../../scripts/engine/checks/yaml-value.ts";

describe("yamlValue", () => {
  it("reads a text once: the same text again gives the very same value", () => {
    const text = "scrape_configs:\n  - job_name: api-gateway\n";
    const first = yamlValue(text);
    expect(first).toEqual({ scrape_configs: [{ job_name: "api-gateway" }] });
    expect(yamlValue(`${text}`)).toBe(first);
  });

  it("gives undefined for a text that does not parse, and for two documents", () => {
    expect(yamlValue("a: [1, 2\n")).toBeUndefined();
    expect(yamlValue("a: 1\n---\nb: 2\n")).toBeUndefined();
  });
});
