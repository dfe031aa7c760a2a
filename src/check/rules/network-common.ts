import { byType, list, referencedAddress, TfModel } from "../model";

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
    .map((r) => ({ table: String(r.values.route_table_id), gateway: r.values.gateway_id as string | undefined, nat: r.values.nat_gateway_id as string | undefined, address: r.address }));
  for (const t of byType(m, "aws_route_table")) {
    for (const x of list(t.values.route) as Record<string, unknown>[]) {
      if (x.cidr_block === "0.0.0.0/0") routes.push({ table: `\${${t.address}.id}`, gateway: x.gateway_id as string | undefined, nat: x.nat_gateway_id as string | undefined, address: t.address });
    }
  }
  return routes;
}

/** Subnet references whose route table sends 0.0.0.0/0 to an internet gateway. */
export function publicSubnetRefs(m: TfModel): Set<string> {
  const byTable = subnetsByRouteTable(m);
  return new Set(defaultRoutes(m).filter((r) => referencedAddress(r.gateway)?.startsWith("aws_internet_gateway.")).flatMap((r) => byTable.get(r.table) ?? []));
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
