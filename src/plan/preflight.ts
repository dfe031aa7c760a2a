import { endpointServiceName } from "../aws/endpoint-services";
import type { AppRunnerPlan, EndpointsPlan, HubPlan, MwaaNetworkPlan, NetworkFacts, NetworkPlan, PreflightCheck } from "./types";
import { expectedPrivateDnsName } from "./hub";

/**
 * The preflight checks of a deployment: what the offline synth cannot know and `terraform plan`
 * can ask the account, before anything is created. Terraform `check` blocks never stop a plan or
 * an apply; a failing one is a warning with the message to act on.
 * - the Availability Zones exist (their names are account-specific in the oldest Regions);
 * - every interface endpoint's service exists in the Region and in each AZ the endpoint uses
 *   (not every service is in every AZ, and some are not in every Region), and, for a dual-stack
 *   or IPv6-only endpoint, supports IPv6 (not every service does);
 * - an existing VPC has DNS support and hostnames on, which private DNS needs (MWAA-P6, PL-2).
 */
export function planPreflight(
  net: NetworkPlan,
  facts: NetworkFacts,
  parts: { mwaa?: MwaaNetworkPlan; endpoints?: EndpointsPlan; apprunner?: AppRunnerPlan; hub?: HubPlan },
  groups: readonly { readonly path: string; readonly groupId: string }[] = [],
): PreflightCheck[] {
  const existing = net.kind === "existing";
  const zonesPath = existing ? "existingNetwork.privateSubnets" : "network.availabilityZones";
  const checks: PreflightCheck[] = [{ kind: "availability-zones", zones: facts.availabilityZones, configPath: zonesPath }];
  const services: PreflightCheck[] = [];
  if (parts.mwaa) {
    // MWAA's endpoints are in the environment's two subnets: the network's first two AZs.
    const zones = facts.availabilityZones.slice(0, 2);
    for (const s of parts.mwaa.interfaceServices) {
      const label = `mwaa_${s.replace(/[^a-z0-9]+/g, "_")}`;
      services.push({ kind: "endpoint-service", label, serviceName: endpointServiceName(facts.region, s), zones, configPath: "mwaa" });
    }
  }
  for (const e of parts.endpoints?.endpoints ?? []) {
    if (e.type !== "Interface") continue;
    const serviceName = "custom" in e.service ? e.service.custom : endpointServiceName(facts.region, e.service.catalogue);
    services.push({
      kind: "endpoint-service",
      label: `endpoints_${e.name}`,
      serviceName,
      zones: e.availabilityZones,
      configPath: "endpoints.services",
      ...(e.ipAddressType === "dualstack" || e.ipAddressType === "ipv6" ? { ipAddressType: e.ipAddressType } : {}),
    });
  }
  const requests = parts.apprunner?.requestsEndpoint;
  if (requests) {
    services.push({
      kind: "endpoint-service",
      label: "apprunner_requests",
      serviceName: endpointServiceName(facts.region, "apprunner.requests"),
      zones: requests.availabilityZones,
      configPath: "apprunner.excludeAvailabilityZones",
    });
  }
  checks.push(...services);
  // A hub's zone names are the catalogue's rule, not each read from AWS: the account says.
  (parts.hub?.zones ?? []).forEach((z, i) =>
    checks.push({
      kind: "endpoint-private-dns",
      label: z.endpointName,
      serviceName: endpointServiceName(facts.region, z.service),
      privateDnsName: expectedPrivateDnsName(z),
      configPath: `hub.services[${i}]`,
    }),
  );
  const given = parts.hub?.givenTransitGateway;
  if (given)
    checks.push({
      kind: "transit-gateway",
      transitGatewayId: given.id,
      ...(given.accountId ? { ownerAccountId: given.accountId } : {}),
      autoAccept: (parts.hub?.shareWithAccounts.length ?? 0) > 0,
      configPath: "hub.transitGatewayId",
    });
  if (net.kind === "existing" && services.length > 0)
    checks.push({ kind: "vpc-dns", vpcId: net.existing.vpcId, configPath: "existingNetwork.vpcId" });
  // In a shared VPC the owner's account answers for its VPC, its AZ names and its endpoints.
  const owner = facts.endpointsMadeBy;
  if (owner) checks.forEach((c, i) => (checks[i] = { ...c, checkedBy: owner }));
  // In a new VPC a group named by ID is refused by the planner (src/plan/reachability.ts); in an
  // existing one it must be that VPC's, which only the account can say.
  if (net.kind === "existing") {
    for (const g of groups) {
      const label = g.path
        .replace(/([a-z])([A-Z])/g, "$1_$2")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/_+$/, "");
      checks.push({ kind: "security-group-in-vpc", label, groupId: g.groupId, vpcId: net.existing.vpcId, configPath: g.path });
    }
  }
  return checks;
}
