/**
 * Hub variants with a same-account MWAA spoke and another account's spoke: a hub that uses a
 * Transit Gateway it is given (hub.transitGatewayId: a landing zone's), and one whose zones are in
 * a Route 53 Profile (hub.dns: profile). Each synthesized by the CLI, validated and planned
 * offline by the real Terraform, and judged by `check HUB SPOKE…` on the folders.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { cli } from "../support/cli";
import { describeTerraform, planAllOffline, PlanResult } from "../support/terraform";
import { budget } from "../support/time-budget";

const describeTf = describeTerraform();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-given-tgw-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const TGW = "tgw-0a1b2c3d4e5f60718";
const zones = ["us-east-1a", "us-east-1b"];
const config = {
  deployments: [
    {
      name: "hub",
      region: "us-east-1",
      accountId: "111122223333",
      network: { cidrBlock: "10.0.0.0/20", availabilityZones: zones },
      hub: {
        services: ["sqs", "logs", "monitoring", "kms", "ecr.api", "ecr.dkr", "airflow.api", "airflow.env", "airflow.ops"],
        transitGatewayId: TGW,
      },
    },
    {
      name: "airflow",
      region: "us-east-1",
      accountId: "111122223333",
      network: { cidrBlock: "10.1.0.0/16", availabilityZones: zones },
      endpointsFrom: { hub: "hub" },
      mwaa: { environmentName: "airflow", sourceBucketName: "airflow-dags-111122223333" },
    },
    {
      name: "apps",
      region: "us-east-1",
      accountId: "444455556666",
      network: { cidrBlock: "10.2.0.0/16", availabilityZones: zones },
      endpointsFrom: { hub: "hub", roleArn: "arn:aws:iam::111122223333:role/hub-spokes" },
      endpoints: { services: ["s3"] },
    },
  ],
};

/** Every planned resource of a module (planned_values: the suite's child module) of one type, by its values. */
function values(r: PlanResult, type: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (m: { resources?: { type: string; values: Record<string, unknown> }[]; child_modules?: unknown[] }) => {
    for (const x of m.resources ?? []) if (x.type === type) out.push(x.values);
    for (const c of m.child_modules ?? []) walk(c as typeof m);
  };
  walk((r.plannedValues as { root_module: Parameters<typeof walk>[0] }).root_module);
  return out;
}

/** Synthesizes `c` with the CLI into its own folder and plans its three modules offline. */
async function synthAndPlan(name: string, c: typeof config): Promise<{ dirs: string[]; plans: PlanResult[] }> {
  const file = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(file, stringify(c));
  const out = path.join(tmp, name);
  expect((await cli(["synth", "--config", file, "--out", out, "--quiet"])).code).toBe(0);
  const dirs = ["hub", "airflow", "apps"].map((m) => path.join(out, "json", m));
  const plans = await planAllOffline(dirs);
  for (const r of plans) {
    expect(r.validate).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    expect(r.planWarnings).toEqual([]);
  }
  return { dirs, plans };
}

describeTf("hub variants", () => {
  test(
    "validates and plans offline: no gateway made, everything attached to the given one, its defaults asked at plan; check passes hub and spokes together",
    async () => {
      const {
        dirs,
        plans: [hub, airflow, apps],
      } = await synthAndPlan("given", config);
      for (const r of [hub, airflow, apps]) expect(r.creates.filter((a) => a.startsWith("aws_ec2_transit_gateway."))).toEqual([]);
      expect(hub.preflightWarnings.map((w) => w.split(":")[0])).toContain("preflight_transit_gateway");
      expect(values(hub, "aws_ec2_transit_gateway_route_table").map((t) => t.transit_gateway_id)).toEqual([TGW, TGW]);
      expect(values(hub, "aws_ec2_transit_gateway_vpc_attachment").map((t) => t.transit_gateway_id)).toEqual([TGW]);
      expect(values(hub, "aws_ram_resource_association").map((t) => t.resource_arn)).toEqual([
        `arn:aws:ec2:us-east-1:111122223333:transit-gateway/${TGW}`,
      ]);
      for (const spoke of [airflow, apps]) {
        expect(values(spoke, "aws_ec2_transit_gateway_vpc_attachment").map((t) => t.transit_gateway_id)).toEqual([TGW]);
        expect(values(spoke, "aws_route").every((t) => t.transit_gateway_id === TGW)).toBe(true);
      }

      const checked = await cli(["check", ...dirs]);
      expect(checked.out.filter((l) => /^\s+FAIL/.test(l))).toEqual([]);
      expect(checked.code).toBe(0);
    },
    budget(600_000),
  );
  test(
    "a hub whose zones are in a Route 53 Profile: one Profile with every zone, shared with the other account; each spoke one association, no zone association",
    async () => {
      const profiled = structuredClone(config);
      const hubConfig = profiled.deployments[0].hub as { services: string[]; transitGatewayId?: string; dns?: string };
      delete hubConfig.transitGatewayId;
      hubConfig.dns = "profile";
      const {
        dirs,
        plans: [hub, airflow, apps],
      } = await synthAndPlan("profile", profiled);
      expect(values(hub, "aws_route53profiles_profile").map((p) => p.name)).toEqual(["hub-endpoints"]);
      // Its price is not in the cost table, and the README says so.
      expect(fs.readFileSync(path.join(dirs[0], "README.md"), "utf8")).toContain(
        "Its zones are shared through a Route 53 Profile: each spoke's association with it is charged on top of this table, at a rate not read from an AWS page here",
      );
      expect(values(hub, "aws_route53profiles_resource_association")).toHaveLength(hubConfig.services.length);
      expect(
        values(hub, "aws_ram_resource_share")
          .map((p) => p.name)
          .sort(),
      ).toEqual(["hub-endpoints", "hub-tgw"]);
      for (const spoke of [airflow, apps]) {
        expect(values(spoke, "aws_route53profiles_association").map((p) => p.profile_id)).toEqual(["rp-0123456789abcdef"]);
        expect(values(spoke, "aws_route53_zone_association")).toEqual([]);
        expect(values(spoke, "aws_route53_vpc_association_authorization")).toEqual([]);
      }
      const checked = await cli(["check", ...dirs]);
      expect(checked.out.filter((l) => /^\s+FAIL/.test(l))).toEqual([]);
      expect(checked.code).toBe(0);
    },
    budget(600_000),
  );
});
