// Entry point for `npm run synth` and for the cdktf CLI (cdktf.json runs this file with --cdktf).
// Run through sucrase's register hook: transpiled, never type-checked (`npm test` runs tsc once).
import { main } from "./src/cli";

process.exitCode = main(process.argv.slice(2));
