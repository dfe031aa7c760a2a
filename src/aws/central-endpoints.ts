/**
 * The private hosted zone a central endpoint hub makes for a service: the service's private DNS
 * name. Written the way Landing Zone Accelerator names its central zones (the service's dotted
 * name reversed, then the Region: `ecr.api` → `api.ecr.<region>.amazonaws.com`, `airflow.env` →
 * `env.airflow.<region>.amazonaws.com`, which the MWAA guide's "AWS PrivateLink for Amazon MWAA"
 * also lists, https://docs.aws.amazon.com/mwaa/latest/userguide/security-privatelink.html, read
 * 2026-12-01), with a wildcard record for ecr.dkr ("some services, such as the Docker and OCI
 * client endpoints (dkr.ecr), require a wildcard alias (*)", AWS whitepaper "Building a Scalable
 * and Secure Multi-VPC AWS Network Infrastructure", "Centralized access to VPC private
 * endpoints", read 2026-12-01). Not every service's private DNS name was read from AWS: a hub's
 * preflight asks the account for each one's `private_dns_name` at plan (docs/aws-facts.md).
 */
export function centralZoneName(service: string, region: string): string {
  // Any name: the checker asks this of services it reads from others' Terraform, in or out of the catalogue.
  return `${service.split(".").reverse().join(".")}.${region}.amazonaws.com`;
}

/** Services whose private DNS name is a wildcard under the zone (`*.dkr.ecr.<region>.amazonaws.com`). */
export const WILDCARD_ZONE_SERVICES: ReadonlySet<string> = new Set(["ecr.dkr"]);
