import * as fs from "fs";

/** Removes the run's temporary folder (see global-setup.ts) and gives TMPDIR back. */
export default function globalTeardown(): void {
  const runTmp = process.env.PRIVATE_ROUTING_RUN_TMPDIR;
  if (runTmp && runTmp.includes("private-routing-tests-")) fs.rmSync(runTmp, { recursive: true, force: true });
  process.env.TMPDIR = process.env.PRIVATE_ROUTING_SYSTEM_TMPDIR;
}
