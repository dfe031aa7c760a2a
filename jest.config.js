// Tests are transpiled by sucrase, which strips types without checking them (the same
// transpiler `npm run synth` uses). Type-checking happens once, in `tsc --noEmit`, before jest
// runs: see the "test" script.
const os = require("os");
const crypto = require("crypto");
const { Buffer } = require("buffer");

/**
 * How much slower than a quiet 2-core machine this one is right now: a fixed workload (SHA-256
 * of 192 MiB in 48 runs: median 128–131 ms on this quiet 2-core machine on 2026-12-02, QUIET_MS
 * rounded up), the median of five, at least 1.
 * The median, not the best: a best run finds the one quiet time slice of a loaded machine (seen:
 * 23.6 ms of 23 with two other CPU-bound processes beside jest). Tests scale their time limits by
 * it (__tests__/support/time-budget.ts); the workers inherit it.
 */
function measuredSlowdown() {
  if (process.env.PRIVATE_ROUTING_TIME_FACTOR) return Number(process.env.PRIVATE_ROUTING_TIME_FACTOR);
  const QUIET_MS = 140;
  const data = Buffer.alloc(4 << 20, 7);
  const runs = [];
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 48; i++) crypto.createHash("sha256").update(data).digest();
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const median = runs.sort((a, b) => a - b)[2];
  // Rounded up to a quarter, at least 1; the load can grow after this, hence the room in each budget.
  return Math.max(1, Math.ceil((median / QUIET_MS) * 4) / 4);
}
process.env.PRIVATE_ROUTING_TIME_FACTOR = String(measuredSlowdown());

/** @type {import('jest').Config} */
module.exports = {
  // Two workers even on two cores: the Terraform tier mostly waits on terraform, which runs in
  // its own processes, while the other files run beside it.
  maxWorkers: Math.max(2, os.cpus().length - 1),
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "\\.ts$": "@sucrase/jest-plugin" },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  // Temporary files go to one folder per run, removed at the end (see global-setup.ts); jest's
  // own cache lives with the other caches in node_modules/.cache, not in the system temp folder.
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  // 60 s on a quiet machine (the slowest ordinary test takes about 15 s there), scaled by the slowdown.
  testTimeout: Math.ceil(60000 * Number(process.env.PRIVATE_ROUTING_TIME_FACTOR)),
};
