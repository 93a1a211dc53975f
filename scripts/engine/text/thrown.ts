/** A system error's code (`ENOENT`, `EISDIR`), else what the thrown value says. */
export const errorCode = (e: unknown): string =>
  (e as NodeJS.ErrnoException | undefined)?.code ?? thrownMessage(e);

/** What a thrown value says, whatever was thrown. */
export function thrownMessage(e: unknown): string {
  if (e instanceof Error) return `${e.name === "Error" ? "" : `${e.name}: `}${e.message}`;
  let text: string;
  try {
    text = typeof e === "string" ? JSON.stringify(e) : (JSON.stringify(e) ?? String(e));
  } catch {
    text = String(e);
  }
  return `${text} (a ${e === null ? "null" : typeof e} was thrown, not an Error)`;
}
