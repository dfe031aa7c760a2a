/**
 * The preflight checks' conditions, evaluated by the real Terraform CLI against an emulated
 * account (moto): built by the shipped Preflight construct, once with facts that hold and once
 * with facts that do not (an AZ the account does not have, an endpoint service not in an AZ, a VPC
 * with DNS hostnames off, a security group of another VPC, a Transit Gateway with its defaults on). Each failing check must say exactly what to change.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { TerraformStack, Testing } from "../../src/cdk/cdktf";
import { Preflight } from "../../src/constructs/preflight";
import type { PreflightCheck } from "../../src/plan/types";
import { emulatorOverride } from "../support/emulator";
import { ec2Call, MotoServer, motoUnavailableReason, xmlValue } from "../support/moto";
import { checkBlockOf, TERRAFORM, terraformEnv, terraformRequired, terraformUnavailableReason, withInitLock } from "../support/terraform";

const run = promisify(execFile);
const reason = terraformUnavailableReason() ?? motoUnavailableReason();
if (reason && terraformRequired()) throw new Error(`The preflight tier is required here but cannot run: ${reason}`);
const describeTier = reason ? describe.skip : describe;
const REGION = "us-east-1";

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  snippet?: { context?: string };
}

/** Plans a module holding only the given preflight checks against moto; the check blocks' diagnostics by block. */
async function planChecks(moto: MotoServer, checks: PreflightCheck[]): Promise<Record<string, string[]>> {
  const stack = new TerraformStack(Testing.app(), "preflight");
  new Preflight(stack, "_preflight", { region: REGION, checks });
  const tf = JSON.parse(Testing.synth(stack)) as { check: object };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-preflight-"));
  try {
    const module = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } }, check: tf.check };
    fs.writeFileSync(path.join(work, "main.tf.json"), JSON.stringify(module));
    fs.writeFileSync(path.join(work, "zz_emulator_override.tf.json"), JSON.stringify(emulatorOverride(moto, REGION)));
    const env = terraformEnv();
    await withInitLock(() => run(TERRAFORM, ["init", "-input=false", "-no-color"], { cwd: work, env }));
    const { stdout } = await run(TERRAFORM, ["plan", "-input=false", "-lock=false", "-no-color", "-json"], {
      cwd: work,
      env,
      maxBuffer: 64 << 20,
    });
    const out: Record<string, string[]> = {};
    for (const line of stdout.split("\n").filter((l) => l.startsWith("{"))) {
      const e = JSON.parse(line) as { type: string; diagnostic?: Diagnostic };
      const block = checkBlockOf(e.diagnostic?.snippet?.context);
      if (e.type !== "diagnostic" || !block) continue;
      const text = `${e.diagnostic!.summary}${e.diagnostic!.detail ? `: ${e.diagnostic!.detail}` : ""}`;
      if (!(out[block] ?? []).includes(text)) (out[block] ??= []).push(text);
    }
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

describeTier("preflight checks on an emulated account", () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await MotoServer.start();
  }, 60_000);
  afterAll(() => moto?.stop());

  test("facts that hold give no finding; an AZ the account lacks, a service not offered in an AZ, and a VPC without DNS hostnames each fail with what to change", async () => {
    // moto's default VPC has DNS support and hostnames on; a new one has hostnames off, as in AWS.
    const vpcId = xmlValue(await ec2Call(moto, REGION, "CreateVpc", { CidrBlock: "10.9.0.0/16" }), "vpcId");
    const defaultVpc = xmlValue(
      await ec2Call(moto, REGION, "DescribeVpcs", { "Filter.1.Name": "is-default", "Filter.1.Value.1": "true" }),
      "vpcId",
    );
    const sqs = "com.amazonaws.us-east-1.sqs";
    const groupInVpc = xmlValue(
      await ec2Call(moto, REGION, "CreateSecurityGroup", { GroupName: "in-vpc", GroupDescription: "x", VpcId: defaultVpc }),
      "groupId",
    );
    const groupElsewhere = xmlValue(
      await ec2Call(moto, REGION, "CreateSecurityGroup", { GroupName: "elsewhere", GroupDescription: "x", VpcId: vpcId }),
      "groupId",
    );
    const holds = await planChecks(moto, [
      { kind: "availability-zones", zones: ["us-east-1a", "us-east-1b"], configPath: "network.availabilityZones" },
      {
        kind: "endpoint-service",
        label: "endpoints_sqs",
        serviceName: sqs,
        zones: ["us-east-1a", "us-east-1b"],
        configPath: "endpoints.services",
      },
      { kind: "vpc-dns", vpcId: defaultVpc, configPath: "existingNetwork.vpcId" },
      {
        kind: "security-group-in-vpc",
        label: "apprunner_egress_0",
        groupId: groupInVpc,
        vpcId: defaultVpc,
        configPath: "apprunner.egress[0].securityGroupId",
      },
    ]);
    expect(holds).toEqual({});

    const fails = await planChecks(moto, [
      { kind: "availability-zones", zones: ["us-east-1a", "us-east-1z"], configPath: "network.availabilityZones" },
      {
        kind: "endpoint-service",
        label: "endpoints_sqs",
        serviceName: sqs,
        zones: ["us-east-1a", "us-east-1z"],
        configPath: "endpoints.services",
      },
      { kind: "vpc-dns", vpcId, configPath: "existingNetwork.vpcId" },
      {
        kind: "security-group-in-vpc",
        label: "apprunner_egress_0",
        groupId: groupElsewhere,
        vpcId: defaultVpc,
        configPath: "apprunner.egress[0].securityGroupId",
      },
    ]);
    expect(Object.keys(fails).sort()).toEqual([
      "preflight_availability_zones",
      "preflight_endpoint_endpoints_sqs",
      "preflight_group_apprunner_egress_0",
      "preflight_vpc_dns",
    ]);
    expect(fails.preflight_group_apprunner_egress_0).toEqual([
      `Check block assertion failed: ${groupElsewhere} is in ${vpcId}, not in ${defaultVpc}: name a group of ${defaultVpc} in apprunner.egress[0].securityGroupId and synthesize again.`,
    ]);
    expect(fails.preflight_availability_zones).toEqual([
      expect.stringMatching(
        /^Check block assertion failed: Availability Zones us-east-1z are not available to this account in us-east-1 \(it has us-east-1a, us-east-1b, .*\): change network\.availabilityZones and synthesize again\.$/,
      ),
    ]);
    expect(fails.preflight_endpoint_endpoints_sqs).toEqual([
      expect.stringMatching(
        /^Check block assertion failed: com\.amazonaws\.us-east-1\.sqs is not offered in us-east-1z \(it is in us-east-1a, .*\): leave those AZs out of the endpoint \(endpoints\.services\) and synthesize again\.$/,
      ),
    ]);
    expect(fails.preflight_vpc_dns).toEqual([
      `Check block assertion failed: ${vpcId} needs DNS support and DNS hostnames on for the endpoints' private DNS (MWAA-P6, PL-2); they are true and false: turn them on in the VPC (existingNetwork.vpcId is not managed here).`,
    ]);
  }, 180_000);

  test("a given Transit Gateway: one with its defaults off and shared attachments accepted holds; the defaults of CreateTransitGateway fail, naming each", async () => {
    const create = async (options: Record<string, string>) =>
      xmlValue(await ec2Call(moto, REGION, "CreateTransitGateway", { Description: "x", ...options }), "transitGatewayId");
    const landingZones = await create({
      "Options.DefaultRouteTableAssociation": "disable",
      "Options.DefaultRouteTablePropagation": "disable",
      "Options.AutoAcceptSharedAttachments": "enable",
    });
    const defaults = await create({});
    const check = (id: string, ownerAccountId: string): PreflightCheck => ({
      kind: "transit-gateway",
      transitGatewayId: id,
      ownerAccountId,
      autoAccept: true,
      configPath: "hub.transitGatewayId",
    });
    // moto's account: 123456789012.
    expect(await planChecks(moto, [check(landingZones, "123456789012")])).toEqual({});
    expect(await planChecks(moto, [check(defaults, "111122223333")])).toEqual({
      preflight_transit_gateway: [
        `Check block assertion failed: ${defaults} (hub.transitGatewayId) must have its default route table association and propagation disabled (they are enable and enable): the hub's own route tables keep spokes from reaching each other; it must accept shared attachments automatically for the spokes of other accounts (it is disable); and be the hub account's 111122223333 (it is 123456789012's): change the gateway, or leave hub.transitGatewayId out to have the hub make its own.`,
      ],
    });
  }, 180_000);

  test("a service the Region does not have cannot be read: a warning naming it, not an error", async () => {
    const found = await planChecks(moto, [
      {
        kind: "endpoint-service",
        label: "mwaa_airflow_ops",
        serviceName: "com.amazonaws.us-east-1.no-such-service",
        zones: ["us-east-1a"],
        configPath: "mwaa",
      },
    ]);
    expect(found.preflight_endpoint_mwaa_airflow_ops).toEqual(["reading EC2 VPC Endpoint Services: couldn't find resource"]);
  }, 120_000);
});

/**
 * The IPv6 preflight of dual-stack and IPv6-only endpoints (issue 29), on fixture data: moto does
 * not report an endpoint service's SupportedIpAddressTypes, so the data source is given by
 * `terraform test`'s mock provider (Terraform >= 1.7), one service at a time overridden. The check
 * blocks are the shipped Preflight construct's; a failing check is an error under `terraform test`.
 */
const describeTerraformOnly = terraformUnavailableReason() ? describe.skip : describe;
describeTerraformOnly("the IPv6 preflight on fixture data (terraform test, mock provider)", () => {
  const ZONES = ["us-east-1a", "us-east-1b"];
  const endpoint = (label: string, service: string, ipAddressType?: "dualstack" | "ipv6"): PreflightCheck => ({
    kind: "endpoint-service",
    label,
    serviceName: `com.amazonaws.us-east-1.${service}`,
    zones: ZONES,
    configPath: "endpoints.services",
    ...(ipAddressType ? { ipAddressType } : {}),
  });

  /** Runs one `terraform test` run per case: the mock's types for every service, and one service's own. */
  async function runs(
    checks: PreflightCheck[],
    cases: Record<string, { all: string[]; one?: [label: string, types: string[]] }>,
  ): Promise<Record<string, string[]>> {
    const stack = new TerraformStack(Testing.app(), "preflight");
    new Preflight(stack, "_preflight", { region: REGION, checks });
    const tf = JSON.parse(Testing.synth(stack)) as { check: object };
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-preflight-ipv6-"));
    try {
      const module = {
        terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
        provider: { aws: { region: REGION } },
        check: tf.check,
      };
      fs.writeFileSync(path.join(work, "main.tf.json"), JSON.stringify(module));
      const hcl = (v: unknown) => JSON.stringify(v);
      // One file per case: mock_provider is per file. Its default for every service, and one
      // service's own data by override_data.
      for (const [name, c] of Object.entries(cases)) {
        const mock = `mock_provider "aws" {\n  mock_data "aws_vpc_endpoint_service" {\n    defaults = { availability_zones = ${hcl(ZONES)}, supported_ip_address_types = ${hcl(c.all)} }\n  }\n}\n`;
        const override = c.one
          ? `  override_data {\n    target = data.aws_vpc_endpoint_service.preflight_${c.one[0]}\n    values = { availability_zones = ${hcl(ZONES)}, supported_ip_address_types = ${hcl(c.one[1])} }\n  }\n`
          : "";
        fs.writeFileSync(path.join(work, `${name}.tftest.hcl`), `${mock}run ${hcl(name)} {\n  command = plan\n${override}}\n`);
      }
      const out: Record<string, string[]> = {};
      const env = terraformEnv();
      await withInitLock(() => run(TERRAFORM, ["init", "-input=false", "-no-color"], { cwd: work, env }));
      // Exit 1 when a run fails: the diagnostics are the result.
      const { stdout } = await run(TERRAFORM, ["test", "-json", "-no-color"], { cwd: work, env, maxBuffer: 64 << 20 }).catch(
        (e: { stdout: string }) => ({ stdout: e.stdout }),
      );
      for (const line of stdout.split("\n").filter((l) => l.startsWith("{"))) {
        const e = JSON.parse(line) as { type: string; diagnostic?: Diagnostic; test_run?: { path: string; status?: string } };
        const name = (e.test_run?.path ?? (e as { "@testfile"?: string })["@testfile"] ?? "").replace(/\.tftest\.hcl$/, "");
        if (e.type === "diagnostic" && e.diagnostic?.severity === "error" && name)
          (out[name] ??= []).push(`${e.diagnostic.summary}: ${e.diagnostic.detail}`);
        if (e.type === "test_run" && e.test_run?.status) out[name] ??= [];
      }
      return out;
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }

  test("a dual-stack endpoint needs a service taking ipv4 and ipv6, an IPv6-only one ipv6; one that does not fails naming it and what to change; an IPv4 endpoint is not asked", async () => {
    const checks = [
      endpoint("endpoints_sqs", "sqs", "dualstack"),
      endpoint("endpoints_ssm", "ssm", "ipv6"),
      endpoint("endpoints_kms", "kms"),
    ];
    const result = await runs(checks, {
      both: { all: ["ipv4", "ipv6"] },
      sqs_ipv4_only: { all: ["ipv4", "ipv6"], one: ["endpoints_sqs", ["ipv4"]] },
      ssm_ipv4_only: { all: ["ipv4", "ipv6"], one: ["endpoints_ssm", ["ipv4"]] },
      kms_ipv4_only: { all: ["ipv4", "ipv6"], one: ["endpoints_kms", ["ipv4"]] },
      none_reported: { all: ["ipv4", "ipv6"], one: ["endpoints_sqs", []] },
    });
    expect(result).toEqual({
      both: [],
      sqs_ipv4_only: [
        "Check block assertion failed: com.amazonaws.us-east-1.sqs supports ipv4 only, and its endpoint is dual-stack: set ipAddressType: ipv4 on its entry in endpoints.services (or leave the service out) and synthesize again.",
      ],
      ssm_ipv4_only: [
        "Check block assertion failed: com.amazonaws.us-east-1.ssm supports ipv4 only, and its endpoint is IPv6-only: set ipAddressType: ipv4 on its entry in endpoints.services (or leave the service out) and synthesize again.",
      ],
      kms_ipv4_only: [],
      none_reported: [
        "Check block assertion failed: com.amazonaws.us-east-1.sqs supports no address type it reports only, and its endpoint is dual-stack: set ipAddressType: ipv4 on its entry in endpoints.services (or leave the service out) and synthesize again.",
      ],
    });
  }, 180_000);
});
