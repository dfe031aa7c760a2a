import { App } from "../cdk/cdktf";
import type { DeploymentsConfig } from "../config/schema";
import { DeploymentStack } from "../stacks/deployment-stack";
import { renderStack, RenderedStack } from "./render";

/** Where each root module goes, relative to the output folder. */
export function stackPaths(name: string): { json: string; hcl: string } {
  return { json: `json/${name}/main.tf.json`, hcl: `hcl/${name}/main.tf` };
}

export interface Synthesized {
  readonly stacks: readonly RenderedStack[];
  /** Every file of the output folder: relative path -> content. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Builds every deployment's stack and renders it, all in memory: nothing is written until every
 * stack has rendered, so an error leaves the output folder as it was.
 */
export function synthesize(config: DeploymentsConfig): Synthesized {
  // One app per synth; the outdir is never written to (rendering is ours, see render.ts).
  const app = new App({ outdir: "cdktf.out", skipValidation: true });
  const stacks = config.deployments.map((deployment) => renderStack(new DeploymentStack(app, { deployment })));
  const files = new Map<string, string>();
  for (const s of stacks) {
    const p = stackPaths(s.name);
    files.set(p.json, s.json);
    files.set(p.hcl, s.hcl);
  }
  return { stacks, files };
}
