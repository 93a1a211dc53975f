import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The test files share their workers' modules: each file importing the engine, the SDK and
    // the sources afresh cost about 1 s of CPU (test/checks: 62 -> 10 s). Safe because no test
    // mocks a module or changes process-wide state (env, cwd, exit code), and the engine's
    // caches are keyed by content (a query's text, an object).
    isolate: false,
  },
});
