import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * What processes a test started are doing, read from Linux /proc: which are still alive and
 * where they listen. `procSupported` is false elsewhere; callers then skip those assertions.
 */
export const procSupported = existsSync("/proc/net/tcp");

/** Pids of live processes whose command line contains `text` (a unique temp dir, say). */
export function processesMentioning(text: string): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** /proc/net/tcp writes IPv4 addresses as little-endian hex, `0100007F:1F90`. */
function decode(hex: string): string {
  const [ip, port] = hex.split(":") as [string, string];
  const host =
    ip.length === 8
      ? [3, 2, 1, 0].map((i) => parseInt(ip.slice(i * 2, i * 2 + 2), 16)).join(".")
      : ip === "0".repeat(32)
        ? "[::]"
        : ip === "00000000000000000000000001000000"
          ? "[::1]"
          : `[${ip}]`;
  return `${host}:${parseInt(port, 16)}`;
}

/** Local addresses (`127.0.0.1:9090`) the process has TCP sockets listening on. */
export function listeningAddresses(pid: number): string[] {
  const inodes = socketInodes(pid);
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    existsSync(table)
      ? readFileSync(table, "utf8")
          .split("\n")
          .slice(1)
          .map((line) => line.trim().split(/\s+/))
          // Column 3 is the state (0A: LISTEN), column 9 the socket inode.
          .filter((cols) => cols[3] === "0A" && inodes.has(cols[9] ?? ""))
          .map((cols) => decode(cols[1]!))
      : [],
  );
}
