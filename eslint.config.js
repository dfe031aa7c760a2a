// ESLint (flat config) with typescript-eslint's recommended rules, without type information: the
// type-check is `tsc --noEmit`, once, in `npm test`. Formatting is Prettier's (eslint-config-prettier
// turns off the rules that would fight it).
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const prettier = require("eslint-config-prettier");

module.exports = tseslint.config(
  { ignores: ["node_modules/", "generated/", "cdktf.out/", "dist/", "coverage/"] },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: {
      // Unused names are errors, except a deliberately ignored `_x`.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Tests and the CLI load some modules lazily on purpose (hcl2json's WebAssembly, the checker).
      "@typescript-eslint/no-require-imports": "off",
      // Commands write through CliIo (testable, colour rules in one place), not the console.
      "no-console": "error",
    },
  },
  {
    // A fixed choice of the project: cdktf and the AWS provider are imported in src/cdk/ only, so a
    // move to CDK Terrain stays a change to two files; and deep provider imports only.
    files: ["src/**/*.ts", "main.ts"],
    ignores: ["src/cdk/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["cdktf", "constructs", "@cdktf/provider-aws"].map((name) => ({
            name,
            message: "Import cdktf, constructs and the provider through src/cdk/ only.",
          })),
          patterns: [
            {
              regex: "^(cdktf|constructs|@cdktf/provider-aws)/",
              message: "Import cdktf, constructs and the provider through src/cdk/ only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/cdk/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message: "Deep provider imports only (@cdktf/provider-aws/lib/<resource>): the root import loads every resource.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
