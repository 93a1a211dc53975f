/**
 * A watch (`npm run build -- --watch`) as a child process, read by its event lines on stdout:
 * what the bench and the tests drive it with. `next` waits for the watch's own word (a line
 * `written: ...`, or with `--format json` an object with `event`), never for time to pass.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface WatchEvent {
  event: string;
  /** The line as printed. */
  line: string;
  /** With --format json: the whole object. */
  data?: Record<string, unknown>;
}

export interface WatchProcess {
  pid: number;
  /** The next event of one of these kinds; the events before it are passed over. */
  next(kinds: readonly string[]): Promise<WatchEvent>;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** Send `signal` and wait for the process to end. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const eventOf = (line: string): WatchEvent => {
  if (line.startsWith("{")) {
    const data = JSON.parse(line) as Record<string, unknown>;
    return { event: String(data.event), line, data };
  }
  return { event: line.slice(0, Math.max(0, line.indexOf(":"))), line };
};

export function startWatch(root: string, args: readonly string[] = []): WatchProcess {
  const child = spawn(
    process.execPath,
    [join(root, "scripts/launch.mjs"), "build", "--watch", ...args],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const queue: WatchEvent[] = [];
  let waiting: (() => void) | undefined;
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => {
      ended = { code, signal };
      waiting?.();
      resolve(ended);
    }),
  );
  createInterface({ input: child.stdout }).on("line", (line) => {
    queue.push(eventOf(line));
    waiting?.();
  });
  return {
    pid: child.pid!,
    async next(kinds) {
      for (;;) {
        const at = queue.findIndex((e) => kinds.includes(e.event));
        if (at >= 0) return queue.splice(0, at + 1).pop()!;
        queue.length = 0;
        if (ended) {
          throw new Error(
            `the watch ended (${ended.code ?? ended.signal}) before any ${kinds.join("/")} event:\n${stderr}`,
          );
        }
        await new Promise<void>((resolve) => (waiting = resolve));
        waiting = undefined;
      }
    },
    stderr: () => stderr,
    async stop(signal) {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
}
