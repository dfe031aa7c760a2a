import * as path from "path";
import { App } from "../cdk/cdktf";
import type { DeploymentPlan } from "../plan/types";
import { DeploymentStack } from "../stacks/deployment-stack";

/**
 * The cdktf CLI's path (`cdktf synth`, `cdktf deploy <deployment>`): the same stacks, written by
 * cdktf itself into its output folder (CDKTF_OUTDIR, normally cdktf.out/). The CLI calls it only
 * after the same in-memory synth and compliance check as `npm run synth` (src/cli.ts).
 *
 * cdktf.out/ is rebuilt on every synth, so state must not live inside it: as cdktf does by
 * default, each deployment keeps its state at the project root, `terraform.<deployment>.tfstate`.
 * That path is absolute, which is fine here (cdktf.out/ is never committed) and is why generated/
 * does not come from this path.
 */
export function synthForCdktfCli(plans: readonly DeploymentPlan[]): void {
  const app = new App();
  for (const plan of plans) {
    // Local state at the project root, as cdktf does; remote backends as configured.
    new DeploymentStack(app, { plan, statePath: path.resolve(`terraform.${plan.name}.tfstate`) });
  }
  app.synth();
}
