#!/usr/bin/env node
// `npx private-routing check <path>` and `npx private-routing [--config …]` (synth): the same entry
// as npm run synth / npm run check, transpiled by sucrase, never type-checked at run time.
require("sucrase/register");
require("../src/cli")
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
