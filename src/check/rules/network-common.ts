import { byType, list, referencedAddress, refersTo, TfModel } from "../model";

// Shared by the public-routing (MWAA-U) and App Runner rules: which subnets are public.

/** Route tables (addresses) with the subnets associated to them (references). */
export function subnetsByRouteTable(m: TfModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of byType(m, "aws_route_table_association")) {
    const table = String(a.values.route_table_id);
    out.set(table, [...(out.get(table) ?? []), String(a.values.subnet_id)]);
  }
  return out;
}

/** Default routes, from aws_route resources and inline route blocks: [route table ref, target]. */
export function defaultRoutes(m: TfModel): { table: string; gateway?: string; nat?: string; address: string }[] {
  const routes = byType(m, "aws_route")
    .filter((r) => r.values.destination_cidr_block === "0.0.0.0/0")
    .map((r) => ({
      table: String(r.values.route_table_id),
      gateway: r.values.gateway_id as string | undefined,
      nat: r.values.nat_gateway_id as string | undefined,
      address: r.address,
    }));
  for (const t of byType(m, "aws_route_table")) {
    for (const x of list(t.values.route) as Record<string, unknown>[]) {
      if (x.cidr_block === "0.0.0.0/0")
        routes.push({
          table: `\${${t.address}.id}`,
          gateway: x.gateway_id as string | undefined,
          nat: x.nat_gateway_id as string | undefined,
          address: t.address,
        });
    }
  }
  return routes;
}

/**
 * Whether a route (an aws_route's values or an inline route block) goes to the internet: a NAT
 * gateway, an egress-only internet gateway, or a `gateway_id` that is not a virtual private
 * gateway. `gateway_id` takes both internet and virtual private gateways, so a literal `vgw-…` or a
 * reference to an aws_vpn_gateway is the only gateway taken as private; Transit Gateway, peering
 * and other targets stay inside AWS's private network.
 */
export function routeToInternet(route: Record<string, unknown>): boolean {
  if (route.nat_gateway_id || route.egress_only_gateway_id) return true;
  const gateway = route.gateway_id;
  if (!gateway) return false;
  const text = String(gateway);
  return !(text.startsWith("vgw-") || refersTo(text, "aws_vpn_gateway"));
}

/** Subnet references whose route table sends 0.0.0.0/0 to an internet gateway. */
export function publicSubnetRefs(m: TfModel): Set<string> {
  const byTable = subnetsByRouteTable(m);
  return new Set(
    defaultRoutes(m)
      .filter((r) => refersTo(r.gateway, "aws_internet_gateway"))
      .flatMap((r) => byTable.get(r.table) ?? []),
  );
}

export function subnetAz(m: TfModel, subnetRef: string): unknown {
  const address = referencedAddress(subnetRef);
  return m.resources.find((r) => r.address === address)?.values.availability_zone;
}

/**
 * The Availability Zones of the subnets these references name, in order; undefined when any of them
 * is defined outside the configuration (its AZ cannot be known offline).
 */
export function subnetAzs(m: TfModel, subnetRefs: readonly unknown[]): unknown[] | undefined {
  const azOf = new Map(byType(m, "aws_subnet").map((s) => [`\${${s.address}.id}`, s.values.availability_zone]));
  return subnetRefs.every((r) => azOf.has(String(r))) ? subnetRefs.map((r) => azOf.get(String(r))) : undefined;
}

/** One network ACL entry, whether inline (`ingress`/`egress` blocks) or an `aws_network_acl_rule`. */
export interface AclEntry {
  readonly ruleNo: string;
  readonly action: unknown;
  readonly protocol: string;
  readonly cidr: unknown;
}

/**
 * Every network ACL (`aws_network_acl`, `aws_default_network_acl`) with its entries by direction:
 * inline blocks and the separate `aws_network_acl_rule` resources that name it.
 */
export function networkAcls(m: TfModel): { address: string; ingress: AclEntry[]; egress: AclEntry[] }[] {
  const inline = (rules: unknown): AclEntry[] =>
    list(rules).map((r) => {
      const x = r as Record<string, unknown>;
      return { ruleNo: String(x.rule_no), action: x.action, protocol: String(x.protocol), cidr: x.cidr_block };
    });
  const separate = byType(m, "aws_network_acl_rule").map((r) => ({
    acl: referencedAddress(r.values.network_acl_id),
    egress: r.values.egress === true,
    entry: {
      ruleNo: String(r.values.rule_number),
      action: r.values.rule_action,
      protocol: String(r.values.protocol),
      cidr: r.values.cidr_block,
    },
  }));
  return [...byType(m, "aws_network_acl"), ...byType(m, "aws_default_network_acl")].map((a) => ({
    address: a.address,
    ingress: [...inline(a.values.ingress), ...separate.filter((s) => s.acl === a.address && !s.egress).map((s) => s.entry)],
    egress: [...inline(a.values.egress), ...separate.filter((s) => s.acl === a.address && s.egress).map((s) => s.entry)],
  }));
}
