/**
 * What the apply tier (`npm run test:apply`, __tests__/apply/) cannot prove on moto, the local AWS
 * emulator: resource types it does not emulate (left out of the apply with everything that refers
 * to them) and attributes it reads back differently from AWS. One table, used by the tier to choose
 * its `-target` list and the re-plan differences it accepts, and by the generated READMEs to say
 * what was applied. Measured with moto 5.2.1, Terraform 1.11.4, hashicorp/aws 5.100.0 (2026-11-23).
 */
import * as fs from "fs";
import * as path from "path";

/** The emulator and version the table was measured with. */
export const EMULATOR = "moto 5.2.1";

/** Why a resource type cannot go through the emulator: never applied, or applied with known differences. */
export interface EmulatorGap {
  /** `not-emulated`: left out of the apply (`-target`), with everything that depends on it. `differs`: applied; these attributes read back differently. */
  readonly kind: "not-emulated" | "differs";
  readonly reason: string;
  /** For `differs`: the attributes whose re-plan difference is moto's, not ours. */
  readonly attributes?: readonly string[];
  /**
   * Only resources whose values match: for `not-emulated` the module's arguments, for `differs`
   * the planned values (e.g. rules that reference a group). @default every resource of the type
   */
  readonly when?: (values: Readonly<Record<string, unknown>>) => boolean;
}

const GROUP_RULE_DESCRIPTION: EmulatorGap = {
  kind: "differs",
  reason:
    "moto 5.2.1 keeps rule descriptions only for CIDR rules, not for rules that reference a security group or prefix list (reads back null)",
  attributes: ["description"],
  when: (after) => after.referenced_security_group_id != null || after.prefix_list_id != null,
};

/**
 * Every difference between moto 5.2.1 and AWS that the tier works around, by resource type.
 * Measured here (see ../shared/spec/emulator-notes.md and docs/testing.md); nothing else may be
 * excluded.
 */
const NO_APP_RUNNER: EmulatorGap = { kind: "not-emulated", reason: "moto has no AWS App Runner service" };
const NO_RAM_ASSOCIATIONS: EmulatorGap = { kind: "not-emulated", reason: "moto 5.2.1: RAM associations are not emulated" };

export const EMULATOR_GAPS: Readonly<Record<string, EmulatorGap>> = {
  aws_mwaa_environment: { kind: "not-emulated", reason: "moto has no Amazon MWAA service" },
  aws_apprunner_vpc_connector: NO_APP_RUNNER,
  aws_apprunner_service: NO_APP_RUNNER,
  aws_apprunner_auto_scaling_configuration_version: NO_APP_RUNNER,
  aws_apprunner_vpc_ingress_connection: NO_APP_RUNNER,
  aws_vpclattice_resource_gateway: { kind: "not-emulated", reason: "moto 5.2.1 does not implement VPC Lattice resource gateways" },
  aws_vpclattice_resource_configuration: {
    kind: "not-emulated",
    reason: "moto 5.2.1 does not implement VPC Lattice resource configurations",
  },
  aws_vpclattice_service_network: { kind: "not-emulated", reason: "moto 5.2.1 cannot delete a service network (destroy fails)" },
  aws_vpclattice_service_network_resource_association: {
    kind: "not-emulated",
    reason: "moto 5.2.1 omits resourceConfigurationId from the association (the provider fails to read it back)",
  },
  aws_route53_vpc_association_authorization: {
    kind: "not-emulated",
    reason: "moto 5.2.1 has no CreateVPCAssociationAuthorization (answers 404; probed 2026-12-01)",
  },
  aws_ram_resource_share: { kind: "not-emulated", reason: "moto 5.2.1 lacks ListResourceSharePermissions, which the provider calls" },
  aws_ram_principal_association: NO_RAM_ASSOCIATIONS,
  aws_ram_resource_association: NO_RAM_ASSOCIATIONS,
  aws_sfn_state_machine: { kind: "not-emulated", reason: "moto 5.2.1 lacks ValidateStateMachineDefinition, which the provider calls" },
  // Measured 2026-11-23: the same upload succeeds on moto without the policy and fails with it.
  aws_s3_object: {
    kind: "not-emulated",
    reason:
      "moto 5.2.1 is reached over plain HTTP by the tier, so the source bucket's TLS-only policy (aws:SecureTransport false: deny) refuses the upload, as AWS would refuse an HTTP request",
  },
  aws_vpc_security_group_ingress_rule: GROUP_RULE_DESCRIPTION,
  aws_vpc_security_group_egress_rule: GROUP_RULE_DESCRIPTION,
  aws_cloudwatch_event_connection: {
    kind: "differs",
    reason: "moto 5.2.1 does not store a connection's invocation_connectivity_parameters (reads back empty)",
    attributes: ["invocation_connectivity_parameters"],
  },
};

/**
 * Measured 2026-12-01: moto keeps a VPC in its owner's account only; a participant's group created
 * in it gets no default egress rule, and the provider's revoke of that rule fails
 * (InvalidPermission.NotFound). The participant's side is proven by the offline plan's providers
 * (__tests__/generated/terraform.test.ts) instead.
 */
const SHARED_VPC_PARTICIPANT_GROUP =
  "moto 5.2.1 keeps a shared VPC in the owner's account only: a participant's security group in it gets no default egress rule, and the provider's revoke of it fails";

/**
 * Probed 2026-12-01 with boto3 against moto 5.2.1: a transit gateway shared through RAM stays
 * invisible to the other account (DescribeTransitGateways is empty there), so another account's
 * spoke cannot attach to its hub's gateway (InvalidTransitGatewayID.NotFound).
 */
const CROSS_ACCOUNT_ATTACHMENT =
  "moto 5.2.1 keeps a transit gateway in its owner's account only: shared through RAM, another account cannot attach to it (InvalidTransitGatewayID.NotFound)";

/** Gaps that depend on a resource's arguments rather than its type alone. */
const CONDITIONAL_GAPS: readonly (EmulatorGap & { readonly type: string })[] = [
  {
    type: "aws_vpc_endpoint",
    kind: "not-emulated",
    reason: "moto 5.2.1 does not store a ServiceNetwork endpoint's service network ARN (it would be replaced on every plan)",
    when: (v) => v.vpc_endpoint_type === "ServiceNetwork",
  },
  {
    type: "aws_vpc_endpoint",
    kind: "not-emulated",
    reason: "moto 5.2.1 does not store a Resource endpoint's resource configuration ARN",
    when: (v) => v.vpc_endpoint_type === "Resource",
  },
  {
    type: "aws_subnet",
    kind: "not-emulated",
    reason:
      "moto 5.2.1 lacks the DescribeSubnets filter ipv6-cidr-block-association.association-id and returns the association malformed: the provider waits for an IPv6 block that never associates",
    when: (v) => v.ipv6_cidr_block !== undefined || v.ipv6_native === true,
  },
];

export interface Exclusion {
  readonly address: string;
  readonly reason: string;
}

export interface ModuleResource {
  readonly address: string;
  readonly type: string;
  readonly body: Record<string, unknown>;
}

export function resourcesOfModule(moduleDir: string): ModuleResource[] {
  return resourcesOfJson(JSON.parse(fs.readFileSync(path.join(moduleDir, "main.tf.json"), "utf8")));
}

/** The resources of a Terraform JSON document. */
export function resourcesOfJson(doc: { resource?: Record<string, Record<string, Record<string, unknown>>> }): ModuleResource[] {
  return Object.entries(doc.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => ({ address: `${type}.${name}`, type, body })),
  );
}

/**
 * What is left out of the apply and why: the types moto cannot emulate, and every resource that
 * refers to one of them (Terraform would otherwise apply the excluded one as a dependency).
 */
export function exclusionsOf(resources: readonly ModuleResource[]): Exclusion[] {
  const direct = new Map<string, string>();
  // A shared VPC (its endpoints made by the owner's provider): the participant's groups in it.
  const sharedVpc = resources.some((r) => r.type === "aws_vpc_endpoint" && r.body.provider === "aws.vpc_owner");
  // A spoke of another account's hub (what the hub's account makes goes through a `hub` provider).
  const crossAccountSpoke = resources.some((r) => r.body.provider === "aws.hub");
  for (const r of resources) {
    if (sharedVpc && r.type === "aws_security_group" && r.body.provider === undefined) {
      direct.set(r.address, SHARED_VPC_PARTICIPANT_GROUP);
      continue;
    }
    if (crossAccountSpoke && r.type === "aws_ec2_transit_gateway_vpc_attachment") {
      direct.set(r.address, CROSS_ACCOUNT_ATTACHMENT);
      continue;
    }
    const gap = [EMULATOR_GAPS[r.type], ...CONDITIONAL_GAPS.filter((g) => g.type === r.type)].find(
      (g) => g?.kind === "not-emulated" && (g.when?.(r.body) ?? true),
    );
    if (gap) direct.set(r.address, gap.reason);
  }
  const refs = new Map(resources.map((r) => [r.address, referencesOf(r.body)]));
  const excluded = new Map(direct);
  for (let changed = true; changed;) {
    changed = false;
    for (const r of resources) {
      if (excluded.has(r.address)) continue;
      const on = refs.get(r.address)!.find((a) => excluded.has(a));
      if (on) {
        excluded.set(r.address, `refers to ${on}, which is left out`);
        changed = true;
      }
    }
  }
  return [...excluded].map(([address, reason]) => ({ address, reason })).sort((a, b) => a.address.localeCompare(b.address));
}

function referencesOf(body: unknown): string[] {
  const text = JSON.stringify(body);
  return [...new Set([...text.matchAll(/\b(aws_[a-z0-9_]+\.[a-zA-Z0-9_-]+)\b/g)].map((m) => m[1]))];
}
