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
/** MWAA-P5: FIPS variants of the Airflow endpoints (US and Canada Regions). */
export const MWAA_FIPS_INTERFACE_ENDPOINTS: readonly EndpointServiceName[] = ["airflow.api-fips", "airflow.env-fips", "airflow.ops-fips"];

import type { Routing } from "../net/subnet-layout";
import type { EndpointServiceName } from "./endpoint-services";

export interface MwaaEndpointChoice {
  readonly fipsAirflowEndpoints: boolean;
  readonly extraEndpoints: readonly string[];
}

/** The interface endpoints an environment's network gets: the required ones without internet access, FIPS ones, extras. */
export function mwaaInterfaceServices(routing: Routing, p: MwaaEndpointChoice): string[] {
  return [
    ...(routing === "private" ? MWAA_REQUIRED_INTERFACE_ENDPOINTS : []),
    ...(p.fipsAirflowEndpoints ? MWAA_FIPS_INTERFACE_ENDPOINTS : []),
    ...p.extraEndpoints,
  ];
}

/** Every endpoint service MWAA's network has in the VPC (interface, and the S3 gateway without internet access). */
export function mwaaEndpointServices(routing: Routing, p: MwaaEndpointChoice): string[] {
  return [...(routing === "private" ? ["s3"] : []), ...mwaaInterfaceServices(routing, p)];
}

/** The execution role's name: IAM allows 64 characters, which bounds the environment's name. */
export function executionRoleName(environmentName: string): string {
  return `mwaa-${environmentName}-execution`;
}
