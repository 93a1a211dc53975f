import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { onPath } from "./binaries.ts";

/**
 * A real server process for tests and benchmarks (Prometheus, Alertmanager): bound to
 * 127.0.0.1 on a free port, with a hard time limit. `stop()` always ends it; an exiting Node
 * process ends it too, and `timeout(1)` ends it if Node is killed outright.
 */
export interface ServerProcess {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Process id of the server's process group (`timeout` and the server). */
  pid: number;
  stop(): Promise<void>;
}

export interface ProcessOptions {
  /** The executable and its arguments, given the port to listen on. */
  command(port: number): [string, ...string[]];
  /** Hard limit on the server's life, in seconds: it is killed after this whatever happens. */
  lifetimeSeconds?: number;
  readyTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port found");
  return address.port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signal the whole process group: `timeout` and the server it runs. */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, sig);
  } catch {
    // already gone
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startOnce(o: ProcessOptions, port: number): Promise<ServerProcess> {
  const [binary, ...args] = o.command(port);
  const lifetime = String(o.lifetimeSeconds ?? 120);
  const [cmd, ...rest] = onPath("timeout")
    ? ["timeout", "--kill-after=5", lifetime, binary, ...args]
    : [binary, ...args];
  // detached: its own process group, so stop() reaches the server through `timeout`.
  const child = spawn(cmd!, rest, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8_000);
  });
  const onExit = () => signal(child, "SIGKILL");
  process.once("exit", onExit);

  const stop = async () => {
    process.removeListener("exit", onExit);
    if (exited(child)) return;
    signal(child, "SIGTERM");
    if (!(await waitForExit(child, 10_000))) {
      signal(child, "SIGKILL");
      await waitForExit(child, 5_000);
    }
  };

  const url = `http://127.0.0.1:${port}`;
  const timeout = o.readyTimeoutMs ?? 20_000;
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (exited(child)) {
      await stop();
      throw new Error(`${binary} exited before it was ready (code ${child.exitCode}):\n${stderr}`);
    }
    try {
      const r = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) return { url, pid: child.pid!, stop };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`${binary} was not ready within ${timeout} ms:\n${stderr}`);
}

/** Start the server; retried on another port if the free one was taken in between. */
export async function startServerProcess(o: ProcessOptions): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(o, await freePort());
    } catch (e) {
      if (attempt >= 3 || !String(e).includes("address already in use")) throw e;
    }
  }
}
