#!/usr/bin/env node
// `private-routing [synth|check|init] …`. The installed package runs its compiled JavaScript
// (dist/); a clone of the project, which has the TypeScript sources, runs them through sucrase
// (transpiled, never type-checked at run time), so a stale dist/ is never used there.
const fs = require("fs");
const path = require("path");

const sources = path.join(__dirname, "..", "src", "cli.ts");
let cli;
if (fs.existsSync(sources)) {
  require("sucrase/register");
  cli = require("../src/cli");
} else cli = require("../dist/cli");
cli
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e) => {
    process.stderr.write(`internal error: ${e && e.message ? e.message : String(e)}\n`);
    if (process.env.PRIVATE_ROUTING_DEBUG) process.stderr.write(`${e && e.stack}\n`);
    process.stderr.write("This is a bug in private-routing; set PRIVATE_ROUTING_DEBUG=1 for details.\n");
    process.exitCode = 70;
  });
