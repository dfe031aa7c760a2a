import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "./support/cli";
import { loadConfig } from "../src/config/load";
import { SCENARIOS } from "../src/init";
import { synthesize } from "../src/synth/synthesize";
import { SINGLE_AZ_YAML } from "./support/fixtures";

// `private-routing init`: a starter per scenario that loads, plans and passes the checker as it
// is written; then `synth --config` without --out writes next to the configuration, never into
// the examples' generated/.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-init-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("init", () => {
  test.each(Object.keys(SCENARIOS))("%s: a commented starter that synthesizes as written", async (scenario) => {
    const file = path.join(tmp, `${scenario}.yaml`);
    const r = await cli(["init", scenario, "--out", file]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([`wrote ${file} (${scenario}). Next: npx private-routing synth --config ${file}`]);
    const text = fs.readFileSync(file, "utf8");
    expect(text.startsWith(`# Starter configuration (${scenario}): `)).toBe(true);
    const { config, plans } = loadConfig(file);
    expect(config.deployments.map((d) => d.name)).toEqual([SCENARIOS[scenario].example]);
    // Every stack is rendered and checked; a violated requirement would throw.
    expect(synthesize(plans).stacks).toHaveLength(1);
  });

  test("an existing file is kept unless --force; an unknown scenario suggests the closest", async () => {
    const file = path.join(tmp, "mine.yaml");
    fs.writeFileSync(file, "# mine\n");
    const kept = await cli(["init", "privatelink", "--out", file]);
    expect(kept.code).toBe(1);
    expect(kept.err[0]).toBe(`error: ${file} exists; give another --out, or --force to overwrite it. Nothing was written.`);
    expect(fs.readFileSync(file, "utf8")).toBe("# mine\n");
    expect((await cli(["init", "privatelink", "--out", file, "--force"])).code).toBe(0);
    const unknown = await cli(["init", "apprunnr"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toBe("error: unknown scenario apprunnr (did you mean apprunner?)");
  });

  test("synth --config without --out writes generated/ next to the configuration, and the examples' generated/ is untouched", async () => {
    const dir = path.join(tmp, "project");
    fs.mkdirSync(dir);
    const file = path.join(dir, "network.yaml");
    expect((await cli(["init", "mwaa-private", "--out", file])).code).toBe(0);
    const before = fs.readFileSync("generated/manifest.json");
    const r = await cli(["synth", "--config", file, "--quiet"]);
    expect(r).toEqual({ code: 0, out: [], err: [] });
    expect(fs.existsSync(path.join(dir, "generated/json/mwaa-private/main.tf.json"))).toBe(true);
    expect(fs.readFileSync("generated/manifest.json").equals(before)).toBe(true);
  });
});

test("the generated READMEs name the user's own folders and the command that regenerates them, relative to the module, never absolute", async () => {
  const dir = path.join(tmp, "readme");
  fs.mkdirSync(dir);
  const file = path.join(dir, "net.yaml");
  expect((await cli(["init", "privatelink", "--out", file])).code).toBe(0);
  const out = path.join(dir, "infra");
  expect((await cli(["synth", "--config", file, "--out", out, "--quiet"])).code).toBe(0);
  const readme = fs.readFileSync(path.join(out, "hcl/privatelink-dualstack/README.md"), "utf8");
  // Given absolute paths, the README names them relative to the module's folder: no path of this
  // machine in a generated file, and the same README wherever the tree is written.
  expect(readme).toContain("run `npx private-routing synth --config ../../../net.yaml --out ../..`");
  expect(readme).toContain("(`npx private-routing check .` repeats it)");
  expect(readme).toContain("the same module in JSON is `../../json/privatelink-dualstack`");
  expect(readme).toContain("# in this module's folder\n");
  expect(readme).not.toContain(dir);
  expect(readme).not.toContain("generated/");
  expect(readme).not.toContain("npm run");
});

test("a *.tf file of the user's own in a module folder survives every synth and is never in the manifest", async () => {
  const dir = path.join(tmp, "extension");
  fs.mkdirSync(dir);
  const file = path.join(dir, "net.yaml");
  expect((await cli(["init", "mwaa-private", "--out", file])).code).toBe(0);
  expect((await cli(["synth", "--config", file, "--quiet"])).code).toBe(0);
  const mine = path.join(dir, "generated/hcl/mwaa-private/peering.tf");
  fs.writeFileSync(mine, 'resource "aws_route" "to_shared" {\n  route_table_id = "rtb-0123456789abcdef0"\n}\n');
  // A changed configuration rewrites the generated files; the user's file stays as written.
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("10.20.0.0/16", "10.21.0.0/16"));
  expect((await cli(["synth", "--config", file, "--quiet"])).code).toBe(0);
  expect(fs.readFileSync(path.join(dir, "generated/hcl/mwaa-private/main.tf"), "utf8")).toContain("10.21.0.0/16");
  expect(fs.readFileSync(mine, "utf8")).toContain("to_shared");
  expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "generated/manifest.json"), "utf8")).files)).not.toContain(
    "hcl/mwaa-private/peering.tf",
  );
});

test("allowSingleAz is honoured by the synth's own check: PL-1 is an accepted warning there and in check, recorded in the module", async () => {
  const dir = path.join(tmp, "single");
  fs.mkdirSync(dir);
  const file = path.join(dir, "single.yaml");
  fs.writeFileSync(file, SINGLE_AZ_YAML);
  const synth = await cli(["synth", "--config", file, "--quiet"]);
  const warning =
    "aws_vpc_endpoint.endpoints_kms: is in 1 AZ (accepted: network.allowSingleAz: a single-AZ network, for non-production use)";
  expect(synth).toEqual({ code: 0, out: [], err: [`warning: single: PL-1 ${warning}`] });
  // Also as an output, which a plan keeps (accepted.terraform.test.ts checks a plan of this module).
  expect(JSON.parse(fs.readFileSync(path.join(dir, "generated/json/single/main.tf.json"), "utf8")).output.private_routing_accepted).toEqual(
    {
      description:
        "Requirements this deployment relaxes on purpose (rule ID: why); private-routing check reports them as accepted warnings, on a plan too",
      value: { "PL-1": "network.allowSingleAz: a single-AZ network, for non-production use" },
    },
  );
  for (const format of ["json", "hcl"]) {
    const check = await cli(["check", path.join(dir, "generated", format, "single")]);
    expect(check.code).toBe(0);
    expect(check.out).toContain(`  WARN   PL-1      ${warning}`);
  }
  // The HCL without its header comment: the output alone carries the acceptance (as hand-written Terraform would).
  const hcl = path.join(dir, "generated/hcl/single/main.tf");
  fs.writeFileSync(hcl, fs.readFileSync(hcl, "utf8").replace(/^# private-routing accepted: .*\n/m, ""));
  expect(fs.readFileSync(hcl, "utf8")).not.toContain("# private-routing accepted");
  const fromOutput = await cli(["check", path.dirname(hcl)]);
  expect(fromOutput.code).toBe(0);
  expect(fromOutput.out).toContain(`  WARN   PL-1      ${warning}`);
  // Without allowSingleAz a single AZ is still refused.
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(", allowSingleAz: true", ""));
  expect((await cli(["synth", "--config", file, "--quiet"])).code).toBe(1);
});

test("a renamed deployment is reported as removed and added, with how to move its state", async () => {
  const dir = path.join(tmp, "rename");
  fs.mkdirSync(dir);
  const file = path.join(dir, "net.yaml");
  expect((await cli(["init", "privatelink", "--out", file])).code).toBe(0);
  expect((await cli(["synth", "--config", file, "--quiet"])).code).toBe(0);
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("name: privatelink-dualstack", "name: endpoints"));
  const r = await cli(["synth", "--config", file, "--quiet"]);
  expect(r.code).toBe(0);
  expect(r.err).toEqual([
    "warning: deployments removed (privatelink-dualstack) and added (endpoints) in one synth: if one was renamed and already applied, its state does not follow: move it (terraform state mv, or moved blocks; for a remote backend, its state key) before applying the new one (docs/upgrading.md)",
  ]);
});
