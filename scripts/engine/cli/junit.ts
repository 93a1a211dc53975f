/**
 * Findings as a JUnit XML report, for CI systems that show test results: one test suite per
 * file, one test case per finding (a failure when it fails the run, otherwise a passing case
 * whose output carries the warning), and a single passing case when there is nothing to say.
 */
import { describeWhere, order, type Finding } from "../findings.ts";

const escapeXml = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // XML 1.0 has no escape for most control characters: they go.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

function testcase(f: Finding, fails: boolean): string {
  const where = describeWhere(f.where);
  const name = escapeXml(`${f.rule}${where ? ` [${where}]` : ""}`);
  const file = escapeXml(f.where.file || "(model)");
  const head = `    <testcase classname="${file}" name="${name}"`;
  const body = escapeXml(`${f.severity} ${f.rule}: ${f.message}`);
  if (fails) {
    const first = escapeXml(f.message.split("\n")[0]!);
    return `${head}>\n      <failure type="${escapeXml(f.rule)}" message="${first}">${body}</failure>\n    </testcase>`;
  }
  return `${head}>\n      <system-out>${body}</system-out>\n    </testcase>`;
}

/** `failing` tells which findings fail the run (errors, and warnings under --strict). */
export function formatJunit(
  command: string,
  findings: readonly Finding[],
  failing: (f: Finding) => boolean,
): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of [...findings].sort(order)) {
    const file = f.where.file || "(model)";
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  const suites = [...byFile].map(([file, list]) => {
    const failures = list.filter(failing).length;
    const cases = list.map((f) => testcase(f, failing(f)));
    return `  <testsuite name="${escapeXml(file)}" tests="${list.length}" failures="${failures}" errors="0">\n${cases.join("\n")}\n  </testsuite>`;
  });
  if (suites.length === 0) {
    suites.push(
      `  <testsuite name="${command}" tests="1" failures="0" errors="0">\n    <testcase classname="${command}" name="every check passed"/>\n  </testsuite>`,
    );
  }
  const failures = findings.filter(failing).length;
  const tests = Math.max(findings.length, 1);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${command}" tests="${tests}" failures="${failures}" errors="0">\n${suites.join("\n")}\n</testsuites>\n`;
}
