import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SYNTH_USAGE } from "../src/cli";
import { cli } from "./support/cli";
import { fileTree } from "./support/file-tree";
import { GENERATOR } from "../src/synth/render";

/** The shipped command line (support/cli.ts) in a folder of its own (a package user's: no examples, no src/). */
async function inFolder(dir: string, argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await cli(argv);
  } finally {
    process.chdir(before);
  }
}
const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), "newcomer-"));
describe("a newcomer's command line (issue 32)", () => {
  test("--version prints the generator's name and version, which is package.json's", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "../package.json"), "utf8"));
    expect(GENERATOR).toBe(`private-routing ${pkg.version}`);
    for (const flag of ["--version", "-V", "version"])
      expect(await inFolder(fresh(), [flag])).toEqual({ code: 0, out: [GENERATOR], err: [] });
  });

  test("synth --help prints synth's options only; the global help lists the commands; neither offers --write-schema", async () => {
    const synth = await inFolder(fresh(), ["synth", "--help"]);
    expect(synth.out).toEqual([SYNTH_USAGE]);
    expect(synth.out[0]).toMatch(/^Usage: private-routing synth \[--config FILE\]/);
    expect(synth.out[0]).not.toContain("Commands:");
    const global = await inFolder(fresh(), ["--help"]);
    expect(global.out[0]).toContain("Commands:");
    for (const text of [synth.out[0], global.out[0]]) expect(text).not.toContain("--write-schema");
  });

  test("--write-schema outside a clone writes nothing and names the schema the package ships", async () => {
    const dir = fresh();
    const r = await inFolder(dir, ["--write-schema"]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "error: --write-schema is for a clone of the project (it rewrites its schema/private-routing.schema.json); the schema ships in the package: node_modules/private-routing/schema/private-routing.schema.json",
    ]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("init then synth with no --config: synth finds the file init wrote, and init's hint says npx", async () => {
    const dir = fresh();
    const init = await inFolder(dir, ["init", "privatelink"]);
    expect(init.out).toEqual(["wrote private-routing.yaml (privatelink). Next: npx private-routing synth --config private-routing.yaml"]);
    const synth = await inFolder(dir, ["synth", "--quiet"]);
    expect(synth.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "generated", "json", "privatelink-dualstack", "main.tf.json"))).toBe(true);
    // With neither file: the hint, not "no such file".
    const empty = await inFolder(fresh(), ["synth"]);
    expect(empty.code).toBe(2);
    expect(empty.err[0]).toBe("error: no configuration: give --config FILE, or write a starter with: private-routing init <scenario>");
  });

  test("check of a synth's output folder checks each module (the JSON twins), hubs and spokes together", async () => {
    const dir = fresh();
    await inFolder(dir, ["init", "privatelink"]);
    await inFolder(dir, ["synth", "--quiet"]);
    const r = await inFolder(dir, ["check", "generated"]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([
      `checking 1 module in ${path.join("generated", "json")} (their HCL twins in hcl/ plan identically): privatelink-dualstack`,
    ]);
    expect(r.out.some((l) => l.startsWith(path.join("generated", "json", "privatelink-dualstack")))).toBe(true);
    // A folder with nothing to check is still an input error.
    expect((await inFolder(fresh(), ["check", "."])).code).toBe(2);
  });

  test("a mistyped required key is one message; a mistyped Region gets a suggestion; a missing value is not 'got: nothing'", async () => {
    const dir = fresh();
    fs.writeFileSync(
      path.join(dir, "c.yaml"),
      [
        "deployments:",
        "  - name: a",
        "    regoin: us-east-1",
        "    network: { cidrBlock: 10.0.0.0/16, availabilityZones: [us-east-1a, us-east-1b] }",
        "  - name: b",
        "    region: us-est-1",
        "    network: { cidrBlock: 10.0.0.0/16, availabilityZones: [us-east-1a, us-east-1b] }",
        "  - region: us-east-1",
        "    network: { cidrBlock: 10.0.0.0/16, availabilityZones: [us-east-1a, us-east-1b] }",
        "",
      ].join("\n"),
    );
    const r = await inFolder(dir, ["--config", "c.yaml"]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'error: `deployments[0].regoin` is not a known key (did you mean region? it is required, and missing) (see docs/configuration.md), got: "us-east-1"',
      'error: `deployments[1].region` must be a known AWS Region of the aws partition (did you mean us-east-1?), e.g. us-east-1, got: "us-est-1"',
      "error: `deployments[2].name` is required",
      "3 problems in c.yaml; nothing was written.",
    ]);
  });

  test("init --cdktf writes cdktf.json whose app is this package's synth of the file beside it; an existing one is kept", async () => {
    const dir = fresh();
    const r = await inFolder(dir, ["init", "mwaa-private", "--out", "net work.yaml", "--cdktf"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "cdktf.json"), "utf8"))).toEqual({
      language: "typescript",
      app: 'npx --no-install private-routing synth --cdktf --config "net work.yaml"',
      projectId: "private-routing",
      sendCrashReports: "false",
      terraformProviders: [],
      terraformModules: [],
      context: {},
    });
    const again = await inFolder(dir, ["init", "mwaa-public", "--out", "other.yaml", "--cdktf"]);
    expect(again.code).toBe(1);
    expect(again.err).toEqual(["error: cdktf.json exists; give another --out, or --force to overwrite it. Nothing was written."]);
    expect(fs.existsSync(path.join(dir, "other.yaml"))).toBe(false);
  });

  test("synth --cdktf prints the synth's warnings on standard output: the cdktf CLI labels its app's standard error [ERROR]", async () => {
    const dir = fresh();
    await inFolder(dir, ["init", "mwaa-private"]);
    const yaml = fs.readFileSync(path.join(dir, "private-routing.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, "private-routing.yaml"), yaml.replace(/us-east-1/g, "eu-north-1"));
    const saved = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = path.join(dir, "cdktf.out");
    try {
      const r = await inFolder(dir, ["synth", "--cdktf"]);
      expect(r.code).toBe(0);
      expect(r.err).toEqual([]);
      expect(r.out).toContain(
        "warning: mwaa-private: no rate recorded for eu-north-1 in the PrivateLink price table of 2026-11-22 (docs/aws-facts.md); estimated at the us-east-1 rate: see aws.amazon.com/privatelink/pricing",
      );
      expect(fs.existsSync(path.join(dir, "cdktf.out", "stacks", "mwaa-private", "cdk.tf.json"))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved;
    }
  });

  test("the output is the same wherever it is written: no path of the machine in any file, Terraform byte for byte anywhere", async () => {
    // The same layout in two places, given relative in one and absolute in the other: every file alike.
    const [one, two] = [fresh(), fresh()];
    for (const dir of [one, two]) await inFolder(dir, ["init", "existing-vpc"]);
    expect((await inFolder(one, ["synth", "-q", "--out", "out/first"])).code).toBe(0);
    expect(
      (await inFolder(two, ["synth", "-q", "--config", path.join(two, "private-routing.yaml"), "--out", path.join(two, "out", "first")]))
        .code,
    ).toBe(0);
    const ta = fileTree(path.join(one, "out", "first"));
    const tb = fileTree(path.join(two, "out", "first"));
    expect(Object.keys(ta).length).toBeGreaterThan(4);
    // (Compared by name: a base64 diff would say nothing.)
    expect(Object.keys(ta).filter((k) => ta[k] !== tb[k])).toEqual([]);
    expect(Object.keys(tb).sort()).toEqual(Object.keys(ta).sort());
    // Anywhere else: the Terraform is the same; a README names its configuration from its own folder.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "elsewhere-"));
    expect((await inFolder(one, ["synth", "-q", "--out", elsewhere])).code).toBe(0);
    const tc = fileTree(elsewhere);
    expect(Object.keys(ta).filter((k) => /\.tf(\.json)?$/.test(k) && ta[k] !== tc[k])).toEqual([]);
    for (const t of [ta, tc])
      for (const [file, content] of Object.entries(t)) {
        const text = Buffer.from(content, "base64").toString("utf8");
        expect({ file, machine: [one, two, elsewhere, os.tmpdir(), os.homedir()].filter((m) => text.includes(m)) }).toEqual({
          file,
          machine: [],
        });
      }
    const readme = Buffer.from(ta["json/mwaa-existing-vpc/README.md"], "base64").toString("utf8");
    expect(readme).toContain("the same module in HCL is `../../hcl/mwaa-existing-vpc`");
    expect(readme).toContain("npx private-routing synth --config ../../../../private-routing.yaml --out ../..");
  });
});
