/**
 * Profile names: which checks run, at which severity (checks/profiles.ts says how). `platform`
 * holds our own sources to every house rule; `community` keeps what holds for any team's files.
 */
export const profileNames = ["platform", "community"] as const;
export type ProfileName = (typeof profileNames)[number];

/** The profile `npm run check` uses when neither --profile nor a config file names one. */
export const defaultProfile: ProfileName = "community";
