import * as os from "os";
import { App } from "../cdk/cdktf";
import type { DeploymentPlan } from "../plan/types";
import { DeploymentStack } from "../stacks/deployment-stack";
import { blockingFindings } from "../check/run";
import type { Finding } from "../check/rule";
import { GENERATOR, renderStack, RenderedStack } from "./render";
import { runCheck } from "../check/run";
import { withHubs } from "../check/hubs";
import { stackReadme, SynthOrigin } from "./stack-readme";

/** Where each root module goes, relative to the output folder. */
export function stackPaths(name: string): { json: string; hcl: string; jsonReadme: string; hclReadme: string } {
  return {
    json: `json/${name}/main.tf.json`,
    hcl: `hcl/${name}/main.tf`,
    jsonReadme: `json/${name}/README.md`,
    hclReadme: `hcl/${name}/README.md`,
  };
}

export interface Synthesized {
  readonly stacks: readonly RenderedStack[];
  /** Every file of the output folder: relative path -> content (text, or bytes for uploaded files). */
  readonly files: ReadonlyMap<string, string | Buffer>;
}

/**
 * Builds every deployment's stack and renders it (JSON, HCL and a README for each), all in memory:
 * nothing is written until every stack has rendered, so an error leaves the output folder as it
 * was. `onStack` hears of each stack as it is done, for progress lines.
 */
export function synthesize(
  plans: readonly DeploymentPlan[],
  onStack?: (stack: RenderedStack, ms: number) => void,
  /** The user's --config and --out, for the READMEs' folders and commands; undefined for the examples. */
  origin?: SynthOrigin,
): Synthesized {
  // One app per synth; its outdir is never written to (rendering is ours, see render.ts). cdktf's
  // App creates a missing outdir with existsSync + mkdirSync, which two synths started at once
  // race on (EEXIST): an outdir that always exists, the system temp folder, avoids both the race
  // and a stray cdktf.out/ in the user's working directory.
  const app = new App({ outdir: os.tmpdir(), skipValidation: true });
  const rendered: RenderedStack[] = [];
  for (const plan of plans) {
    const started = process.hrtime.bigint();
    const s = renderStack(new DeploymentStack(app, { plan }));
    rendered.push(s);
    onStack?.(s, Number((process.hrtime.bigint() - started) / 1000000n));
  }
  // A spoke is judged through its hub, as `check HUB SPOKE` does: the hub's endpoints count for it.
  const stacks = rendered.map((s) => {
    const hubName = plans.find((pl) => pl.name === s.name)?.spoke?.hub;
    const hub = hubName === undefined ? undefined : rendered.find((h) => h.name === hubName);
    return hub ? { ...s, check: runCheck(withHubs([hub.model, s.model])[1]) } : s;
  });
  // Every stack is checked before anything is written: a violated requirement stops the synth.
  const blocking = stacks.flatMap((s) => blockingFindings(s.check).map((f) => ({ ...f, stack: s.name })));
  if (blocking.length > 0) throw new ComplianceError(blocking);
  const files = new Map<string, string | Buffer>();
  for (const s of stacks) {
    // Local files the module uploads (MWAA requirements, plugins, startup script), beside each twin.
    for (const u of plans.find((pl) => pl.name === s.name)?.mwaaEnvironment?.uploads ?? []) {
      files.set(`json/${s.name}/files/${u.key}`, u.content);
      files.set(`hcl/${s.name}/files/${u.key}`, u.content);
    }
    const p = stackPaths(s.name);
    const tf = s.terraform;
    files.set(p.json, s.json);
    files.set(
      p.jsonReadme,
      stackReadme({
        deployment: s.name,
        generator: GENERATOR,
        format: "json",
        tf,
        profiles: s.profiles,
        endpointCost: s.endpointCost,
        check: s.check,
        origin,
      }),
    );
    files.set(p.hcl, s.hcl);
    files.set(
      p.hclReadme,
      stackReadme({
        deployment: s.name,
        generator: GENERATOR,
        format: "hcl",
        tf,
        profiles: s.profiles,
        endpointCost: s.endpointCost,
        check: s.check,
        origin,
      }),
    );
  }
  return { stacks, files };
}

/** A generated stack violates a requirement the checker knows: nothing is written. */
export class ComplianceError extends Error {
  constructor(readonly findings: readonly (Finding & { stack: string })[]) {
    super(findings.map((f) => `${f.stack}: ${f.ruleId} ${f.address}: ${f.message}`).join("\n"));
    this.name = "ComplianceError";
  }
}
