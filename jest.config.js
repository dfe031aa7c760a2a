// Tests are transpiled by sucrase, which strips types without checking them (the same
// transpiler `npm run synth` uses). Type-checking happens once, in `tsc --noEmit`, before jest
// runs: see the "test" script.
const os = require("os");

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
  testTimeout: 30000,
};
