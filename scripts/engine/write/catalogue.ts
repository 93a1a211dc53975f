import { renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { errorCode } from "../text/thrown.ts";
import { writeDurably } from "./durable.ts";

/**
 * Write an imported catalogue file whole or not at all: flushed to a temporary file beside it,
 * then renamed over it (a reader never sees half a file; a link in its place is replaced, not
 * followed). Returns why it could not be written, or undefined.
 */
export function writeCatalogueFile(abs: string, content: string): string | undefined {
  const temp = join(dirname(abs), `.${basename(abs)}.${process.pid}.tmp`);
  try {
    writeDurably(temp, content);
    renameSync(temp, abs);
    return undefined;
  } catch (e) {
    rmSync(temp, { force: true });
    return errorCode(e);
  }
}
