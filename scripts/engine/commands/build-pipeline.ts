/**
 * What `npm run build` does before it writes: sources -> model -> checks -> render -> (output
 * checks, promtool, amtool), every finding settled by the platform profile and the sources'
 * suppressions. The one-shot build and every rebuild of the watch run exactly this; the watch
 * hands in what it keeps between rebuilds (`BuildReuse`), so that only what a change touches
 * is read, checked and rendered again.
 */
import { modelChecks, outputChecks } from "../checks/index.ts";
import { platformSettings, runChecks, type CheckReuse } from "../checks/check.ts";
import { applyPolicy } from "../checks/policy.ts";
import { modelSuppressions, suppressionRule } from "../checks/suppressions.ts";
import { failing, type Finding } from "../findings.ts";
import type { Files, Model } from "../model/index.ts";
import type { PromtoolInput, PromtoolResult } from "../promtool/check-rules.ts";
import { verifyAlertmanagerConfig } from "../promtool/check-alertmanager.ts";
import { verifyRules } from "../promtool/verify-rules.ts";
import { renderAll, type RenderReuse } from "../render/index.ts";
import { loadSources } from "../sources/load.ts";
import type { ModelInputs } from "../sources/model-of.ts";

/** What a caller that builds the same sources over and over keeps between builds. */
export interface BuildReuse {
  /** The catalogue and schemas, when the caller knows they have not changed. */
  inputs?: ModelInputs;
  checks?: CheckReuse;
  render?: RenderReuse;
  promtool?: (inputs: PromtoolInput[]) => PromtoolResult;
  amtool?: (files: Files) => Finding[];
}

export interface Checked {
  model?: Model;
  /** What would be written: absent when a check failed (or the sources did not load). */
  files?: Files;
  /** Every finding, after the policy. */
  findings: Finding[];
  /** How many findings suppressions silenced. */
  suppressed: number;
}

export async function checkedBuild(
  root: string,
  strict: boolean,
  reuse: BuildReuse = {},
): Promise<Checked> {
  const { model, findings: sourceFindings } = await loadSources(root, reuse.inputs);
  // Our sources are held to the platform profile, with the suppressions written in them.
  const checks = [...modelChecks, ...outputChecks];
  const policy = {
    profile: "platform" as const,
    suppressions: model ? modelSuppressions(model) : [],
  };
  const settle = (all: Finding[]) => applyPolicy(all, checks, policy);
  // Whether a stage failed: what a suppression does not excuse (its own problems are for the end).
  const blocked = (all: Finding[]) =>
    failing(
      settle(all).findings.filter((f) => f.rule !== suppressionRule),
      strict,
    ).length > 0;
  const settings = model && platformSettings(model.platform);
  const opts = { settings, ...(reuse.checks ? { reuse: reuse.checks } : {}) };
  let findings = model
    ? [...sourceFindings, ...runChecks(modelChecks, model, opts)]
    : sourceFindings;
  let files;
  if (model && !blocked(findings)) {
    const out = renderAll(model, reuse.render);
    files = out.files;
    findings = [
      ...findings,
      ...out.findings,
      ...runChecks(outputChecks, model, { ...opts, files }),
    ];
    if (!blocked(findings)) {
      findings.push(
        ...verifyRules(model, files, reuse.promtool),
        ...(reuse.amtool ?? verifyAlertmanagerConfig)(files),
      );
    }
  }
  const settled = settle(findings);
  const failed = !files || failing(settled.findings, strict).length > 0;
  return {
    ...(model ? { model } : {}),
    ...(failed ? {} : { files }),
    findings: settled.findings,
    suppressed: settled.suppressed.length,
  };
}
