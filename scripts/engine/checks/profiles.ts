/**
 * Profiles: which checks run, at which severity. `platform` is every check at its own
 * severity: what our build holds our sources to. `community` keeps the checks that hold for any
 * team's dashboards and rules, and leaves out our house rules (a description on every panel, our
 * severity labels, datasource variables, $__rate_interval, ...): the default of `npm run check`
 * on files that are not ours.
 */
import type { Severity } from "../findings.ts";
import type { ProfileName } from "../model/profiles.ts";
import type { Check } from "./check.ts";

export { defaultProfile, profileNames, type ProfileName } from "../model/profiles.ts";

/** A check's severity under a profile, or "off" when the profile leaves it out. */
export const severityIn = (check: Check, profile: ProfileName): Severity | "off" =>
  profile === "platform" ? check.severity : (check.profiles[profile] ?? check.severity);
