/**
 * Reading a file the user named or a folder holds: its text, or why not in words, never an
 * exception. Files larger than the input limit (limits.ts) are not read at all.
 */
import { readFileSync, statSync } from "node:fs";
import { limits } from "../limits.ts";
import { errorCode } from "../text/thrown.ts";

/** Why a path cannot be read, in words. */
export function unreadableWhy(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return "it is a folder";
  if (code === "ENOENT") return "it does not exist, or is a link to nothing: check the path";
  if (code === "EACCES") return "permission denied";
  return errorCode(e);
}

/** A file's text, or why it was not read: it cannot be, or it is larger than the limit. */
export function readText(abs: string): { text: string } | { problem: string } {
  try {
    const size = statSync(abs).size;
    if (size > limits.fileBytes) {
      return {
        problem: `it is ${Math.round(size / 2 ** 20)} MiB: files larger than ${limits.fileBytes / 2 ** 20} MiB are not read`,
      };
    }
    return { text: readFileSync(abs, "utf8") };
  } catch (e) {
    return { problem: unreadableWhy(e) };
  }
}
