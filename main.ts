// Entry point for `npm run synth` and for the cdktf CLI (cdktf.json runs this file with --cdktf).
// Run through sucrase's register hook: transpiled, never type-checked (`npm test` runs tsc once).
import { run } from "./src/cli";

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
