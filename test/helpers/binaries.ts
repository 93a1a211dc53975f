import { missingBinaries } from "../../scripts/engine/prometheus/binaries.ts";

/**
 * For suites that need real binaries (promtool, prometheus, chromium): locally a missing one skips the
 * suite with a message naming it; in CI (CI=true) it fails the run, so the tests cannot vanish.
 * Use as `describe.skipIf(need.skip)(need.title("..."), ...)`.
 */
export function requireBinaries(names: string[]): { skip: boolean; title(name: string): string } {
  const missing = missingBinaries(names);
  if (missing.length === 0) return { skip: false, title: (name) => name };
  const why = `${missing.join(" and ")} not on PATH; npm run setup installs Debian's prometheus, prometheus-alertmanager and chromium packages`;
  if (process.env.CI === "true") throw new Error(`CI=true and ${why}: these tests must run in CI.`);
  console.warn(`Skipping tests that need ${missing.join(" and ")}: ${why}.`);
  return { skip: true, title: (name) => `${name} (skipped: ${why})` };
}
