import type { TfModel } from "./model";
import { hubServices } from "./hubs";
import type { Rule } from "./rule";
import { MWAA_PRIVATE_RULES } from "./rules/mwaa";
import { SEC_NO_INGRESS_FROM_ANYWHERE } from "./rules/sec-no-ingress-from-anywhere";
import { SEC_NO_LITERAL_CONNECTION_SECRETS } from "./rules/sec-no-literal-connection-secrets";
import { SEC_NO_CREDENTIALS_IN_PLAIN_TEXT } from "./rules/sec-no-credentials-in-plain-text";
import { MWAA_U2 } from "./rules/mwaa-u2";
import { MWAA_U3 } from "./rules/mwaa-u3";
import { MWAA_U4 } from "./rules/mwaa-u4";
import { MWAA_U5 } from "./rules/mwaa-u5";
import { MWAA_G1 } from "./rules/mwaa-g1";
import { MWAA_G2 } from "./rules/mwaa-g2";
import { MWAA_G4 } from "./rules/mwaa-g4";
import { MWAA_P11 } from "./rules/mwaa-p11";
import { APR_2 } from "./rules/apr-2";
import { APR_6 } from "./rules/apr-6";
import { PL_1 } from "./rules/pl-1";
import { PL_7 } from "./rules/pl-7";
import { MWAA_U1 } from "./rules/mwaa-u1";
import { MWAA_U6 } from "./rules/mwaa-u6";
import { APR_1 } from "./rules/apr-1";
import { APR_3 } from "./rules/apr-3";
import { APR_8 } from "./rules/apr-8";
import { APR_9 } from "./rules/apr-9";
import { PL_2 } from "./rules/pl-2";
import { PL_3 } from "./rules/pl-3";
import { PL_4 } from "./rules/pl-4";
import { LAT_1 } from "./rules/lat-1";
import { LAT_2 } from "./rules/lat-2";
import { LAT_3 } from "./rules/lat-3";
import { LAT_4 } from "./rules/lat-4";
import { LAT_5 } from "./rules/lat-5";
import { LAT_6 } from "./rules/lat-6";
import { LAT_7 } from "./rules/lat-7";
import { VAL_1 } from "./rules/val-1";

/**
 * Rule sets by profile: the requirement IDs of docs/requirements.md that can be decided
 * from a configuration, and the project's security rules.
 */
// Run on every input: the project's security rules and AWS's value rules (VAL-1).
const SECURITY = [SEC_NO_INGRESS_FROM_ANYWHERE, SEC_NO_LITERAL_CONNECTION_SECRETS, SEC_NO_CREDENTIALS_IN_PLAIN_TEXT, VAL_1];
export const PROFILES: Readonly<Record<string, readonly Rule[]>> = {
  "mwaa-private": [...MWAA_PRIVATE_RULES, ...SECURITY],
  "mwaa-public": [MWAA_U1, MWAA_U2, MWAA_U3, MWAA_U4, MWAA_U5, MWAA_U6, ...SECURITY],
  "mwaa-environment": [MWAA_G1, MWAA_G2, MWAA_G4, MWAA_P11, ...SECURITY],
  apprunner: [APR_1, APR_2, APR_3, APR_6, APR_8, APR_9, ...SECURITY],
  privatelink: [PL_1, PL_2, PL_3, PL_4, PL_7, ...SECURITY],
  lattice: [LAT_1, LAT_2, LAT_3, LAT_4, LAT_5, LAT_6, LAT_7, ...SECURITY],
  security: SECURITY,
};

export const ALL_RULES: readonly Rule[] = [
  ...new Map(
    Object.values(PROFILES)
      .flat()
      .map((r) => [r.id, r]),
  ).values(),
];

/**
 * The profiles to check a model with: the ones private-routing recorded in it, or detected from
 * what it builds, and always `security` (the project's security rules and AWS's value rules):
 * - any Airflow endpoint service (airflow.api/env/ops, the FIPS spellings too) but a central hub's
 *   (a private hosted zone of its name beside it), or one a spoke records its hub serves it:
 *   `mwaa-private`;
 *   else an `aws_mwaa_environment`: `mwaa-public` when the module has a NAT gateway, else
 *   `mwaa-private`; with an environment also `mwaa-environment`;
 * - an App Runner connector or service: `apprunner`;
 * - any interface endpoint, or a call of terraform-aws-modules' vpc-endpoints module: `privatelink`;
 *   (an Airflow service named in the arguments of a module call that is not followed counts too);
 * - VPC Lattice, RAM, EventBridge connections, Step Functions, Lattice endpoint types: `lattice`.
 */
export function detectProfiles(model: TfModel): string[] {
  const recorded = (model.profiles ?? []).filter((p) => Object.hasOwn(PROFILES, p));
  if (recorded.length > 0) return [...new Set([...recorded, "security"])];
  const has = (type: string) => model.resources.some((r) => r.type === type);
  const endpoints = model.resources.filter((r) => r.type === "aws_vpc_endpoint");
  const detected: string[] = [];
  // A registry module that is not followed (terraform-aws-modules/vpc/aws//modules/vpc-endpoints)
  // still names the services it makes endpoints for in its arguments.
  const viaModule = model.unfollowedArguments ?? "";
  // A central endpoint hub's Airflow endpoints (each with a zone of its name) serve spokes: the
  // hub is not an MWAA network itself.
  const central = new Set(hubServices(model).map((s) => `com.amazonaws.${model.region}.${s}`));
  const airflow =
    endpoints.some(
      (e) => /\.airflow(-fips)?\.(api|env|ops)(-fips)?$/.test(String(e.values.service_name)) && !central.has(String(e.values.service_name)),
    ) ||
    /\bairflow(-fips)?\.(api|env|ops)\b/.test(viaModule) ||
    // A spoke whose recorded hub serves it the Airflow endpoints (a plan keeps that output, not the
    // recorded profiles): an MWAA network whose endpoints are its hub's.
    (model.providedByHub?.services ?? []).some((s) => /^airflow(-fips)?\.(api|env|ops)(-fips)?$/.test(s));
  // Airflow endpoints are what private routing adds: with them, a NAT gateway is the mistake
  // (MWAA-P2), not a sign of public routing, whose networks have no endpoints.
  if (airflow) detected.push("mwaa-private");
  else if (has("aws_mwaa_environment")) detected.push(has("aws_nat_gateway") ? "mwaa-public" : "mwaa-private");
  if (has("aws_mwaa_environment")) detected.push("mwaa-environment");
  if (has("aws_apprunner_vpc_connector") || has("aws_apprunner_service")) detected.push("apprunner");
  const endpointModule = (model.moduleSources ?? []).some((src) => /terraform-aws-modules\/vpc\/aws\/\/modules\/vpc-endpoints/.test(src));
  if (endpoints.some((e) => (e.values.vpc_endpoint_type ?? "Gateway") === "Interface") || endpointModule) detected.push("privatelink");
  const latticeTypes = ["aws_cloudwatch_event_connection", "aws_ram_resource_share", "aws_sfn_state_machine"];
  const latticeEndpoint = endpoints.some((e) => ["Resource", "ServiceNetwork"].includes(String(e.values.vpc_endpoint_type)));
  if (model.resources.some((r) => r.type.startsWith("aws_vpclattice_") || latticeTypes.includes(r.type)) || latticeEndpoint)
    detected.push("lattice");
  return [...detected, "security"];
}

/** Whether only the always-on rules ran: no workload was recorded, detected or named. */
export function noWorkload(profiles: readonly string[]): boolean {
  return profiles.every((p) => p === "security");
}
