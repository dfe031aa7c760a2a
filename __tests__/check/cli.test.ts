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
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mutated(name: string, change: (tf: any) => void): string {
  const tf = JSON.parse(fs.readFileSync(path.join("generated", "json", name, "main.tf.json"), "utf8"));
  change(tf);
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(tf, null, 2));
  return dir;
}

describe("check CLI", () => {
  test("exit 0 and a table for compliant modules, JSON and HCL", async () => {
    const r = await check(["generated/json/mwaa-private", "generated/hcl/mwaa-private"]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      "generated/json/mwaa-private  [mwaa-private, security]",
      "  14 rules: 12 passed, 0 failed, 0 could not be verified, 2 not applicable (nothing to check: SEC-2, SEC-3)",
      "generated/hcl/mwaa-private  [mwaa-private, security]",
      "  14 rules: 12 passed, 0 failed, 0 could not be verified, 2 not applicable (nothing to check: SEC-2, SEC-3)",
    ]);
  });

  test("a violation the module accepts is a warning with its reason, counted apart from failures (exit 0); the same rule without the acceptance fails", async () => {
    const r = await check(["generated/hcl/lattice-owner"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "  11 rules: 4 passed, 0 failed, 1 accepted as deviations, 0 could not be verified, 6 not applicable (nothing to check: LAT-4, LAT-5, LAT-6, LAT-7, SEC-2, SEC-3)",
    );
    const bare = mutated("lattice-owner", (tf) => {
      delete tf.output.private_routing_accepted;
      delete tf["//"].private_routing.accepted;
    });
    const refused = await check([bare]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      "  FAIL   SEC-1     aws_vpc_security_group_ingress_rule.lattice_gateway_ingress_all_tcp_ipv4: admits 0.0.0.0/0",
    );
  });

  test("an acceptance that names a resource covers that resource only: another rule from anywhere in the module still fails", async () => {
    const another = mutated("lattice-owner", (tf) => {
      tf.resource.aws_vpc_security_group_ingress_rule.open = {
        security_group_id: "${aws_security_group.lattice_rc_service1_target.id}",
        cidr_ipv4: "0.0.0.0/0",
        ip_protocol: "tcp",
        from_port: 22,
        to_port: 22,
      };
    });
    const stillRefused = await check([another]);
    expect(stillRefused.code).toBe(1);
    expect(stillRefused.out).toContain("  FAIL   SEC-1     aws_vpc_security_group_ingress_rule.open: admits 0.0.0.0/0");
  });

  test("the table prints at most 50 finding lines per module, then a count; JSON keeps every finding", async () => {
    const many = mutated("lattice-owner", (tf) => {
      for (let i = 0; i < 70; i++)
        tf.resource.aws_vpc_security_group_ingress_rule[`open_${i}`] = {
          security_group_id: "${aws_security_group.lattice_rc_service1_target.id}",
          cidr_ipv4: "0.0.0.0/0",
          ip_protocol: "tcp",
          from_port: 1000 + i,
          to_port: 1000 + i,
        };
    });
    const table = await check([many]);
    expect(table.code).toBe(1);
    const rows = table.out.filter((l) => /^ {2}(FAIL|WARN|CANNOT VERIFY|NOT FOLLOWED|NOT EXPANDED) /.test(l));
    expect(rows).toHaveLength(50);
    const json = JSON.parse((await check([many, "--format", "json"])).out.join("\n")) as { findings: unknown[] }[];
    const total = json[0].findings.length;
    expect(total).toBeGreaterThanOrEqual(70);
    expect(table.out).toContain(`  … and ${total - 50} more lines like these: --format json or sarif lists every one`);
    expect(table.out[table.out.length - 1]).toMatch(/^ {2}\d+ rules: /);
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
    expect(json[0].findings).toEqual([
      { ruleId: "MWAA-P6", severity: "error", status: "fail", address: "aws_vpc_endpoint.mwaa_sqs", message: "private DNS is off" },
    ]);
    const sarif = JSON.parse((await check([dir, "--format", "sarif"])).out.join("\n"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain("MWAA-P6");
    // Rules with nothing to look at are SARIF's "notApplicable" results (level none), after the findings.
    const notApplicable = sarif.runs[0].results.filter((r: { kind?: string }) => r.kind === "notApplicable");
    expect(notApplicable.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toEqual(["SEC-2 none", "SEC-3 none"]);
    expect(sarif.runs[0].results.filter((r: { kind?: string }) => r.kind !== "notApplicable")).toEqual([
      {
        ruleId: "MWAA-P6",
        level: "error",
        message: { text: "aws_vpc_endpoint.mwaa_sqs: private DNS is off" },
        // The resource's own line, so code scanning annotates it (the generated file is 2-space indented).
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: `${dir}/main.tf.json` },
              region: { startLine: fs.readFileSync(`${dir}/main.tf.json`, "utf8").split("\n").indexOf('      "mwaa_sqs": {') + 1 },
            },
            logicalLocations: [{ fullyQualifiedName: "aws_vpc_endpoint.mwaa_sqs" }],
          },
        ],
      },
    ]);
  });

  test.each([
    [
      ["--profile", "nope", "generated/json/mwaa-private"],
      "error: unknown profile nope (known: mwaa-private, mwaa-public, mwaa-environment, apprunner, privatelink, lattice, security)",
    ],
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
    expect(result.findings).toEqual([
      {
        ruleId: "SEC-1",
        severity: "error",
        status: "fail",
        address: "aws_vpc_security_group_ingress_rule.ssh",
        message: "admits 0.0.0.0/0",
      },
    ]);
  });

  test("unreadable input exits 2 with the reason", async () => {
    fs.writeFileSync(path.join(tmp, "bad.tf.json"), "{ nope");
    expect((await check([path.join(tmp, "missing")])).err).toEqual([`error: ${path.join(tmp, "missing")}: no such file or folder`]);
    // A path is never cut short (CI's temporary folders are long): the whole path, to open it.
    const deep = path.join(tmp, "a-folder-name-of-forty-characters-------", "another-folder-of-forty-characters------", "missing");
    expect(deep.length).toBeGreaterThan(100);
    expect((await check([deep])).err).toEqual([`error: ${deep}: no such file or folder`]);
    const bad = await check([path.join(tmp, "bad.tf.json")]);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/^error: .*bad\.tf\.json: not valid JSON \(.+\)$/);
  });

  // Inputs a user can produce that are not Terraform configuration or a plan: exit 2 with the
  // file and the reason, never a stack trace and never exit 1 (which callers read as a violation).
  test.each<[string, string, string]>([
    ["null", "null", "not Terraform JSON (the document must be an object, got null)"],
    ["a number", "42", "not Terraform JSON (the document must be an object, got number)"],
    ["an array", "[]", "not Terraform JSON (the document must be an object, got an array)"],
    ["a resource type mapped to null", '{"resource":{"aws_vpc":null}}', "`resource.aws_vpc` must map names to resource bodies, got null"],
    [
      "a resource body that is a string",
      '{"resource":{"aws_vpc":{"main":"x"}}}',
      '`resource.aws_vpc.main` must be a block (an object), got "x"',
    ],
    [
      "a state file",
      '{"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"abc","resources":[]}',
      "a Terraform state file, not configuration or a plan (the checker reads what you intend to build); give a root module folder, a *.tf or *.tf.json file, or a plan (terraform show -json plan.out)",
    ],
    [
      "a state in JSON",
      '{"format_version":"1.0","values":{"root_module":{}}}',
      "a Terraform state in JSON (terraform show -json without a plan), not configuration or a plan; give a root module folder, a *.tf or *.tf.json file, or a plan (terraform show -json plan.out)",
    ],
    [
      "some other JSON",
      '{"name":"x"}',
      "not Terraform configuration (no resource, data, provider, terraform, variable, output, module, locals, moved, import, check, removed key); give a root module folder, a *.tf or *.tf.json file, or a plan (terraform show -json plan.out)",
    ],
    [
      "a plan of an unknown format",
      '{"format_version":"2.0","planned_values":{"root_module":{"resources":[]}}}',
      'a plan of format_version "2.0"; this checker reads format 1.x (Terraform 1.x\'s terraform show -json)',
    ],
    [
      "a plan with malformed resources",
      '{"format_version":"1.2","planned_values":{"root_module":{"resources":{"a":1}}}}',
      "a plan whose planned_values.root_module.resources is not a list of resources with address and type",
    ],
  ])("%s: exit 2 with the reason", async (_label, text, reason) => {
    const file = path.join(tmp, "input.json");
    fs.writeFileSync(file, text);
    const r = await check([file]);
    expect([r.code, r.err, r.out]).toEqual([2, [`error: ${file}: ${reason}`], []]);
  });

  test("a folder of *.tf with other JSON beside it (tfvars, a saved plan) is read as its *.tf configuration", async () => {
    const dir = path.join(tmp, "module");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "main.tf"),
      'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = "sg-12345678"\n  cidr_ipv4 = "0.0.0.0/0"\n  ip_protocol = "tcp"\n  from_port = 22\n  to_port = 22\n}\n',
    );
    fs.writeFileSync(path.join(dir, "terraform.tfvars.json"), '{"region":"eu-west-1"}');
    fs.writeFileSync(path.join(dir, "plan.json"), '{"format_version":"1.2","planned_values":{"root_module":{"resources":[]}}}');
    const r = await check([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("  FAIL   SEC-1     aws_vpc_security_group_ingress_rule.ssh: admits 0.0.0.0/0");
    // Nothing here is a workload the requirements speak of: the output says so and names --profile.
    expect(r.out[1]).toBe(
      "  no workload detected (no MWAA, App Runner, interface endpoint or VPC Lattice resource): only the security and AWS value rules ran; name one with --profile mwaa-private|mwaa-public|mwaa-environment|apprunner|privatelink|lattice",
    );
  });

  test("SARIF places each finding on its file and line: HCL, Terraform JSON, a plan; module-level findings on the first file", async () => {
    const dir = path.join(tmp, "placed");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "a.tf"),
      [
        "# rules",
        "",
        'resource "aws_security_group_rule" "ssh" {',
        '  type        = "ingress"',
        '  cidr_blocks = ["0.0.0.0/0"]',
        "}",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "b.tf.json"),
      [
        "{",
        '  "resource": {',
        '    "aws_security_group": {',
        '      "app": {',
        '        "name": "sg-app"',
        "      }",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const plan = path.join(tmp, "plan.json");
    fs.writeFileSync(
      plan,
      [
        "{",
        '  "format_version": "1.2",',
        '  "planned_values": { "root_module": { "resources": [',
        '    { "address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",',
        '      "values": { "name": "web", "description": "the web\'s group" } }',
        "  ] } }",
        "}",
        "",
      ].join("\n"),
    );
    const located = async (target: string) =>
      (
        JSON.parse((await check([target, "--format", "sarif"])).out.join("\n")).runs[0].results as {
          ruleId: string;
          kind?: string;
          locations: { physicalLocation: unknown }[];
        }[]
      )
        .filter((r) => r.kind !== "notApplicable")
        .map((r) => [r.ruleId, r.locations[0].physicalLocation]);
    expect(await located(dir)).toEqual([
      ["SEC-1", { artifactLocation: { uri: `${dir}/a.tf` }, region: { startLine: 3 } }],
      ["VAL-1", { artifactLocation: { uri: `${dir}/b.tf.json` }, region: { startLine: 4 } }],
    ]);
    expect(await located(plan)).toEqual([["VAL-1", { artifactLocation: { uri: plan }, region: { startLine: 4 } }]]);
  });

  test("a plan saved as *.tf.json inside a configuration folder is refused, not silently skipped", async () => {
    const dir = path.join(tmp, "with-plan");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "main.tf"), 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    fs.writeFileSync(path.join(dir, "plan.tf.json"), '{"format_version":"1.2","planned_values":{"root_module":{"resources":[]}}}');
    const r = await check([dir]);
    expect([r.code, r.err]).toEqual([
      2,
      [
        `error: ${path.join(dir, "plan.tf.json")}: a plan inside a configuration folder; check the folder without it, or pass the plan as its own file`,
      ],
    ]);
  });

  test("*.tf and *.tf.json in one folder are read together, as Terraform does", async () => {
    const dir = path.join(tmp, "mixed");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "network.tf"),
      'resource "aws_security_group" "app" {\n  name = "app"\n  description = "the app\'s group"\n}\n',
    );
    fs.writeFileSync(
      path.join(dir, "rules.tf.json"),
      JSON.stringify({
        resource: {
          aws_security_group_rule: {
            ssh: {
              type: "ingress",
              security_group_id: "${aws_security_group.app.id}",
              cidr_blocks: ["0.0.0.0/0"],
              protocol: "tcp",
              from_port: 22,
              to_port: 22,
            },
          },
        },
      }),
    );
    const r = await check([dir, "--format", "json"]);
    const findings = (JSON.parse(r.out.join("\n")) as { findings: { ruleId: string; address: string }[] }[])[0].findings.map(
      (f) => `${f.ruleId} ${f.address}`,
    );
    expect(findings).toEqual(["SEC-1 aws_security_group_rule.ssh", "VAL-1 aws_security_group.app"]);
  });
});

describe("rules reference", () => {
  test("docs/rules.md is generated from the rule definitions and current (run `npm run rules-doc`)", () => {
    const { rulesReference } = require("../../src/check/rules-doc");
    expect(fs.readFileSync("docs/rules.md", "utf8")).toBe(rulesReference());
    expect(rulesReference()).toContain("## MWAA-P5");

    expect(fs.readFileSync("docs/value-rules.md", "utf8")).toBe(require("../../src/check/rules-doc").valueRulesReference());
  });
});

describe("check CLI on files that are not what they claim (issue 31)", () => {
  test("a binary file named main.tf is refused in one line (not one parser diagnostic per byte), exit 2", async () => {
    const bytes = Buffer.alloc(60000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    fs.writeFileSync(path.join(tmp, "main.tf"), bytes);
    const r = await check([tmp]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `error: ${path.join(tmp, "main.tf")}: not valid HCL (not UTF-8 text: it holds NUL bytes or bytes that are not UTF-8)`,
    ]);
  });

  test("HCL with many mistakes shows the first three and counts the rest", async () => {
    // Characters HCL does not use, each its own diagnostic.
    fs.writeFileSync(path.join(tmp, "main.tf"), `x = ${"§ ".repeat(400)}\n`);
    const r = await check([tmp]);
    expect(r.code).toBe(2);
    expect(r.err.join("\n").length).toBeLessThan(1500);
    expect(r.err[0]).toMatch(/ … and \d+ more\]?\)$/);
  });
});
