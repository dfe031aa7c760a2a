// Tests are transpiled by sucrase, which strips types without checking them (the same
// transpiler `npm run synth` uses). Type-checking happens once, in `tsc --noEmit`, before jest
// runs: see the "test" script.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "\\.ts$": "@sucrase/jest-plugin" },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 30000,
};
