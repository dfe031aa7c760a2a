import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli";

async function check(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(["check", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-check-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of a generated JSON module with one change, in a temp folder. */
function mutated(name: string, change: (tf: any) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const tf = JSON.parse(fs.readFileSync(path.join("generated", "json", name, "main.tf.json"), "utf8"));
  change(tf);
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(tf));
  return dir;
}

describe("check CLI", () => {
  test("exit 0 and a table for compliant modules, JSON and HCL", async () => {
    const r = await check(["generated/json/mwaa-private", "generated/hcl/mwaa-private"]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      "generated/json/mwaa-private  [mwaa-private, security]",
      "  13 rules: 13 passed, 0 failed, 0 could not be verified",
      "generated/hcl/mwaa-private  [mwaa-private, security]",
      "  13 rules: 13 passed, 0 failed, 0 could not be verified",
    ]);
  });

  test("exit 1 with the rule ID and address when a requirement is violated", async () => {
    const dir = mutated("mwaa-private", (tf) => delete tf.resource.aws_vpc_endpoint.mwaa_kms);
    const r = await check([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("  FAIL   MWAA-P5   -: missing interface endpoint kms");
  });

  test("JSON and SARIF 2.1.0 output", async () => {
    const dir = mutated("mwaa-private", (tf) => (tf.resource.aws_vpc_endpoint.mwaa_sqs.private_dns_enabled = false));
    const json = JSON.parse((await check([dir, "--format", "json"])).out.join("\n"));
    expect(json[0].findings).toEqual([{ ruleId: "MWAA-P6", severity: "error", status: "fail", address: "aws_vpc_endpoint.mwaa_sqs", message: "private DNS is off" }]);
    const sarif = JSON.parse((await check([dir, "--format", "sarif"])).out.join("\n"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain("MWAA-P6");
    expect(sarif.runs[0].results).toEqual([
      {
        ruleId: "MWAA-P6",
        level: "error",
        message: { text: "aws_vpc_endpoint.mwaa_sqs: private DNS is off" },
        locations: [{ physicalLocation: { artifactLocation: { uri: dir } }, logicalLocations: [{ fullyQualifiedName: "aws_vpc_endpoint.mwaa_sqs" }] }],
      },
    ]);
  });

  test.each([
    [["--profile", "nope", "generated/json/mwaa-private"], "error: unknown profile nope (known: mwaa-private, mwaa-public, mwaa-environment, apprunner, privatelink, lattice, security)"],
    [["--format", "xml", "generated/json/mwaa-private"], "error: --format must be table, json or sarif, got: xml"],
    [[], "error: name at least one path to check"],
  ])("usage error %j exits 2", async (args, message) => {
    const r = await check(args);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(message);
  });

  test("plan JSON (terraform show -json): references are followed and findings name the address", async () => {
    const r = await check(["__tests__/fixtures/plan-open-ingress.json", "--format", "json"]);
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.out.join("\n"));
    expect(result.profiles).toEqual(["security"]);
    expect(result.findings).toEqual([{ ruleId: "SEC-1", severity: "error", status: "fail", address: "aws_vpc_security_group_ingress_rule.ssh", message: "admits 0.0.0.0/0" }]);
  });

  test("unreadable input exits 2 with the reason", async () => {
    fs.writeFileSync(path.join(tmp, "bad.tf.json"), "{ nope");
    expect((await check([path.join(tmp, "missing")])).err).toEqual([`error: ${path.join(tmp, "missing")}: no such file or folder`]);
    const bad = await check([path.join(tmp, "bad.tf.json")]);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/^error: .*bad\.tf\.json: not valid JSON \(.+\)$/);

  });
});

describe("rules reference", () => {
  test("docs/rules.md is generated from the rule definitions and current (run `npm run rules-doc`)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { rulesReference } = require("../../src/check/rules-doc");
    expect(fs.readFileSync("docs/rules.md", "utf8")).toBe(rulesReference());
    expect(rulesReference()).toContain("## MWAA-P5");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(fs.readFileSync("docs/value-rules.md", "utf8")).toBe(require("../../src/check/rules-doc").valueRulesReference());
  });
});
