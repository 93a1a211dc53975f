/**
 * Prometheus durations as Prometheus parses them (common/model ParseDuration): units from
 * largest to smallest, each at most once, integers only: 5m, 1h30m, 90s, 500ms; "0" is zero.
 */
const durationPattern = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/** Why `value` is not a Prometheus duration (longer than zero unless `zero` is allowed). */
export function durationProblem(value: unknown, zero = true): string | undefined {
  if (typeof value !== "string") return `${JSON.stringify(value)} is not a duration string`;
  if (value === "0" || (value !== "" && durationPattern.test(value))) {
    if (!zero && /^[0ywdhms]+$/.test(value))
      return `"${value}" is zero, where a length of time is needed`;
    return undefined;
  }
  return `"${value}" is not a Prometheus duration: write it like 30s, 5m or 1h30m (units y, w, d, h, m, s, ms, largest first, whole numbers)`;
}
