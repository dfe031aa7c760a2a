/**
 * Amazon MWAA facts the planner and the constructs share: which VPC endpoints an environment needs
 * without internet access, and how its execution role is named.
 * Source: "Creating the required VPC service endpoints in an Amazon VPC with private routing",
 * https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-vpe-create-access.html (read 2026-11-23).
 */

/** MWAA-P5: the interface endpoints every private-routing environment needs. */
export const MWAA_REQUIRED_INTERFACE_ENDPOINTS: readonly EndpointServiceName[] = [
  "airflow.api",
  "airflow.env",
  "airflow.ops",
  "ecr.api",
  "ecr.dkr",
  "kms",
  "logs",
  "monitoring",
  "sqs",
];
/**
 * MWAA-P5: the FIPS endpoint services, in US and Canada Regions.
 * Source: Amazon MWAA User Guide, "AWS PrivateLink for Amazon MWAA", section "FIPS endpoints",
 * https://docs.aws.amazon.com/mwaa/latest/userguide/security-privatelink.html (read 2026-11-23):
 * `com.amazonaws.<region>.airflow-fips.api` and `…airflow-fips.env`. It names no FIPS operations
 * endpoint, so none is made.
 */
export const MWAA_FIPS_INTERFACE_ENDPOINTS: readonly EndpointServiceName[] = ["airflow-fips.api", "airflow-fips.env"];

/**
 * Whether MWAA's operations endpoint (`ops.airflow.<region>.amazonaws.com`, endpoint service
 * `airflow.ops`) is offered in a Region. Not in every MWAA Region: an endpoint for a service the
 * Region does not have fails at `terraform apply`.
 * Source: AWS General Reference, "Amazon Managed Workflows for Apache Airflow endpoints and quotas",
 * service endpoints table, https://docs.aws.amazon.com/general/latest/gr/mwaa.html (read
 * 2026-11-23). Only the table's first rows could be read; other Regions are not known here, and
 * the planner says so (a warning) instead of guessing.
 */
export const AIRFLOW_OPS_OFFERED: Readonly<Record<string, boolean>> = {
  "us-east-1": true,
  "us-east-2": true,
  "us-west-1": false,
  "us-west-2": true,
  "af-south-1": false,
};

/** `true`/`false` when the source says, `undefined` when the catalogue does not know the Region. */
export function airflowOpsOffered(region: string): boolean | undefined {
  return Object.hasOwn(AIRFLOW_OPS_OFFERED, region) ? AIRFLOW_OPS_OFFERED[region] : undefined;
}

import type { Routing } from "../net/subnet-layout";
import type { EndpointServiceName } from "./endpoint-services";

export interface MwaaEndpointChoice {
  readonly fipsAirflowEndpoints: boolean;
  readonly extraEndpoints: readonly string[];
  /**
   * Make the `airflow.ops` endpoint.
   * @default - where the catalogue says the Region offers it, and where it does not know
   */
  readonly airflowOpsEndpoint?: boolean;
}

/** The required interface endpoints in `region`: all of them, less `airflow.ops` where it is not offered (or turned off). */
export function mwaaRequiredInterfaceEndpoints(region: string, airflowOpsEndpoint?: boolean): EndpointServiceName[] {
  const ops = airflowOpsEndpoint ?? airflowOpsOffered(region) ?? true;
  return MWAA_REQUIRED_INTERFACE_ENDPOINTS.filter((s) => s !== "airflow.ops" || ops);
}

/**
 * The interface endpoints an environment's network gets: the required ones without internet
 * access, FIPS ones, extras; less those the VPC already has (`provided`).
 */
export function mwaaInterfaceServices(routing: Routing, region: string, p: MwaaEndpointChoice, provided: readonly string[] = []): string[] {
  return [
    ...(routing === "private" ? mwaaRequiredInterfaceEndpoints(region, p.airflowOpsEndpoint) : []),
    ...(p.fipsAirflowEndpoints ? MWAA_FIPS_INTERFACE_ENDPOINTS : []),
    ...p.extraEndpoints,
  ].filter((s) => !provided.includes(s));
}

/** Every endpoint service MWAA's network makes in the VPC (interface, and the S3 gateway without internet access). */
export function mwaaEndpointServices(routing: Routing, region: string, p: MwaaEndpointChoice, provided: readonly string[] = []): string[] {
  return [...(routing === "private" && !provided.includes("s3") ? ["s3"] : []), ...mwaaInterfaceServices(routing, region, p, provided)];
}

/** The execution role's name: IAM allows 64 characters, which bounds the environment's name. */
export function executionRoleName(environmentName: string): string {
  return `mwaa-${environmentName}-execution`;
}

/**
 * Airflow's Secrets Manager backend, as `secrets.backend` names it, and the secret name prefixes
 * it reads by default. Source: Apache Airflow Amazon provider, "AWS Secrets Manager Backend",
 * https://airflow.apache.org/docs/apache-airflow-providers-amazon/stable/secrets-backends/aws-secrets-manager.html
 * (read 2026-11-23): `backend_kwargs` may set `connections_prefix`, `variables_prefix` and
 * `config_prefix`, and a prefix set to null is not looked up.
 */
export const SECRETS_MANAGER_BACKEND = "airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend";
const SECRETS_MANAGER_DEFAULT_PREFIXES: Readonly<Record<string, string | null>> = {
  connections_prefix: "airflow/connections",
  variables_prefix: "airflow/variables",
  config_prefix: "airflow/config",
};

/**
 * The secret name prefixes the execution role must read, from the environment's Airflow
 * configuration options; `undefined` when no Secrets Manager backend is set, or `{ problem }`
 * when `secrets.backend_kwargs` is not a JSON object of string or null prefixes.
 */
export function secretsManagerPrefixes(options: Readonly<Record<string, string>> | undefined): string[] | { problem: string } | undefined {
  if (options?.["secrets.backend"] !== SECRETS_MANAGER_BACKEND) return undefined;
  let kwargs: unknown = {};
  const text = options["secrets.backend_kwargs"];
  if (text !== undefined) {
    try {
      kwargs = JSON.parse(text);
    } catch {
      return { problem: "must be a JSON object (Airflow parses secrets.backend_kwargs as JSON)" };
    }
    if (kwargs === null || typeof kwargs !== "object" || Array.isArray(kwargs)) return { problem: "must be a JSON object" };
  }
  const given = kwargs as Record<string, unknown>;
  const prefixes: string[] = [];
  for (const [key, fallback] of Object.entries(SECRETS_MANAGER_DEFAULT_PREFIXES)) {
    const value = key in given ? given[key] : fallback;
    if (value === null) continue;
    if (typeof value !== "string" || !/^[A-Za-z0-9/_+=.@-]+$/.test(value)) {
      return { problem: `must give ${key} as a secret name prefix (letters, digits, / _ + = . @ -) or null` };
    }
    prefixes.push(value.replace(/\/+$/, ""));
  }
  return prefixes;
}
