import { centralZoneName } from "../aws/central-endpoints";
import { byType, list } from "./model";
import type { HubOffer, TfModel, VpcOffer } from "./model-types";

/**
 * The services a module serves as a central endpoint hub: each interface endpoint whose service
 * also has a private hosted zone of its private DNS name in the module (the whitepaper's
 * "Centralized access to VPC private endpoints"; src/aws/central-endpoints.ts). A zone whose name
 * is not known here (from an input, a for_each the reader could not expand) serves nothing seen.
 */
export function hubServices(m: TfModel): string[] {
  if (m.region === undefined) return [];
  const zones = new Set(byType(m, "aws_route53_zone").map((z) => String(z.values.name ?? "").replace(/\.$/, "")));
  const prefix = `com.amazonaws.${m.region}.`;
  const out = new Set<string>();
  for (const e of byType(m, "aws_vpc_endpoint")) {
    if ((e.values.vpc_endpoint_type ?? "Gateway") !== "Interface") continue;
    const name = String(e.values.service_name ?? "");
    if (!name.startsWith(prefix)) continue;
    const service = name.slice(prefix.length);
    if (zones.has(centralZoneName(service, m.region))) out.add(service);
  }
  return [...out].sort();
}

/** Whether a module takes endpoints from a hub: private-routing's record, zone associations of its own VPC, or a Route 53 Profile's association. */
export function isSpoke(m: TfModel): boolean {
  return (
    m.providedByHub !== undefined ||
    byType(m, "aws_route53_zone_association").length > 0 ||
    byType(m, "aws_route53profiles_association").length > 0
  );
}

const VPC_ID_RE = /^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

/**
 * The VPCs a module names by literal ID: with an MWAA environment, the VPC of the environment's
 * security groups (where it runs); else any resource's `vpc_id`.
 */
function literalVpcIds(m: TfModel): Set<string> {
  const literal = (v: unknown): v is string => typeof v === "string" && VPC_ID_RE.test(v);
  const envGroups = new Set(
    byType(m, "aws_mwaa_environment").flatMap((e) =>
      list(e.values.network_configuration).flatMap((nc) => list((nc as Record<string, unknown>).security_group_ids)),
    ),
  );
  if (envGroups.size > 0)
    return new Set(
      byType(m, "aws_security_group")
        .filter((g) => envGroups.has(`\${${g.address}.id}`))
        .map((g) => g.values.vpc_id)
        .filter(literal),
    );
  return new Set(m.resources.map((r) => r.values.vpc_id).filter(literal));
}

/** The endpoints a module makes in VPCs named by literal ID, by VPC: what it offers other modules there. */
function vpcOffers(m: TfModel): VpcOffer[] {
  const byVpc = new Map<string, Set<string>>();
  const prefix = `com.amazonaws.${m.region}.`;
  for (const e of byType(m, "aws_vpc_endpoint")) {
    const vpc = e.values.vpc_id;
    const name = String(e.values.service_name ?? "");
    if (typeof vpc !== "string" || !VPC_ID_RE.test(vpc) || m.region === undefined || !name.startsWith(prefix)) continue;
    const service = name.slice(prefix.length);
    // An S3 interface endpoint is not the gateway MWAA-P4 asks for.
    if (service === "s3" && (e.values.vpc_endpoint_type ?? "Gateway") !== "Gateway") continue;
    if (!byVpc.has(vpc)) byVpc.set(vpc, new Set());
    byVpc.get(vpc)!.add(service);
  }
  return [...byVpc].map(([vpcId, services]) => ({ source: m.source, vpcId, services: [...services].sort() }));
}

/**
 * Modules checked together (`check HUB SPOKE…`, `check OWNER PARTICIPANT…`): each spoke learns
 * what the other modules serve as hubs, and each module what the others make in a VPC it names by
 * ID (a shared VPC, whose owner makes the endpoints the participant's environment uses), so
 * MWAA-P4/P5 judge its endpoints through them. Modules that are neither are unchanged.
 */
export function withHubs(models: readonly TfModel[]): TfModel[] {
  if (models.length < 2) return [...models];
  const offers: (HubOffer | undefined)[] = models.map((m) => {
    const services = hubServices(m);
    return services.length > 0 ? { source: m.source, services } : undefined;
  });
  const inVpcs = models.map(vpcOffers);
  const withEnvironment = models.map((m) => byType(m, "aws_mwaa_environment").length > 0);
  return models.map((m, i) => {
    // Every other module's offers: the rules keep those in a VPC this module names (sameVpcOffers
    // reads the module's own values, so what it looked at is what it judged).
    const sameVpc = inVpcs.flatMap((o, j) => (j === i ? [] : o));
    const own = new Set(inVpcs[i].map((o) => o.vpcId));
    const environmentsInVpc = models
      .filter((o, j) => j !== i && withEnvironment[j] && [...literalVpcIds(o)].some((v) => own.has(v)))
      .map((o) => o.source);
    const hubs = isSpoke(m) ? offers.filter((o, j): o is HubOffer => j !== i && o !== undefined) : undefined;
    return {
      ...m,
      ...(hubs ? { hubs } : {}),
      ...(sameVpc.length > 0 ? { sameVpc } : {}),
      ...(environmentsInVpc.length > 0 ? { environmentsInVpc } : {}),
    };
  });
}

/** The offers of other modules checked together in a VPC this module names by ID (read through `m`). */
export function sameVpcOffers(m: TfModel): VpcOffer[] {
  if (!m.sameVpc?.length) return [];
  const vpcs = literalVpcIds(m);
  return m.sameVpc.filter((o) => vpcs.has(o.vpcId));
}
