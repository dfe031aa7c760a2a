import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../src/cli";
import { loadConfig } from "../src/config/load";
import { SCENARIOS } from "../src/init";
import { synthesize } from "../src/synth/synthesize";

// `private-routing init`: a starter per scenario that loads, plans and passes the checker as it
// is written; then `synth --config` without --out writes next to the configuration, never into
// the examples' generated/.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-init-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("init", () => {
  test.each(Object.keys(SCENARIOS))("%s: a commented starter that synthesizes as written", async (scenario) => {
    const file = path.join(tmp, `${scenario}.yaml`);
    const r = await cli(["init", scenario, "--out", file]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([`wrote ${file} (${scenario}). Next: private-routing synth --config ${file}`]);
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
