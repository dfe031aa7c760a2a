/**
 * The apply tier: a generated root module applied to moto, planned again (no change allowed),
 * destroyed, and moto checked to hold nothing of it. What moto cannot emulate is named in
 * EMULATOR_GAPS and nowhere else: it decides the `-target` list and the re-plan differences we
 * accept, and every use of it is printed. A resource type moto rejects that is not in the table
 * fails the tier until someone classifies it.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import type { DeploymentConfig } from "../../src/config/schema";
import { EMULATOR_GAPS, Exclusion, exclusionsOf, resourcesOfModule } from "../../src/synth/emulator-gaps";
import { assumeRoleKey, ec2Call, MotoServer, xmlValue } from "./moto";
import { dummySecret, providerAliasesOf, sensitiveVariablesOf, TERRAFORM, terraformEnv, withInitLock } from "./terraform";

const run = promisify(execFile);

/**
 * The provider pointed at moto: every service endpoint the generated modules use, path-style S3,
 * dummy credentials. `skip_requesting_account_id = false`: with it true, self-referencing rules
 * read back as `123456789012/sg-…` and look like drift. `max_retries = 2`: operations moto lacks
 * answer 500, and the default retries back off for minutes. The override file only: generated/
 * is never touched.
 */
export function emulatorOverride(
  moto: MotoServer,
  region: string,
  aliases: readonly string[] = [],
  moduleDir?: string,
): Record<string, unknown> {
  const services = [
    "apprunner",
    "ec2",
    "events",
    "iam",
    "kms",
    "logs",
    "mwaa",
    "ram",
    "route53",
    "route53resolver",
    "s3",
    "secretsmanager",
    "sfn",
    "sts",
    "vpclattice",
  ];
  const settings = {
    region,
    access_key: "mock",
    secret_key: "mock",
    s3_use_path_style: true,
    skip_credentials_validation: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    skip_requesting_account_id: false,
    max_retries: 2,
    endpoints: [Object.fromEntries(services.map((s) => [s, moto.url]))],
  };
  // A provider for another account keeps its assume_role and allowed_account_ids: moto's STS
  // answers the role with credentials of that account, which the provider then checks.
  return {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    provider: { aws: aliases.length === 0 ? settings : [settings, ...aliases.map((alias) => ({ alias, ...settings }))] },
    ...(moduleDir ? defaultTableOverrides(moduleDir) : {}),
  };
}

/**
 * moto 5.2.1 gives a transit gateway a default route table even when its defaults are disabled,
 * and associates every attachment with it; an attachment that says "not with the default table"
 * (false, as a gateway without defaults means on AWS) makes the provider disassociate it, which
 * moto answers with a 500 (measured 2026-12-01). On the emulator only, such an attachment keeps
 * moto's default association (EMULATOR_GAPS, docs/testing.md); its own route tables are unchanged.
 */
function defaultTableOverrides(moduleDir: string): Record<string, unknown> {
  const attachments = resourcesOfModule(moduleDir)
    .filter((r) => r.type === "aws_ec2_transit_gateway_vpc_attachment" && r.body.transit_gateway_default_route_table_association === false)
    .map((r) => r.address.slice(r.type.length + 1));
  if (attachments.length === 0) return {};
  return {
    resource: {
      aws_ec2_transit_gateway_vpc_attachment: Object.fromEntries(
        attachments.map((n) => [
          n,
          { transit_gateway_default_route_table_association: true, transit_gateway_default_route_table_propagation: true },
        ]),
      ),
    },
  };
}

/** Existing things the configuration names, created in moto as a real account would hold them; literal ID → moto's ID. */
export async function createExistingFixtures(moto: MotoServer, d: DeploymentConfig, moduleText: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const region = d.region;
  if (d.existingNetwork) {
    const e = d.existingNetwork;
    // A shared VPC is the owner's: made in the owner's account (moto shows it to the participant
    // too, as AWS shows a VPC whose subnets are shared with it).
    const key = e.owner ? await assumeRoleKey(moto, region, e.owner.roleArn) : undefined;
    const ec2 = (action: string, params: Record<string, string>) => ec2Call(moto, region, action, params, key);
    const cidr = e.cidrBlock ?? "172.31.0.0/16";
    const vpc = xmlValue(await ec2("CreateVpc", { CidrBlock: cidr }), "vpcId");
    // An existing VPC without internet access, with DNS on (the README asks for both).
    await ec2("ModifyVpcAttribute", { VpcId: vpc, "EnableDnsSupport.Value": "true" });
    await ec2("ModifyVpcAttribute", { VpcId: vpc, "EnableDnsHostnames.Value": "true" });
    ids.set(e.vpcId, vpc);
    const base = cidr.split("/")[0].split(".").map(Number);
    for (const [i, s] of e.privateSubnets.entries()) {
      const subnetCidr = `${base[0]}.${base[1]}.${i * 16}.0/20`;
      ids.set(
        s.subnetId,
        xmlValue(await ec2("CreateSubnet", { VpcId: vpc, CidrBlock: subnetCidr, AvailabilityZone: s.availabilityZone }), "subnetId"),
      );
    }
    for (const rtb of e.routeTableIds ?? []) ids.set(rtb, xmlValue(await ec2("CreateRouteTable", { VpcId: vpc }), "routeTableId"));
  }
  // The targets of network.extraRoutes, as the account holds them before the routes are added: a
  // peering connection between two VPCs of its own, a Transit Gateway, a virtual private gateway.
  // moto does not check that the route table's VPC is the one peered or attached (AWS does).
  for (const r of d.network?.extraRoutes ?? []) {
    if (r.vpcPeeringConnectionId && !ids.has(r.vpcPeeringConnectionId)) {
      const a = xmlValue(await ec2Call(moto, region, "CreateVpc", { CidrBlock: "10.252.0.0/16" }), "vpcId");
      const b = xmlValue(await ec2Call(moto, region, "CreateVpc", { CidrBlock: "10.253.0.0/16" }), "vpcId");
      const pcx = xmlValue(await ec2Call(moto, region, "CreateVpcPeeringConnection", { VpcId: a, PeerVpcId: b }), "vpcPeeringConnectionId");
      await ec2Call(moto, region, "AcceptVpcPeeringConnection", { VpcPeeringConnectionId: pcx });
      ids.set(r.vpcPeeringConnectionId, pcx);
    }
    if (r.transitGatewayId && !ids.has(r.transitGatewayId))
      ids.set(r.transitGatewayId, xmlValue(await ec2Call(moto, region, "CreateTransitGateway", {}), "transitGatewayId"));
    if (r.vpnGatewayId && !ids.has(r.vpnGatewayId))
      ids.set(r.vpnGatewayId, xmlValue(await ec2Call(moto, region, "CreateVpnGateway", { Type: "ipsec.1" }), "vpnGatewayId"));
  }
  // Security groups named by ID (destinations, targets): they live in a VPC of their own, as they
  // must in an account, since this stack's VPC does not exist yet (moto accepts the cross-VPC
  // reference; AWS would need a peering: see docs/testing.md).
  const groups = [...new Set([...moduleText.matchAll(/"(sg-[0-9a-f]{8}(?:[0-9a-f]{9})?)"/g)].map((m) => m[1]))];
  if (groups.length > 0) {
    const vpc = xmlValue(await ec2Call(moto, region, "CreateVpc", { CidrBlock: "10.254.0.0/16" }), "vpcId");
    for (const g of groups)
      ids.set(
        g,
        xmlValue(
          await ec2Call(moto, region, "CreateSecurityGroup", {
            GroupName: `existing-${g}`,
            GroupDescription: "An existing group the configuration names",
            VpcId: vpc,
          }),
          "groupId",
        ),
      );
  }
  return ids;
}

export interface ApplyReport {
  readonly module: string;
  readonly applied: readonly string[];
  readonly excluded: readonly Exclusion[];
  /** Re-plan differences accepted because EMULATOR_GAPS names them. */
  readonly acceptedDifferences: readonly string[];
  readonly seconds: {
    readonly init: number;
    readonly apply: number;
    readonly plan: number;
    readonly destroy: number;
    readonly total: number;
  };
  /** What moto still holds after destroy that it did not hold before apply: must be empty. */
  readonly leftovers: readonly string[];
  /**
   * With a provider for another account (a shared VPC's owner, a spoke's hub): each applied EC2
   * object, by the account moto holds it in after apply, `owner` (the other account) or `base`
   * (asked of both, one ID at a time); for a spoke also `hub:vpc_id`, the VPC its hub made.
   */
  readonly heldIn: Readonly<Record<string, "owner" | "base" | "both" | "neither">>;
  /** A spoke's hub (ApplyOptions.before) planned no change after the spoke was applied. */
  readonly hubReplanned: boolean;
  /**
   * The hub's own result, when it was applied whole (ApplyOptions.before without `types`): what
   * its own run would report, so that the hub needs no run of its own.
   */
  readonly hub?: ApplyReport;
}

/** A finished step: what Terraform printed, for failure messages. */
class StepError extends Error {}

/**
 * Copies the module (JSON or HCL) to a temp folder with the emulator override, substitutes the
 * existing IDs, and runs init, apply, plan -detailed-exitcode and destroy. `initDonor`: a folder
 * whose `.terraform/` and lock file can be reused (same provider); returned for the next call.
 */
export interface ApplyOptions {
  /** Create the existing things the configuration names. @default true */
  readonly fixtures?: boolean;
  /** Apply only these addresses (and what they need), instead of everything moto emulates. */
  readonly only?: readonly string[];
  /** Remove these addresses from the state before destroy (to prove the leftover check sees them). */
  readonly forget?: readonly string[];
  /** A folder whose `.terraform/` and lock file can be reused (same provider). */
  readonly initDonor?: string;
  /**
   * A module applied first on the same emulator and destroyed last (a spoke's hub): the module
   * under test finds what it made by Name tag, as it would in the account.
   */
  readonly before?: {
    readonly moduleDir: string;
    readonly d: DeploymentConfig;
    /** The hub's own account, when it is not the spoke's: its provider assumes this role (moto answers with that account's credentials). */
    readonly roleArn?: string;
    /**
     * Apply only the module's resources of these types (and what they need), not all of it: what
     * the module under test uses of it. @default every resource the emulator can make
     */
    readonly types?: readonly string[];
  };
}

export async function applyOnEmulator(
  moduleDir: string,
  jsonDir: string,
  d: DeploymentConfig,
  moto: MotoServer,
  options: ApplyOptions = {},
): Promise<{ report: ApplyReport; work: string }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-apply-"));
  try {
    return { work, report: await applyIn(work, moduleDir, jsonDir, d, moto, options) };
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    throw e;
  }
}

async function applyIn(
  work: string,
  moduleDir: string,
  jsonDir: string,
  d: DeploymentConfig,
  moto: MotoServer,
  options: ApplyOptions,
): Promise<ApplyReport> {
  const initDonor = options.initDonor;
  const started = Date.now();
  await moto.reset();
  const files = fs.readdirSync(moduleDir).filter((f) => /\.tf(\.json)?$/.test(f));
  const moduleText = files.map((f) => fs.readFileSync(path.join(moduleDir, f), "utf8")).join("\n");
  const ids = options.fixtures === false ? new Map<string, string>() : await createExistingFixtures(moto, d, moduleText);
  for (const f of files) {
    let text = fs.readFileSync(path.join(moduleDir, f), "utf8");
    for (const [literal, real] of ids) text = text.split(literal).join(real);
    fs.writeFileSync(path.join(work, f), text);
  }
  // Files the module uploads (files/…), as the module's own folder holds them.
  if (fs.existsSync(path.join(moduleDir, "files"))) fs.cpSync(path.join(moduleDir, "files"), path.join(work, "files"), { recursive: true });
  fs.writeFileSync(
    path.join(work, "zz_emulator_override.tf.json"),
    JSON.stringify(emulatorOverride(moto, d.region, providerAliasesOf(moduleDir), jsonDir), null, 2),
  );
  const secrets = sensitiveVariablesOf(moduleDir);
  if (secrets.length > 0)
    fs.writeFileSync(
      path.join(work, "zz_test.auto.tfvars.json"),
      JSON.stringify(Object.fromEntries(secrets.map((v) => [v, dummySecret(v)]))),
    );

  // GOGC=400: the provider's garbage collector runs less often (about 0.7 s of CPU less per start, measured); the tier is CPU-bound on two cores.
  const env = { ...terraformEnv(), TF_LOG: "", GOGC: "400" };
  /** Terraform in a folder (the module's copy, or its hub's): the exit codes given are not failures. */
  const tfAt =
    (cwd: string, of: string) =>
    async (args: string[], okCodes = [0]): Promise<{ code: number; out: string }> => {
      try {
        const r = await run(TERRAFORM, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
        return { code: 0, out: r.stdout };
      } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        if (typeof err.code === "number" && okCodes.includes(err.code)) return { code: err.code, out: err.stdout ?? "" };
        throw new StepError(
          `terraform ${args[0]} failed for ${of}:\n${(err.stderr || err.stdout || String(e)).slice(-4000)}\n--- moto's last lines:\n${moto.recentLog().slice(-1000)}`,
        );
      }
    };
  const tf = tfAt(work, `${path.basename(moduleDir)} (${moduleDir})`);
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t = Date.now();
    const r = await fn();
    return [r, (Date.now() - t) / 1000];
  };

  const resources = resourcesOfModule(jsonDir);
  const excluded = exclusionsOf(resources);
  const targets = options.only
    ? options.only.map((a) => `-target=${a}`)
    : excluded.length === 0
      ? []
      : resources.filter((r) => !excluded.some((x) => x.address === r.address)).map((r) => `-target=${r.address}`);

  let initSeconds = 0;
  if (initDonor && fs.existsSync(path.join(initDonor, ".terraform"))) {
    fs.cpSync(path.join(initDonor, ".terraform"), path.join(work, ".terraform"), { recursive: true, verbatimSymlinks: true });
    fs.copyFileSync(path.join(initDonor, ".terraform.lock.hcl"), path.join(work, ".terraform.lock.hcl"));
  } else {
    [, initSeconds] = await timed(() => withInitLock(() => tf(["init", "-input=false", "-no-color"])));
  }
  const common = ["-input=false", "-no-color", "-lock=false", ...targets];
  // The hub first, in a folder of its own (its own state), with the same provider files.
  const before = options.before;
  const beforeWork = before && path.join(work, "_before");
  let hubVpcId: string | undefined;
  let hubTargets: string[] = [];
  let hubApplySeconds = 0;
  const hubTf = beforeWork ? tfAt(beforeWork, `the module applied first (${before!.moduleDir})`) : tf;
  const hubCommon = ["-input=false", "-no-color", "-lock=false"];
  const hubExcluded = before ? exclusionsOf(resourcesOfModule(before.moduleDir)) : [];
  if (before && beforeWork) {
    fs.mkdirSync(beforeWork);
    for (const f of fs.readdirSync(before.moduleDir).filter((x) => /\.tf(\.json)?$/.test(x)))
      fs.copyFileSync(path.join(before.moduleDir, f), path.join(beforeWork, f));
    const hubOverride = emulatorOverride(moto, before.d.region, providerAliasesOf(before.moduleDir), before.moduleDir);
    if (before.roleArn) (hubOverride.provider as { aws: Record<string, unknown> }).aws.assume_role = [{ role_arn: before.roleArn }];
    fs.writeFileSync(path.join(beforeWork, "zz_emulator_override.tf.json"), JSON.stringify(hubOverride, null, 2));
    fs.cpSync(path.join(work, ".terraform"), path.join(beforeWork, ".terraform"), { recursive: true, verbatimSymlinks: true });
    fs.copyFileSync(path.join(work, ".terraform.lock.hcl"), path.join(beforeWork, ".terraform.lock.hcl"));
    hubTargets =
      hubExcluded.length === 0 && !before.types
        ? []
        : resourcesOfModule(before.moduleDir)
            .filter((r) => !hubExcluded.some((x) => x.address === r.address) && (!before.types || before.types.includes(r.type)))
            .map((r) => `-target=${r.address}`);
    [, hubApplySeconds] = await timed(() => hubTf(["apply", "-auto-approve", ...hubCommon, ...hubTargets]));
    // The hub's outputs handed over as the spoke's variables, as its README says to (the spoke's
    // lookups by tag then have count 0: moto 5.2.1 finds no hosted zone by tag).
    const outputs = JSON.parse((await hubTf(["output", "-json"])).out) as Record<string, { value: unknown }>;
    hubVpcId = outputs.vpc_id?.value as string | undefined;
    fs.writeFileSync(
      path.join(work, "zz_hub.auto.tfvars.json"),
      JSON.stringify({
        hub_transit_gateway_id: outputs.transit_gateway_id?.value,
        hub_route_table_ids: outputs.transit_gateway_route_table_ids?.value,
        hub_zone_ids: outputs.hub_zone_ids?.value,
      }),
    );
  }
  const [, applySeconds] = await timed(() => tf(["apply", "-auto-approve", ...common]));
  // The hub planned again once its spoke is associated with its zones: no change but moto's named
  // differences (its zones ignore their `vpc` blocks, so re-applying the hub does not take the
  // spokes' associations away). Applied whole, this is also the hub's own re-plan.
  const [hubAccepted, hubPlanSeconds] = beforeWork
    ? await timed(() => replanned(hubTf, [...hubCommon, ...hubTargets], `the hub ${before!.moduleDir} once its spoke is applied`))
    : [[], 0];
  const [acceptedDifferences, planSeconds] = await timed(() => replanned(tf, common, path.basename(moduleDir)));
  // A resource of another account's provider is looked for in that account after destroy.
  // The other account: a shared VPC's owner, or the hub's account of a spoke applied after it.
  const otherRole = d.existingNetwork?.owner?.roleArn ?? before?.roleArn;
  const ownerKey = otherRole ? await assumeRoleKey(moto, d.region, otherRole) : undefined;
  const managed = await managedOf(tf, (provider) => (provider.endsWith(".vpc_owner") || provider.endsWith(".hub") ? ownerKey : undefined));
  // Every hub resource is made by the hub's own provider: in the other account when it assumes a role.
  const hubManaged = beforeWork ? await managedOf(hubTf, () => (before!.roleArn ? ownerKey : undefined)) : [];
  const applied = managed.map((r) => r.address).sort();
  const heldIn: Record<string, "owner" | "base" | "both" | "neither"> = {};
  if (ownerKey) {
    const whereHeld = async (id: string) => {
      const [inOwner, inBase] = [await ec2Holds(moto, d.region, id, ownerKey), await ec2Holds(moto, d.region, id)];
      return inOwner && inBase ? "both" : inOwner ? "owner" : inBase ? "base" : "neither";
    };
    for (const r of managed) {
      const id = typeof r.values.id === "string" && EC2_PROBES.some(([re]) => re.test(r.values.id as string)) ? r.values.id : undefined;
      if (id) heldIn[r.address] = await whereHeld(id);
    }
    if (hubVpcId) heldIn["hub:vpc_id"] = await whereHeld(hubVpcId);
  }
  for (const address of options.forget ?? []) await tf(["state", "rm", address]);
  // The re-plan has just refreshed everything: destroy need not read it all again.
  const [, destroySeconds] = await timed(() => tf(["destroy", "-auto-approve", "-refresh=false", ...common]));
  const [, hubDestroySeconds] = beforeWork
    ? await timed(() => hubTf(["destroy", "-auto-approve", "-refresh=false", ...hubCommon]))
    : [undefined, 0];
  const held = await holdingsText(moto, d.region);
  const leftovers = await leftoversOf(moto, d.region, managed, held);
  const total = (Date.now() - started) / 1000;
  const hub: ApplyReport | undefined =
    before && !before.types
      ? {
          module: path.relative(path.join(before.moduleDir, "..", ".."), before.moduleDir),
          applied: hubManaged.map((r) => r.address).sort(),
          excluded: hubExcluded,
          acceptedDifferences: hubAccepted,
          seconds: { init: 0, apply: hubApplySeconds, plan: hubPlanSeconds, destroy: hubDestroySeconds, total },
          leftovers: await leftoversOf(moto, d.region, hubManaged, held),
          heldIn: {},
          hubReplanned: false,
        }
      : undefined;
  return {
    module: path.relative(path.join(moduleDir, "..", ".."), moduleDir),
    applied,
    excluded,
    acceptedDifferences,
    seconds: { init: initSeconds, apply: applySeconds, plan: planSeconds, destroy: destroySeconds, total },
    leftovers,
    heldIn,
    hubReplanned: beforeWork !== undefined,
    hub,
  };
}

/** The managed resources in a module's state, each with the access key of the account its provider acts in. */
async function managedOf(tf: Tf, accessKeyOf: (provider: string) => string | undefined) {
  // `state pull` reads the state without starting the provider (`show -json` starts it: 2-3 s of CPU).
  const state = JSON.parse((await tf(["state", "pull"])).out) as {
    resources?: { mode: string; type: string; name: string; provider: string; instances: { attributes: Record<string, unknown> }[] }[];
  };
  return (state.resources ?? [])
    .filter((r) => r.mode === "managed")
    .map((r) => ({
      address: `${r.type}.${r.name}`,
      type: r.type,
      values: r.instances[0]?.attributes ?? {},
      accessKey: accessKeyOf(r.provider),
    }));
}

type Tf = (args: string[], okCodes?: number[]) => Promise<{ code: number; out: string }>;

/**
 * Plans again after apply: no change allowed but the moto differences EMULATOR_GAPS names, which
 * are returned (a perpetual diff of our own fails the run, after destroying what it made).
 */
async function replanned(tf: Tf, common: readonly string[], label: string): Promise<string[]> {
  const replan = await tf(["plan", "-detailed-exitcode", "-out=replan.bin", ...common], [2]);
  const acceptedDifferences: string[] = [];
  if (replan.code !== 2) return acceptedDifferences;
  const show = JSON.parse((await tf(["show", "-json", "replan.bin"])).out) as {
    resource_changes?: {
      address: string;
      type: string;
      change: { actions: string[]; before: Record<string, unknown>; after: Record<string, unknown> };
    }[];
  };
  const problems: string[] = [];
  for (const c of show.resource_changes ?? []) {
    if (c.change.actions.join() === "no-op" || c.change.actions.join() === "read") continue;
    const changed = Object.keys({ ...c.change.before, ...c.change.after }).filter(
      (k) => JSON.stringify(c.change.before?.[k]) !== JSON.stringify(c.change.after?.[k]) && k !== "tags_all",
    );
    const gap = EMULATOR_GAPS[c.type];
    const accepted =
      gap?.kind === "differs" &&
      c.change.actions.join() === "update" &&
      (gap.when?.(c.change.after) ?? true) &&
      changed.every((k) => gap.attributes!.includes(k));
    const line = `${c.address} (${c.change.actions.join("+")}): ${changed.map((k) => `${k} ${JSON.stringify(c.change.before?.[k])} -> ${JSON.stringify(c.change.after?.[k])}`).join("; ")}`;
    (accepted ? acceptedDifferences : problems).push(accepted ? `${line} [${gap!.reason}]` : line);
  }
  if (problems.length > 0) {
    await tf(["destroy", "-auto-approve", ...common]).catch(() => undefined);
    throw new StepError(`re-plan of ${label} is not empty after apply (a perpetual diff):\n${problems.join("\n")}`);
  }
  return acceptedDifferences;
}

/**
 * EC2 objects by ID prefix: the Describe call that finds one, and its ID parameter. Asked one ID
 * at a time, so a deleted VPC endpoint (moto lists those, with their old VPC, subnets and policy)
 * cannot make another resource look left over.
 */
const EC2_PROBES: readonly [RegExp, string, string][] = [
  [/^vpc-/, "DescribeVpcs", "VpcId.1"],
  [/^subnet-/, "DescribeSubnets", "SubnetId.1"],
  [/^sg-/, "DescribeSecurityGroups", "GroupId.1"],
  [/^sgr-/, "DescribeSecurityGroupRules", "SecurityGroupRuleId.1"],
  [/^rtb-/, "DescribeRouteTables", "RouteTableId.1"],
  [/^acl-/, "DescribeNetworkAcls", "NetworkAclId.1"],
  [/^igw-/, "DescribeInternetGateways", "InternetGatewayId.1"],
  [/^nat-/, "DescribeNatGateways", "NatGatewayId.1"],
  [/^eipalloc-/, "DescribeAddresses", "AllocationId.1"],
  [/^vpce-/, "DescribeVpcEndpoints", "VpcEndpointId.1"],
];

/** Whether moto still holds an EC2 object (a deleted NAT gateway or endpoint is gone, as in AWS). */
async function ec2Holds(moto: MotoServer, region: string, id: string, accessKey?: string): Promise<boolean> {
  const probe = EC2_PROBES.find(([re]) => re.test(id));
  if (!probe) return false;
  try {
    const xml = await ec2Call(moto, region, probe[1], { [probe[2]]: id }, accessKey);
    return xml.includes(id) && !/<state>deleted<\/state>/.test(xml);
  } catch {
    return false; // InvalidXxx.NotFound
  }
}

/** What moto lists for the other services the modules use (IAM, S3, Logs, EventBridge, Resolver, Secrets Manager, KMS), as one text. */
export async function holdingsText(moto: MotoServer, region: string): Promise<string> {
  const auth = (service: string, r = region) =>
    `AWS4-HMAC-SHA256 Credential=mock/20260101/${r}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
  const json = async (service: string, target: string) =>
    (
      await fetch(`${moto.url}/`, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target, authorization: auth(service) },
        body: "{}",
      })
    ).text();
  const parts = await Promise.all([
    fetch(`${moto.url}/`, { headers: { authorization: auth("s3") } }).then((r) => r.text()),
    fetch(`${moto.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: auth("iam", "us-east-1") },
      body: new URLSearchParams({ Action: "ListRoles", Version: "2010-05-08" }),
    }).then((r) => r.text()),
    json("logs", "Logs_20140328.DescribeLogGroups"),
    json("events", "AWSEvents.ListRules"),
    json("events", "AWSEvents.ListConnections"),
    json("events", "AWSEvents.ListApiDestinations"),
    json("route53resolver", "Route53Resolver.ListResolverEndpoints"),
    json("secretsmanager", "secretsmanager.ListSecrets"),
    json("kms", "TrentService.ListKeys"),
  ]);
  return parts.join("\n");
}

/** Applied resources whose ID or ARN moto still lists after destroy (KMS keys pending deletion are destroyed, as in AWS). */
async function leftoversOf(
  moto: MotoServer,
  region: string,
  applied: readonly { address: string; type: string; values: Record<string, unknown>; accessKey?: string }[],
  held: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const r of applied) {
    const ids = [r.values.id, r.values.arn].filter((v): v is string => typeof v === "string" && v.length >= 8);
    const ec2Id = ids.find((id) => EC2_PROBES.some(([re]) => re.test(id)));
    if (ec2Id) {
      if (await ec2Holds(moto, region, ec2Id, r.accessKey)) out.push(`${r.address} (${ec2Id})`);
      continue;
    }
    const found = ids.find((id) => held.includes(id));
    if (!found) continue;
    if (r.type === "aws_kms_key") {
      const key = await fetch(`${moto.url}/`, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "TrentService.DescribeKey",
          authorization: `AWS4-HMAC-SHA256 Credential=mock/20260101/${region}/kms/aws4_request, SignedHeaders=host, Signature=0`,
        },
        body: JSON.stringify({ KeyId: found }),
      });
      if (((await key.json()) as { KeyMetadata?: { KeyState?: string } }).KeyMetadata?.KeyState === "PendingDeletion") continue;
    }
    out.push(`${r.address} (${found})`);
  }
  return out.sort();
}
