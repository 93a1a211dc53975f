/** A string as a regex that matches exactly it (RE2, as Prometheus and its relabelling use). */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
