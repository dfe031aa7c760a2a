import { byType, list, referencedAddress, TfModel, TfResource } from "../model";
import type { Rule } from "../rule";
import { MWAA_REQUIRED_INTERFACE_ENDPOINTS } from "../../aws/mwaa";

// Shared by the MWAA private-routing rules (MWAA-P1..P10, docs/requirements.md): one rule per file beside this one.

export const REQUIRED_INTERFACE: readonly string[] = MWAA_REQUIRED_INTERFACE_ENDPOINTS;
export type Found = ReturnType<Rule["check"]>;
export const fail = (address: string, message: string): Found[number] => ({ status: "fail", address, message });

export function endpoints(m: TfModel, type: "Interface" | "Gateway"): TfResource[] {
  return byType(m, "aws_vpc_endpoint").filter((e) => e.values.vpc_endpoint_type === type);
}
export function shortName(m: TfModel, e: TfResource): string {
  return String(e.values.service_name).replace(`com.amazonaws.${m.region}.`, "");
}
/**
 * The MWAA security group: the environment's first group; without an environment in the code, the
 * one most of the required interface endpoints carry (so one stray endpoint is named, not the
 * group lost) when it references itself, or else the one group that references itself (the
 * endpoints have a group of their own: a shared VPC's owner's, or a module's endpoint group), or
 * else the endpoints' group.
 */
export function mwaaGroup(m: TfModel): string | undefined {
  for (const env of byType(m, "aws_mwaa_environment")) {
    const nc = (
      Array.isArray(env.values.network_configuration) ? env.values.network_configuration[0] : env.values.network_configuration
    ) as Record<string, unknown> | undefined;
    const first = referencedAddress(list(nc?.security_group_ids)[0]);
    if (first) return first;
  }
  const counts = new Map<string, number>();
  for (const e of endpoints(m, "Interface").filter((x) => REQUIRED_INTERFACE.includes(shortName(m, x)))) {
    for (const g of list(e.values.security_group_ids).map(referencedAddress)) if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  const byEndpoints = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const selfReferencing = byType(m, "aws_vpc_security_group_ingress_rule")
    .filter((r) => r.values.referenced_security_group_id === r.values.security_group_id)
    .map((r) => referencedAddress(r.values.security_group_id));
  const unique = [...new Set(selfReferencing)].filter(Boolean);
  if (byEndpoints && (unique.length !== 1 || unique.includes(byEndpoints))) return byEndpoints;
  return unique.length === 1 ? unique[0] : byEndpoints;
}

export const ref = (address: string) => `\${${address}.id}`;
