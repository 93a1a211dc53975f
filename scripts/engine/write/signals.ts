import { constants } from "node:os";

const exitSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let installed = false;

/**
 * From now on, Ctrl-C, SIGTERM and SIGHUP end the process with 128 + the signal's number, but
 * only once the write under way has committed or rolled back: Node hands a signal to JavaScript
 * between synchronous tasks, and the whole swap is one. Without a handler the default action
 * would kill the process mid-swap. (kill -9 cannot be caught: the next writer rolls back.)
 */
export function exitOnSignalsBetweenWrites(): void {
  if (installed) return;
  installed = true;
  for (const signal of exitSignals) {
    process.on(signal, () => process.exit(128 + constants.signals[signal]));
  }
}
