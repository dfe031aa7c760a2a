import { cataloguedName, findEndpointService, isGatewayServiceName } from "../aws/endpoint-services";
import { centralZoneName, WILDCARD_ZONE_SERVICES } from "../aws/central-endpoints";
import { mwaaRequiredInterfaceEndpoints } from "../aws/mwaa";
import type { DeploymentConfig, DeploymentsConfig } from "../config/schema";
import { overlaps as cidrsOverlap, parseIpv4Cidr } from "../net/ipv4-cidr";
import { Problem } from "../problems";
import { roleArnProblems } from "./accounts";
import { awsIdProblems } from "./checks/shared";
import type { HubNames, HubPlan, HubZone, ProviderPlan, SpokePlan } from "./types";

/**
 * A central endpoint hub and its spokes. The hub makes one set of interface endpoints with private
 * DNS off and, per service, a Route 53 private hosted zone named after the service's DNS name with
 * an alias record to the endpoint; its spokes reach it over a Transit Gateway and are associated
 * with its zones. Source: AWS whitepaper "Building a Scalable and Secure Multi-VPC AWS Network
 * Infrastructure", "Centralized access to VPC private endpoints"
 * (https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html,
 * read 2026-12-01): "disable the option that automatically creates the private DNS… manually
 * create a Route 53 private hosted zone matching the service endpoint name and add an Alias record
 * with the full AWS service endpoint name pointing to the interface endpoint"; "some services,
 * such as the Docker and OCI client endpoints (dkr.ecr), require a wildcard alias (*)".
 */

/** A hub's deployments by name, for the spokes that name one (`endpointsFrom.hub`). */
export type Hubs = ReadonlyMap<string, { readonly index: number; readonly config: DeploymentConfig }>;

export function hubsOf(config: DeploymentsConfig): Hubs {
  return new Map(config.deployments.flatMap((d, index) => (d.hub ? [[d.name, { index, config: d }] as const] : [])));
}

/** The Name tags a hub gives what its spokes look up. */
export function hubNames(hub: string): HubNames {
  return { transitGateway: `${hub}-tgw`, hubRouteTable: `${hub}-tgw-hub`, spokesRouteTable: `${hub}-tgw-spokes` };
}

/** The name of a hub's Route 53 Profile (`hub.dns: profile`), which its spokes find it by. */
export function hubProfileName(hub: string): string {
  return `${hub}-endpoints`;
}

/**
 * A spoke in an existing VPC that takes its hub's Route 53 Profile: the association fails if the
 * VPC already has one ("A VPC can have only one Profile associated with it", Route 53 API
 * Reference, AssociateProfile, read 2026-12-02), which only the account knows.
 */
export function spokeWarnings(d: DeploymentConfig, hubs: Hubs): { path: string; message: string }[] {
  const h = d.endpointsFrom && hubs.get(d.endpointsFrom.hub);
  if (!h || h.config.hub?.dns !== "profile" || !d.existingNetwork) return [];
  return [
    {
      path: "endpointsFrom.hub",
      message: `the hub ${h.config.name} shares its zones through a Route 53 Profile, and a VPC can have only one Profile (Route 53 API Reference, AssociateProfile): if ${d.existingNetwork.vpcId} already has one, the association fails at apply; disassociate it, or put the zones in that Profile instead`,
    },
  ];
}

/** The zone a hub makes for a service (src/aws/central-endpoints.ts says why it is named so). */
export function hubZone(hub: string, service: string, region: string): HubZone {
  const name = cataloguedName(service);
  const zoneName = centralZoneName(name, region);
  const label = name.replace(/[^a-z0-9]+/g, "_");
  return {
    service: name,
    endpointName: label,
    zoneName,
    recordName: WILDCARD_ZONE_SERVICES.has(name) ? "*" : "",
    tagName: `${hub}-${label}`,
  };
}

/** The private DNS name the account must report for the hub's zone to be the right one. */
export function expectedPrivateDnsName(z: HubZone): string {
  return z.recordName === "*" ? `*.${z.zoneName}` : z.zoneName;
}

function cidrOf(d: DeploymentConfig): string | undefined {
  return d.network?.cidrBlock ?? d.existingNetwork?.cidrBlock;
}

function overlaps(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  return typeof x !== "string" && typeof y !== "string" && cidrsOverlap(x, y);
}

/** Whether a hub can serve a service (else checkHub says why): an interface endpoint with a private DNS name. */
export function hubServiceUsable(s: string): boolean {
  const spec = findEndpointService(s);
  return spec === undefined || (spec.types[0] === "Interface" && spec.privateDns);
}

/** Problems with a hub deployment; paths relative to it. */
export function checkHub(d: DeploymentConfig, config: DeploymentsConfig): Problem[] {
  const hub = d.hub;
  if (!hub) return [];
  const problems: Problem[] = [];
  if (!d.network)
    problems.push({
      path: "hub",
      value: undefined,
      rule: "needs network: the hub is a VPC this deployment creates (an existing VPC as hub is not supported yet)",
    });
  else if (d.network.routing !== "private")
    problems.push({
      path: "network.routing",
      value: d.network.routing,
      rule: 'must be "private" in a hub: it serves endpoints, not an internet path',
    });
  else if (d.network.ipv6 !== "none")
    problems.push({
      path: "network.ipv6",
      value: d.network.ipv6,
      rule: 'must be "none" in a hub: its zones carry IPv4 alias records only (not built for IPv6 yet)',
    });
  for (const f of ["mwaa", "apprunner", "endpoints", "endpointsFrom", "lattice", "eventBridge", "stepFunctions"] as const) {
    if (d[f] !== undefined)
      problems.push({
        path: f,
        value: undefined,
        rule:
          f === "endpoints"
            ? "is not used in a hub: list its interface services in hub.services (gateway endpoints belong in each spoke: they are free and local)"
            : "is not allowed in a hub, which hosts the central endpoints only: put the workload in a spoke (endpointsFrom)",
      });
  }
  if (hub.transitGatewayId !== undefined) problems.push(...awsIdProblems("hub.transitGatewayId", hub.transitGatewayId, "tgw"));
  const seen = new Set<string>();
  hub.services.forEach((s, i) => {
    const path = `hub.services[${i}]`;
    const spec = findEndpointService(s);
    // A service the catalogue does not know is reported by the endpoints' own checks.
    if (!spec) return;
    if (isGatewayServiceName(s) && spec.types[0] === "Gateway")
      problems.push({
        path,
        value: s,
        rule: "is a gateway endpoint service: gateway endpoints cannot be reached from another VPC, so each spoke makes its own (free)",
      });
    else if (!spec.types.includes("Interface")) problems.push({ path, value: s, rule: "has no interface endpoint" });
    else if (!spec.privateDns)
      problems.push({
        path,
        value: s,
        rule: "has no private DNS name (clients use the endpoint's own DNS names), so there is no service name for a central zone to answer: make it in each spoke",
      });
    else if (seen.has(s)) problems.push({ path, value: s, rule: "is listed twice" });
    seen.add(s);
  });
  const spokes = config.deployments.filter((s) => s.endpointsFrom?.hub === d.name);
  if (spokes.length === 0)
    problems.push({ path: "hub", value: undefined, rule: `has no spokes: no deployment has endpointsFrom: {hub: ${d.name}}` });
  return problems;
}

/** Problems with a spoke deployment; paths relative to it. */
export function checkSpoke(d: DeploymentConfig, config: DeploymentsConfig, hubs: Hubs): Problem[] {
  const from = d.endpointsFrom;
  if (!from) return [];
  const problems: Problem[] = [];
  const hub = hubs.get(from.hub);
  if (!hub) {
    const named = config.deployments.find((x) => x.name === from.hub);
    problems.push({
      path: "endpointsFrom.hub",
      value: from.hub,
      rule: named ? `names ${from.hub}, which has no hub block` : "must name a deployment of this configuration that has a hub block",
    });
    return problems;
  }
  const h = hub.config;
  const hubPath = `deployments[${hub.index}]`;
  if (h.region !== d.region)
    problems.push({
      path: "region",
      value: d.region,
      rule: `must be the hub's Region (${h.region}): interface endpoints and their zones are regional`,
    });
  if (d.existingNetwork?.owner)
    problems.push({
      path: "existingNetwork.owner",
      value: undefined,
      rule: "cannot be combined with endpointsFrom yet: a shared VPC's owner would make the attachment and the associations",
    });
  if (d.apprunner)
    problems.push({
      path: "apprunner",
      value: undefined,
      rule: "is not supported in a spoke yet (its connector's rules name the VPC's own endpoints): use a VPC with its own endpoints",
    });
  const cidr = cidrOf(d);
  const hubCidr = cidrOf(h);
  if (cidr === undefined)
    problems.push({
      path: "existingNetwork.cidrBlock",
      value: undefined,
      rule: "is required in a spoke: the hub routes it and admits it on 443",
    });
  else if (hubCidr !== undefined && overlaps(cidr, hubCidr))
    problems.push({
      path: d.network ? "network.cidrBlock" : "existingNetwork.cidrBlock",
      value: cidr,
      rule: `must not overlap the hub's ${hubCidr} (${h.name}): the Transit Gateway routes between them`,
    });
  else {
    const other = config.deployments.find(
      (x) => x !== d && x.endpointsFrom?.hub === from.hub && cidrOf(x) !== undefined && overlaps(cidrOf(x)!, cidr),
    );
    if (other)
      problems.push({
        path: d.network ? "network.cidrBlock" : "existingNetwork.cidrBlock",
        value: cidr,
        rule: `must not overlap ${cidrOf(other)} of ${other.name}, another spoke of ${h.name}: the hub routes each spoke's block`,
      });
  }
  if ((d.accountId === undefined) !== (h.accountId === undefined))
    problems.push({
      path: "accountId",
      value: d.accountId,
      rule: `must be given on both the spoke and its hub ${h.name}, or on neither (then both are taken to be one account): which account makes the zone associations depends on it`,
    });
  const cross = d.accountId !== undefined && h.accountId !== undefined && d.accountId !== h.accountId;
  if (cross && from.roleArn === undefined)
    problems.push({
      path: "endpointsFrom.roleArn",
      value: undefined,
      rule: `is required when the hub is in another account (${h.accountId}): its provider adds the spoke to the hub's route tables and authorizes the zone associations there (Route 53: "Using the account that created the hosted zone, authorize the association")`,
    });
  if (from.roleArn !== undefined && !cross)
    problems.push({
      path: "endpointsFrom.roleArn",
      value: from.roleArn,
      rule: "is only for a hub in another account: the spoke's own provider acts in the hub's account here",
    });
  if (from.roleArn !== undefined && cross) problems.push(...roleArnProblems("endpointsFrom.roleArn", from.roleArn, h.accountId));
  const served = new Set(h.hub?.services ?? []);
  if (d.mwaa && (d.network?.routing ?? "private") === "private") {
    const missing = mwaaRequiredInterfaceEndpoints(d.region, d.mwaa.airflowOpsEndpoint).filter(
      (s) => !served.has(s) && !(d.existingNetwork?.existingEndpoints ?? []).includes(s),
    );
    if (missing.length > 0)
      problems.push({
        path: "endpointsFrom.hub",
        value: from.hub,
        rule: `does not serve ${missing.join(", ")}, which MWAA needs without internet access (MWAA-P5): add them to ${hubPath}.hub.services (${h.name})`,
      });
  }
  (d.endpoints?.services ?? []).forEach((r, i) => {
    const service = typeof r === "string" ? r : r.service;
    if (service !== undefined && served.has(service))
      problems.push({
        path: `endpoints.services[${i}]`,
        value: service,
        rule: `is served by the hub ${h.name}, whose zone for it is associated with this VPC: a second endpoint here would answer the same name; remove it here or from ${hubPath}.hub.services`,
      });
  });
  (d.mwaa?.extraEndpoints ?? []).forEach((s, i) => {
    if (served.has(s))
      problems.push({ path: `mwaa.extraEndpoints[${i}]`, value: s, rule: `is served by the hub ${h.name}: remove it here` });
  });
  return problems;
}

/** The hub's part of the plan. Call on checked input only. */
export function planHub(d: DeploymentConfig, config: DeploymentsConfig): HubPlan {
  const spokes = config.deployments.filter((s) => s.endpointsFrom?.hub === d.name);
  const shareWithAccounts = [...new Set(spokes.flatMap((s) => (s.accountId && s.accountId !== d.accountId ? [s.accountId] : [])))];
  const given = d.hub!.transitGatewayId;
  return {
    namePrefix: d.name,
    names: hubNames(d.name),
    // A given gateway shared with other accounts goes into the hub's share by its ARN, formed as
    // the Transit Gateways guide writes it ("arn:aws:ec2:region:account-id:transit-gateway/…",
    // "Identity and access management in Amazon VPC Transit Gateways",
    // https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-authentication-access-control.html,
    // read 2026-12-02): other accounts' spokes require the hub's accountId (checkSpoke).
    ...(given
      ? {
          givenTransitGateway: {
            id: given,
            ...(d.accountId ? { accountId: d.accountId } : {}),
            ...(shareWithAccounts.length > 0 ? { arn: `arn:aws:ec2:${d.region}:${d.accountId}:transit-gateway/${given}` } : {}),
          },
        }
      : {}),
    zones: d.hub!.services.map((s) => hubZone(d.name, s, d.region)),
    ...(d.hub!.dns === "profile" ? { profile: { name: hubProfileName(d.name) } } : {}),
    spokes: spokes.map((s) => ({ deployment: s.name, cidrBlock: cidrOf(s)!, ...(s.accountId ? { accountId: s.accountId } : {}) })),
    shareWithAccounts,
  };
}

/** The spoke's part of the plan. Call on checked input only. */
export function planSpoke(d: DeploymentConfig, hubs: Hubs): SpokePlan {
  const h = hubs.get(d.endpointsFrom!.hub)!.config;
  const cross = d.accountId !== undefined && h.accountId !== undefined && d.accountId !== h.accountId;
  return {
    namePrefix: d.name,
    hub: h.name,
    hubCidrBlock: cidrOf(h)!,
    names: hubNames(h.name),
    ...(h.hub!.transitGatewayId ? { transitGatewayId: h.hub!.transitGatewayId } : {}),
    ...(h.hub!.dns === "profile" ? { profile: { name: hubProfileName(h.name) } } : {}),
    ...(cross ? { hubMadeBy: "hub" as const } : {}),
    zones: h.hub!.services.map((s) => {
      const z = hubZone(h.name, s, h.region);
      return { service: z.service, zoneName: z.zoneName, tagName: z.tagName };
    }),
    crossAccount: cross,
  };
}

/** The services a spoke takes from its hub (none is made in the spoke for them). */
export function hubServices(d: DeploymentConfig, hubs: Hubs): string[] {
  const h = d.endpointsFrom && hubs.get(d.endpointsFrom.hub);
  return h ? [...(h.config.hub?.services ?? [])] : [];
}

/** The hub's provider in a spoke whose hub is in another account. */
export function hubProvider(d: DeploymentConfig, hubs: Hubs): ProviderPlan | undefined {
  const h = d.endpointsFrom && hubs.get(d.endpointsFrom.hub);
  if (!h || !d.endpointsFrom?.roleArn) return undefined;
  return {
    alias: "hub",
    accountId: h.config.accountId,
    roleArn: d.endpointsFrom.roleArn,
    makes: `what only the hub's account may make: this spoke's association and propagation in the hub's Transit Gateway route tables, and the authorizations to associate this VPC with the hub's zones`,
  };
}
