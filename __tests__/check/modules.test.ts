import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadModel } from "../../src/check/model";
import { runCheck } from "../../src/check/run";
import { MODULE_VARIANTS, replaceIn, variantTree } from "../support/module-fixtures";
import { tableReport } from "../../src/check/report";

// The checker on a module-based configuration folder (HCL), with no --profile: each realistic
// mistake is found with its rule ID and its address inside the module tree.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-modules-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("checker on a module tree (HCL folder)", () => {
  test.each(MODULE_VARIANTS.map((v) => [v.name, v] as const))("%s", async (_, variant) => {
    const r = runCheck(await loadModel(variantTree(tmp, variant)));
    expect(r.profiles).toEqual(["mwaa-private", "privatelink", "security"]);
    expect(r.findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual(variant.fails);
    expect([...new Set(r.findings.filter((f) => f.status === "unverifiable").map((f) => f.ruleId))]).toEqual(variant.unverifiable ?? []);
    expect(r.notFollowed).toEqual([]);
  });
});

describe("module calls the checker does not follow", () => {
  test("a registry module is reported as not followed, still detected by what it is asked to build; what may be inside it is not called missing", async () => {
    const dir = path.join(tmp, "registry");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "main.tf"),
      [
        'module "vpc_endpoints" {',
        '  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"',
        '  version = "5.21.0"',
        '  vpc_id  = "vpc-0123456789abcdef0"',
        "  endpoints = {",
        '    airflow_api = { service = "airflow.api", private_dns_enabled = true }',
        '    kms         = { service = "kms", private_dns_enabled = true }',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const r = runCheck(await loadModel(dir));
    expect(r.profiles).toEqual(["mwaa-private", "privatelink", "security"]);
    expect(r.notFollowed).toEqual([
      'module.vpc_endpoints: source "terraform-aws-modules/vpc/aws//modules/vpc-endpoints" is a registry or remote module; its resources are not checked (check a plan to include them)',
    ]);
    expect(r.findings.filter((f) => f.status === "fail")).toEqual([]);
    expect(r.findings.find((f) => f.ruleId === "MWAA-P5")?.message).toBe(
      "missing interface endpoint airflow.api, unless a module that is not followed makes it (check a plan)",
    );
  });

  test("a for_each the reader cannot evaluate: one stand-in keeps what every instance shares, and the block is reported as not expanded", async () => {
    const dir = variantTree(tmp, { name: "unexpanded", edit: () => {}, fails: [] });
    replaceIn(
      dir,
      "modules/vpc-endpoints/main.tf",
      "for_each            = toset(var.interface_services)",
      "for_each            = toset(jsondecode(jsonencode(var.interface_services)))",
    );
    const r = runCheck(await loadModel(dir));
    // Before: an empty stand-in, no endpoint type, so "no workload detected" and a plain pass.
    expect(r.profiles).toEqual(["privatelink", "security"]);
    expect(r.notExpanded).toEqual([
      "module.endpoints.aws_vpc_endpoint.interface: a for_each this reader cannot evaluate (${toset(jsondecode(jsonencode(var.interface_services)))}); what each instance sets apart (each.key, count.index) is not checked (check a plan to include it)",
    ]);
    expect(tableReport([r])[1]).toMatch(/^ {2}NOT EXPANDED {2}module\.endpoints\.aws_vpc_endpoint\.interface: /);
  });

  test("terraform.tfvars.json beside the *.tf files gives the root variables their values; a saved plan beside them is not read", async () => {
    const dir = variantTree(tmp, { name: "tfvars", edit: () => {}, fails: [] });
    fs.writeFileSync(path.join(dir, "terraform.tfvars.json"), JSON.stringify({ operator_cidr: "0.0.0.0/0" }));
    fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify({ format_version: "1.2", planned_values: {} }));
    const r = runCheck(await loadModel(dir));
    expect(r.findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      "SEC-1 aws_vpc_security_group_ingress_rule.operators",
    ]);
  });

  test("SARIF places a finding inside a module on the module's file and line", async () => {
    const dir = variantTree(
      tmp,
      MODULE_VARIANTS.find((v) => v.name === "NAT route on the private subnets")!,
    );
    const r = runCheck(await loadModel(dir));
    const file = path.join(dir, "modules/vpc/main.tf");
    const line = fs.readFileSync(file, "utf8").split("\n").indexOf('resource "aws_nat_gateway" "this" {') + 1;
    expect(r.locations["module.vpc.aws_nat_gateway.this[0]"]).toEqual({ file, line });
  });
});

describe("rules scoped per VPC", () => {
  test("an egress VPC with a NAT gateway beside the MWAA VPC is not the MWAA network's: no MWAA finding on it", async () => {
    const dir = variantTree(tmp, { name: "two-vpcs", edit: () => {}, fails: [] });
    fs.writeFileSync(
      path.join(dir, "egress.tf"),
      [
        'resource "aws_vpc" "egress" {',
        '  cidr_block = "10.30.0.0/16"',
        "}",
        'resource "aws_subnet" "egress_public" {',
        "  vpc_id            = aws_vpc.egress.id",
        '  cidr_block        = "10.30.0.0/24"',
        '  availability_zone = "eu-west-1a"',
        "}",
        'resource "aws_internet_gateway" "egress" {',
        "  vpc_id = aws_vpc.egress.id",
        "}",
        'resource "aws_eip" "egress" {',
        '  domain = "vpc"',
        "}",
        'resource "aws_nat_gateway" "egress" {',
        "  allocation_id = aws_eip.egress.id",
        "  subnet_id     = aws_subnet.egress_public.id",
        "}",
        "",
      ].join("\n"),
    );
    const r = runCheck(await loadModel(dir));
    expect(r.profiles).toEqual(["mwaa-private", "privatelink", "security"]);
    expect(r.findings).toEqual([]);
    // The same NAT gateway inside the MWAA VPC is the mistake MWAA-P2 names.
    fs.writeFileSync(
      path.join(dir, "egress.tf"),
      fs
        .readFileSync(path.join(dir, "egress.tf"), "utf8")
        .replace("vpc_id            = aws_vpc.egress.id", "vpc_id            = module.vpc.vpc_id"),
    );
    const mixed = runCheck(await loadModel(dir));
    expect(mixed.findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      "MWAA-P2 aws_nat_gateway.egress",
    ]);
  });
});
