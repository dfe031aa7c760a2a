import { findEndpointService } from "../../aws/endpoint-services";
import { availabilityZoneRule } from "../../aws/availability-zones";
import type { ExistingNetworkConfig } from "../../config/schema";
import { Problem } from "../../problems";
import type { ExtraRoute } from "../../net/extra-routes";
import { overlaps, parseIpv4Cidr } from "../../net/ipv4-cidr";
import { awsIdProblems, cidrProblems, listedOnceProblems } from "./shared";

/** Problems with an existing network's description; paths relative to `existingNetwork`. */
export function checkExistingNetwork(props: ExistingNetworkConfig, region: string): Problem[] {
  const problems: Problem[] = [...awsIdProblems("vpcId", props.vpcId, "vpc"), ...cidrProblems("cidrBlock", props.cidrBlock)];
  const subnets = props.privateSubnets;
  if (subnets.length < 2 || subnets.length > 6) {
    problems.push({ path: "privateSubnets", value: subnets, rule: "must list 2 to 6 private subnets in different Availability Zones" });
  }
  subnets.forEach((s, i) => {
    problems.push(...awsIdProblems(`privateSubnets[${i}].subnetId`, s.subnetId, "subnet"));
    const azRule = availabilityZoneRule(s.availabilityZone, region);
    if (azRule) {
      problems.push({ path: `privateSubnets[${i}].availabilityZone`, value: s.availabilityZone, rule: azRule });
    } else if (subnets.findIndex((o) => o.availabilityZone === s.availabilityZone) !== i) {
      problems.push({
        path: `privateSubnets[${i}].availabilityZone`,
        value: s.availabilityZone,
        rule: "must differ from the other subnets' Availability Zones (one subnet per AZ)",
      });
    }
    if (subnets.findIndex((o) => o.subnetId === s.subnetId) !== i)
      problems.push({ path: `privateSubnets[${i}].subnetId`, value: s.subnetId, rule: "must not repeat a subnet" });
  });
  if (props.routeTableIds.length < 1)
    problems.push({
      path: "routeTableIds",
      value: props.routeTableIds,
      rule: "must name the private subnets' route tables (at least one)",
    });
  props.routeTableIds.forEach((id, i) => problems.push(...awsIdProblems(`routeTableIds[${i}]`, id, "rtb")));
  problems.push(...listedOnceProblems("existingEndpoints", props.existingEndpoints));
  props.existingEndpoints.forEach((name, i) => {
    if (!findEndpointService(name)) {
      problems.push({
        path: `existingEndpoints[${i}]`,
        value: name,
        rule: "must name a service of the endpoint catalogue (the one its endpoint is for)",
      });
    }
  });
  return problems;
}

/** Largest number of extra routes: the default quota of 50 routes per route table, less room for gateway endpoint routes. */
export const MAX_EXTRA_ROUTES = 40;

/**
 * Problems with a new VPC's extra routes; paths relative to `network`.
 *
 * - Exactly one target, of a kind that cannot reach the internet by itself (no internet or NAT
 *   gateway can be named: the schema has no field for them).
 * - No default route (`/0`): with private routing it would send everything no endpoint answers to
 *   the target, commonly a central egress VPC; with public routing the NAT route holds 0.0.0.0/0.
 * - Outside the VPC's block: a route cannot be more specific than the local route except towards a
 *   network interface or middlebox (https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html).
 * - Each destination once: a route table holds one route per destination.
 */
export function checkExtraRoutes(routes: readonly ExtraRoute[], vpcCidrBlock: string): Problem[] {
  const problems: Problem[] = [];
  if (routes.length > MAX_EXTRA_ROUTES) {
    problems.push({
      path: "extraRoutes",
      value: routes.map((r) => r.destinationCidr),
      rule: `must list at most ${MAX_EXTRA_ROUTES} routes (a route table holds 50 by default, gateway endpoints add theirs; Amazon VPC quotas)`,
    });
  }
  const vpc = parseIpv4Cidr(vpcCidrBlock);
  routes.forEach((r, i) => {
    const path = `extraRoutes[${i}]`;
    const targets = (["transitGatewayId", "vpcPeeringConnectionId", "vpnGatewayId"] as const).filter((k) => r[k] !== undefined);
    if (targets.length !== 1) {
      problems.push({
        path,
        value: r,
        rule: "must name exactly one target: transitGatewayId, vpcPeeringConnectionId or vpnGatewayId",
      });
    }
    if (r.transitGatewayId !== undefined) problems.push(...awsIdProblems(`${path}.transitGatewayId`, r.transitGatewayId, "tgw"));
    if (r.vpcPeeringConnectionId !== undefined)
      problems.push(...awsIdProblems(`${path}.vpcPeeringConnectionId`, r.vpcPeeringConnectionId, "pcx"));
    if (r.vpnGatewayId !== undefined) problems.push(...awsIdProblems(`${path}.vpnGatewayId`, r.vpnGatewayId, "vgw"));
    const destination = parseIpv4Cidr(r.destinationCidr);
    if (typeof destination === "string") return; // the schema reported it
    if (destination.prefix === 0) {
      problems.push({
        path: `${path}.destinationCidr`,
        value: r.destinationCidr,
        rule: "must not be a default route: it would send all traffic no endpoint answers to the target (often a central internet egress); list the networks you reach",
      });
    } else if (typeof vpc !== "string" && overlaps(vpc, destination)) {
      problems.push({
        path: `${path}.destinationCidr`,
        value: r.destinationCidr,
        rule: `must be outside the VPC's block ${vpcCidrBlock}: the local route covers it`,
      });
    } else if (routes.findIndex((o) => o.destinationCidr === r.destinationCidr) !== i) {
      problems.push({
        path: `${path}.destinationCidr`,
        value: r.destinationCidr,
        rule: "must not repeat a destination (one route per destination)",
      });
    }
  });
  return problems;
}

/**
 * Address ranges with a special meaning (RFC 6890): this network, loopback, link-local (where the
 * instance metadata and the Amazon DNS resolver's 169.254.169.253 live), multicast, reserved. The
 * VPC user guide recommends RFC 1918 blocks and allows publicly routable ones ("VPC CIDR blocks",
 * read 2026-12-02); whether EC2 refuses each of these was not confirmed against an AWS page here,
 * so a VPC block in one is warned about, not refused.
 */
const SPECIAL_RANGES: readonly [string, string][] = [
  ["0.0.0.0/8", "this network (RFC 6890)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local (instance metadata and the Amazon DNS resolver use it)"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved for future use"],
];

export function specialRangeWarnings(path: string, cidrBlock: string | undefined): { path: string; message: string }[] {
  const block = cidrBlock === undefined ? undefined : parseIpv4Cidr(cidrBlock);
  if (block === undefined || typeof block === "string") return [];
  return SPECIAL_RANGES.flatMap(([range, what]) => {
    const r = parseIpv4Cidr(range);
    return typeof r !== "string" && overlaps(block, r)
      ? [
          {
            path,
            message: `${cidrBlock} is in ${range}, ${what}: not a block for a VPC (the VPC user guide recommends RFC 1918 blocks); EC2 may refuse it at apply, which was not confirmed here`,
          },
        ]
      : [];
  });
}
