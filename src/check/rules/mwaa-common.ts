import { byType, list, referencedAddress, TfModel, TfResource } from "../model";
import type { Rule } from "../rule";

// Shared by the MWAA private-routing rules (MWAA-P1..P10, source 004): one rule per file beside this one.

export const REQUIRED_INTERFACE = ["airflow.api", "airflow.env", "airflow.ops", "ecr.api", "ecr.dkr", "kms", "logs", "monitoring", "sqs"];
export type Found = ReturnType<Rule["check"]>;
export const fail = (address: string, message: string): Found[number] => ({ status: "fail", address, message });

export function endpoints(m: TfModel, type: "Interface" | "Gateway"): TfResource[] {
  return byType(m, "aws_vpc_endpoint").filter((e) => e.values.vpc_endpoint_type === type);
}
export function shortName(m: TfModel, e: TfResource): string {
  return String(e.values.service_name).replace(`com.amazonaws.${m.region}.`, "");
}
/** The MWAA security group: the one most of the required interface endpoints carry (so one stray endpoint is named, not the group lost). */
export function mwaaGroup(m: TfModel): string | undefined {
  const counts = new Map<string, number>();
  for (const e of endpoints(m, "Interface").filter((x) => REQUIRED_INTERFACE.includes(shortName(m, x)))) {
    for (const g of list(e.values.security_group_ids).map(referencedAddress)) if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
export const ref = (address: string) => `\${${address}.id}`;

