/**
 * The apply tier (`npm run test:apply`): every root module in generated/json — and the HCL twin of
 * one module per feature — applied to moto with the real hashicorp/aws 5.100.0 provider, planned
 * again (no change allowed but the moto differences src/synth/emulator-gaps.ts names), destroyed,
 * and moto asked whether it still lists any of the module's resources.
 *
 * Requires Terraform and moto; with REQUIRE_TERRAFORM=1 or CI=true a missing one fails the run,
 * otherwise the tier is skipped with the reason.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CONFIG } from "../../src/cli";
import { loadConfig } from "../../src/config/load";
import { exclusionsOf, resourcesOfModule } from "../../src/synth/emulator-gaps";
import { ApplyOptions, ApplyReport, applyOnEmulator } from "../support/emulator";
import { MotoServer, motoUnavailableReason, motoVersion } from "../support/moto";
import { mapBounded, terraformRequired, terraformUnavailableReason } from "../support/terraform";

const reason = terraformUnavailableReason() ?? motoUnavailableReason();
if (reason && terraformRequired())
  throw new Error(`The apply tier is required here (REQUIRE_TERRAFORM=1 or CI=true) but cannot run: ${reason}`);
if (reason) console.warn(`SKIPPED: the apply tier (${reason})`); // eslint-disable-line no-console
const describeTier = reason ? describe.skip : describe;

const ROOT = path.join(__dirname, "..", "..");
const GENERATED = path.join(ROOT, "generated");
const { config } = loadConfig(path.join(ROOT, DEFAULT_CONFIG));
const deployment = (name: string) => config.deployments.find((d) => d.name === name)!;
/** APPLY_ONLY=mwaa-private,hcl/lattice-consumer narrows the run (a bare name means both formats); CI runs everything. */
const selected = process.env.APPLY_ONLY?.split(",");
const only = (format: string) => (m: string) => !selected || selected.includes(m) || selected.includes(`${format}/${m}`);
/**
 * A hub's spokes go through after their hub on the same moto (ApplyOptions.before): the hub in its
 * own state and, for another account's spoke, in its own account; its outputs handed over as the
 * spoke's variables; the spoke destroyed first. moto's gaps on the way are in EMULATOR_GAPS and
 * __tests__/support/moto-server.py.
 */
const isSpoke = (m: string) => deployment(m)?.endpointsFrom !== undefined;
const spokes = fs.readdirSync(path.join(GENERATED, "json")).sort().filter(isSpoke).filter(only("json"));
/**
 * A hub is applied whole in the run of its first same-account spoke (its own re-plan, destroy and
 * leftovers checked there, ApplyReport.hub) rather than in a run of its own; other spokes apply
 * only what they use of it.
 */
const wholeHubIn = new Map<string, string>();
for (const s of spokes) {
  const from = deployment(s).endpointsFrom!;
  if (!from.roleArn && !wholeHubIn.has(from.hub) && only("json")(from.hub)) wholeHubIn.set(from.hub, s);
}
const modules = fs
  .readdirSync(path.join(GENERATED, "json"))
  .sort()
  .filter(only("json"))
  .filter((m) => !isSpoke(m) && !wholeHubIn.has(m));
/** One module per feature also goes through as HCL: MWAA, PrivateLink, App Runner, Lattice with EventBridge. */
const HCL_TWINS = ["mwaa-environment", "privatelink-dualstack", "apprunner-private", "lattice-consumer"].filter(only("hcl"));
/** Modules at a time, each with its own moto: most of the time is the provider's waiters, not CPU. */
const PARALLEL = Number(process.env.APPLY_PARALLEL ?? 4);

describeTier("apply tier: generated modules on moto", () => {
  const reports = new Map<string, ApplyReport>();
  const failures = new Map<string, string>();
  const works: string[] = [];
  let donor: string | undefined;

  interface Job {
    readonly key: string;
    readonly module: string;
    readonly format: "json" | "hcl";
    readonly options?: ApplyOptions;
  }
  // The spokes first: each is two modules' cycle, the longest jobs (started last they would end the run alone).
  const jobs: Job[] = [
    ...spokes.map((m) => ({
      key: `json/${m}`,
      module: m,
      format: "json" as const,
      options: {
        before: {
          moduleDir: path.join(GENERATED, "json", deployment(m).endpointsFrom!.hub),
          d: deployment(deployment(m).endpointsFrom!.hub),
          roleArn: deployment(m).endpointsFrom!.roleArn,
          // What a spoke uses of its hub: the gateway, its route tables and the zones (with the
          // hub's VPC they need); the whole hub in one spoke's run.
          types:
            wholeHubIn.get(deployment(m).endpointsFrom!.hub) === m
              ? undefined
              : ["aws_ec2_transit_gateway", "aws_ec2_transit_gateway_route_table", "aws_route53_zone"],
        },
      },
    })),
    ...modules.map((m) => ({ key: `json/${m}`, module: m, format: "json" as const })),
    ...HCL_TWINS.map((m) => ({ key: `hcl/${m}`, module: m, format: "hcl" as const })),
  ];
  // What the tier itself must catch (run in the same pool): a resource in a VPC the account does
  // not hold fails the apply; a VPC dropped from the state before destroy is a leftover.
  const selfChecks: Job[] = [
    {
      key: "catch/missing-vpc",
      module: "mwaa-existing-vpc",
      format: "json",
      options: { fixtures: false, only: ["aws_security_group.mwaa"] },
    },
    { key: "catch/leftover", module: "mwaa-private", format: "json", options: { only: ["aws_vpc.network"], forget: ["aws_vpc.network"] } },
  ];
  if (!selected) jobs.push(...selfChecks);

  beforeAll(async () => {
    const applyOne = async (job: Job) => {
      const moto = await MotoServer.start();
      try {
        const { report, work } = await applyOnEmulator(
          path.join(GENERATED, job.format, job.module),
          path.join(GENERATED, "json", job.module),
          deployment(job.module),
          moto,
          { ...job.options, initDonor: donor },
        );
        works.push(work);
        donor ??= work;
        reports.set(job.key, report);
        if (report.hub) reports.set(`json/${job.options!.before!.d.name}`, report.hub);
      } catch (e) {
        failures.set(job.key, (e as Error).message);
      } finally {
        moto.stop();
      }
    };
    const started = Date.now();
    // The first module initialises; the others reuse its .terraform/ (one provider, one lock file).
    // A short one initialises (a module on its own); the spokes, longest, start right after it.
    const first = jobs.find((j) => j.options?.before === undefined) ?? jobs[0];
    await applyOne(first);
    await mapBounded(
      jobs.filter((j) => j !== first),
      PARALLEL,
      applyOne,
    );
    const rows = [...reports.entries()].filter(([k]) => !k.startsWith("catch/")).map(([, r]) => r);
    const lines = [
      `apply tier: moto ${motoVersion()}, ${jobs.length} runs (${rows.length} modules), ${PARALLEL} at a time, ${((Date.now() - started) / 1000).toFixed(1)} s wall`,
      "module                           applied  excluded  accepted-diffs  init/apply/plan/destroy (s)  total (s)",
      ...rows.map(
        (r) =>
          `${r.module.padEnd(32)} ${String(r.applied.length).padStart(7)}  ${String(r.excluded.length).padStart(8)}  ${String(r.acceptedDifferences.length).padStart(14)}  ${[
            r.seconds.init,
            r.seconds.apply,
            r.seconds.plan,
            r.seconds.destroy,
          ]
            .map((s) => s.toFixed(1))
            .join("/")
            .padStart(27)}  ${r.seconds.total.toFixed(1).padStart(9)}`,
      ),
      ...rows.flatMap((r) => [
        ...r.excluded.map((x) => `  ${r.module}: not applied: ${x.address}: ${x.reason}`),
        ...r.acceptedDifferences.map((a) => `  ${r.module}: accepted re-plan difference: ${a}`),
      ]),
    ];
    console.log(lines.join("\n")); // eslint-disable-line no-console
  }, 1_500_000);

  afterAll(() => {
    for (const w of works) fs.rmSync(w, { recursive: true, force: true });
  });

  // Everything but the named exclusions was applied, and nothing else; nothing left in moto.
  const appliedAsPlanned = (m: string) => {
    expect(failures.get(`json/${m}`)).toBeUndefined();
    const r = reports.get(`json/${m}`)!;
    const all = resourcesOfModule(path.join(GENERATED, "json", m)).map((x) => x.address);
    const excluded = exclusionsOf(resourcesOfModule(path.join(GENERATED, "json", m))).map((x) => x.address);
    expect(r.applied).toEqual(all.filter((a) => !excluded.includes(a)).sort());
    expect(r.leftovers).toEqual([]);
  };
  // (`test.each` refuses an empty table: APPLY_ONLY may leave one format out.)
  (modules.length > 0 ? test.each(modules) : () => test.skip)(
    "json/%s applies, re-plans with no change, destroys, and leaves nothing in moto",
    appliedAsPlanned,
  );
  (spokes.length > 0 ? test.each(spokes) : () => test.skip)(
    "json/%s applies after its hub on the same emulator, re-plans with no change, destroys before it",
    appliedAsPlanned,
  );
  (wholeHubIn.size > 0 ? test.each([...wholeHubIn]) : () => test.skip)(
    "json/%s applies whole before its spoke %s, re-plans with no change once the spoke is applied, destroys after it, and leaves nothing in moto",
    (hub, spoke) => {
      expect(failures.get(`json/${spoke}`)).toBeUndefined();
      appliedAsPlanned(hub);
    },
  );

  (HCL_TWINS.length > 0 ? test.each(HCL_TWINS) : () => test.skip)("hcl/%s applies exactly like its JSON twin", (m) => {
    expect(failures.get(`hcl/${m}`)).toBeUndefined();
    expect(reports.get(`hcl/${m}`)!.applied).toEqual(reports.get(`json/${m}`)!.applied);
    expect(reports.get(`hcl/${m}`)!.leftovers).toEqual([]);
  });

  (wholeHubIn.has("endpoint-hub") ? test : test.skip)("a hub: its gateway, both route tables, its zones and alias records applied", () => {
    expect(reports.get("json/endpoint-hub")!.applied).toEqual(
      expect.arrayContaining([
        "aws_ec2_transit_gateway.hub_tgw",
        "aws_ec2_transit_gateway_route_table.hub_tgw_hub",
        "aws_ec2_transit_gateway_route_table.hub_tgw_spokes",
        "aws_route53_zone.hub_zone_ecr_dkr",
        "aws_route53_record.hub_zone_ecr_dkr_alias",
      ]),
    );
  });

  (spokes.includes("spoke-mwaa") ? test : test.skip)(
    "a spoke of the same account: attached, associated and propagated in the hub's tables, routed to the hub, associated with every zone; the hub then plans no change",
    () => {
      const r = reports.get("json/spoke-mwaa")!;
      expect(r.applied).toEqual(
        expect.arrayContaining([
          "aws_ec2_transit_gateway_vpc_attachment.spoke_attachment",
          "aws_ec2_transit_gateway_route_table_association.spoke_association",
          "aws_ec2_transit_gateway_route_table_propagation.spoke_propagation",
          "aws_route.spoke_route_0_to_10_0_0_0_20",
          "aws_route53_zone_association.spoke_zone_ecr_dkr",
          "aws_route53_zone_association.spoke_zone_airflow_env",
        ]),
      );
      expect(r.applied.filter((a) => a.startsWith("aws_route53_zone_association."))).toHaveLength(11);
      expect(r.hubReplanned).toBe(true);
    },
  );

  (spokes.includes("spoke-apps") ? test : test.skip)(
    "a spoke of another account: its VPC in its own account, its hub's in the hub's; the hub then plans no change",
    () => {
      const r = reports.get("json/spoke-apps")!;
      expect(r.heldIn["aws_vpc.network"]).toBe("base");
      expect(r.heldIn["hub:vpc_id"]).toBe("owner");
      for (const [address, where] of Object.entries(r.heldIn))
        if (address !== "hub:vpc_id") expect([address, where]).toEqual([address, "base"]);
      expect(r.hubReplanned).toBe(true);
    },
  );

  (modules.includes("mwaa-shared-vpc") ? test : test.skip)(
    "two accounts: the shared VPC's endpoints and their group exist in the owner's account only, the participant's role and bucket in its own",
    () => {
      const r = reports.get("json/mwaa-shared-vpc")!;
      const endpoints = Object.entries(r.heldIn).filter(([a]) => a.startsWith("aws_vpc_endpoint."));
      expect(endpoints.map(([a]) => a).sort()).toEqual(
        ["airflow_api", "airflow_env", "airflow_ops", "ecr_api", "ecr_dkr", "kms", "logs", "monitoring", "s3", "sqs"].map(
          (x) => `aws_vpc_endpoint.mwaa_${x}`,
        ),
      );
      for (const [address, where] of Object.entries(r.heldIn)) expect([address, where]).toEqual([address, "owner"]);
      expect(r.heldIn["aws_security_group.mwaa_endpoints"]).toBe("owner");
      // What the participant makes is applied with the default provider (moto's base account).
      expect(r.applied).toEqual(
        expect.arrayContaining(["aws_iam_role.mwaa_environment_execution", "aws_s3_bucket.mwaa_environment_source"]),
      );
    },
  );

  test("every exclusion is a type or endpoint kind the gap table names, with its reason", () => {
    const excluded = [...reports.values()].flatMap((r) => r.excluded);
    expect(excluded.length).toBeGreaterThan(0);
    for (const x of excluded) expect(x.reason).toMatch(/^(moto|refers to )/);
  });

  // An existing VPC named by ID must exist in the account: without the fixtures that stand for it,
  // the apply fails, and the tier reports it. (A security group named by ID in a VPC the stack
  // creates, which this check used to exercise, is now refused by the planner before any synth.)
  const selfCheck = selected ? test.skip : test;
  selfCheck("a resource in a VPC the account does not hold fails at apply", () => {
    expect(failures.get("catch/missing-vpc")).toMatch(/InvalidVpcID\.NotFound|does not exist/);
  });

  selfCheck("a resource that survives destroy is reported as a leftover", () => {
    expect(failures.get("catch/leftover")).toBeUndefined();
    expect(reports.get("catch/leftover")!.leftovers).toEqual([expect.stringMatching(/^aws_vpc\.network \(vpc-[0-9a-f]+\)$/)]);
  });
});
