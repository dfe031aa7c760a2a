import { contains, parseIpv4Cidr } from "../net/ipv4-cidr";
import type { Problem } from "../problems";
import { awsIdProblems } from "./checks/shared";
import type { NetworkFacts, Warning } from "./types";

/**
 * Whether a destination the network sends to can be reached from it.
 *
 * - A security group named by ID cannot be in a VPC this deployment creates (the VPC does not
 *   exist yet), so it is in another VPC; a rule that references a group in another VPC works only
 *   over an active VPC peering connection in the same Region, which a deployment does not make.
 *   https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html
 *   In an existing VPC the group is taken to be that VPC's own.
 * - A CIDR outside a new VPC's block has no route unless `network.extraRoutes` has one that covers
 *   it: the private route tables hold only the VPC-local route, gateway endpoint routes and the
 *   extra routes. The rule is written; a warning names the route to add to network.extraRoutes.
 *   An existing VPC's routes are not known.
 */
export function destinationGroupProblems(path: string, groupId: string, net: Pick<NetworkFacts, "newVpc">, what: string): Problem[] {
  // The ID's shape first; reachability only for a well-formed ID.
  const idProblems = awsIdProblems(path, groupId, "sg");
  if (idProblems.length > 0 || !net.newVpc) return idProblems;
  return [
    {
      path,
      value: groupId,
      rule: `cannot be ${what} from the VPC this deployment creates: an existing group is in another VPC, and a rule referencing a group in another VPC needs an active VPC peering connection, which is not configured here; give a CIDR instead`,
    },
  ];
}

export function cidrRouteWarning(deployment: string, path: string, cidr: string, net: NetworkFacts, what: string): Warning | undefined {
  if (!net.newVpc || net.vpcCidrBlock === undefined) return undefined;
  const target = parseIpv4Cidr(cidr);
  const vpc = parseIpv4Cidr(net.vpcCidrBlock);
  if (typeof target === "string" || typeof vpc === "string" || contains(vpc, target)) return undefined;
  const routed = net.routedCidrs.map(parseIpv4Cidr).some((r) => typeof r !== "string" && contains(r, target));
  if (routed) return undefined;
  return {
    deployment,
    path,
    message: `${cidr} (${what}) is outside the VPC (${net.vpcCidrBlock}) and its private route tables have only the VPC-local route: the security group allows the traffic but nothing routes it; add a route to ${cidr} (VPC peering, Transit Gateway or VPN) to network.extraRoutes`,
  };
}
