import { closeSync, fsyncSync, openSync, writeFileSync } from "node:fs";

/** Write `content` to `path` and flush it to disk before returning. */
export function writeDurably(path: string, content: string): void {
  const fd = openSync(path, "w");
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
