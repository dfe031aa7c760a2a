import type { TfModel } from "./model";
import type { Rule } from "./rule";
import { MWAA_PRIVATE_RULES } from "./rules/mwaa";
import { SEC_NO_INGRESS_FROM_ANYWHERE } from "./rules/sec-no-ingress-from-anywhere";

/**
 * Rule sets by profile. So far the MWAA private-routing requirements and the project's security
 * rule; the other profiles check the security rule only until their requirement rules exist.
 */
export const PROFILES: Readonly<Record<string, readonly Rule[]>> = {
  "mwaa-private": [...MWAA_PRIVATE_RULES, SEC_NO_INGRESS_FROM_ANYWHERE],
  "mwaa-public": [SEC_NO_INGRESS_FROM_ANYWHERE],
  apprunner: [SEC_NO_INGRESS_FROM_ANYWHERE],
  privatelink: [SEC_NO_INGRESS_FROM_ANYWHERE],
  security: [SEC_NO_INGRESS_FROM_ANYWHERE],
};

export const ALL_RULES: readonly Rule[] = [...new Map(Object.values(PROFILES).flat().map((r) => [r.id, r])).values()];

/**
 * The profiles to check a model with: the ones private-routing recorded in it, or detected from
 * its resources (an MWAA required endpoint set means mwaa-private), and always `security`.
 */
export function detectProfiles(model: TfModel): string[] {
  const recorded = (model.profiles ?? []).filter((p) => p in PROFILES);
  if (recorded.length > 0) return [...new Set([...recorded, "security"])];
  const services = model.resources.filter((r) => r.type === "aws_vpc_endpoint").map((r) => String(r.values.service_name));
  const detected: string[] = [];
  if (services.some((s) => s.endsWith(".airflow.env"))) detected.push(model.resources.some((r) => r.type === "aws_nat_gateway") ? "mwaa-public" : "mwaa-private");
  if (model.resources.some((r) => r.type === "aws_apprunner_vpc_connector")) detected.push("apprunner");
  return [...detected, "security"];
}
