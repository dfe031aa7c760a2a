import type { EndpointRequest } from "../constructs/privatelink-endpoints";
import { mwaaEndpointServices } from "../constructs/mwaa-network";
import type { DeploymentConfig } from "./schema";

export interface SourcedEndpointRequest {
  readonly request: EndpointRequest;
  /** Where the configuration asked for it: `endpoints.services[2]`, `apprunner.awsServices[0]`. */
  readonly path: string;
}

/**
 * The endpoints a deployment's PrivateLink feature makes: the `endpoints` block's services, then
 * the AWS services App Runner calls (APR-4) that are not already there. A service MWAA already
 * made is reused as it is, not made twice (one private-DNS endpoint per service per VPC).
 */
export function deploymentEndpointRequests(d: DeploymentConfig, routing: "private" | "public"): SourcedEndpointRequest[] {
  const out: SourcedEndpointRequest[] = (d.endpoints?.services ?? []).map((r, i) => ({
    request: typeof r === "string" ? { service: r } : r,
    path: `endpoints.services[${i}]`,
  }));
  const present = new Set([...out.map((r) => r.request.service), ...(d.mwaa ? mwaaEndpointServices(routing, d.mwaa) : [])]);
  (d.apprunner?.awsServices ?? []).forEach((service, i) => {
    if (present.has(service)) return;
    present.add(service);
    out.push({ request: { service }, path: `apprunner.awsServices[${i}]` });
  });
  return out;
}
