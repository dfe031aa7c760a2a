/**
 * One temporary folder per test run: everything the tests (and the libraries they call: cdktf's
 * `Testing.app()`, Terraform, moto) put in the system temp folder goes there, and
 * global-teardown.ts removes it, so a run leaves the system temp folder as it found it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export default function globalSetup(): void {
  const systemTmp = os.tmpdir();
  const runTmp = fs.mkdtempSync(path.join(systemTmp, "private-routing-tests-"));
  process.env.PRIVATE_ROUTING_SYSTEM_TMPDIR = systemTmp;
  process.env.PRIVATE_ROUTING_RUN_TMPDIR = runTmp;
  // os.tmpdir() reads TMPDIR on every call, in this process and in the workers jest starts next.
  process.env.TMPDIR = runTmp;
}
