import { Construct } from "../cdk/cdktf";
import { SecurityGroup, VpclatticeResourceGateway } from "../cdk/aws";
import { checkValue } from "../aws/value-rules";
import { SECURITY_GROUP_ID_RE, SECURITY_GROUP_ID_RULE } from "../aws/names";
import { assertNoProblems, Problem } from "../problems";
import type { INetwork } from "./network";
import { group } from "./scope";

export type LatticeIpAddressType = "IPV4" | "IPV6" | "DUALSTACK";

export interface ResourceGatewayProps {
  readonly network: INetwork;
  /** The gateway's name: 3–40 lowercase letters, digits and `-`. */
  readonly name: string;
  /** Prefix of the security group's name. */
  readonly namePrefix: string;
  /** @default - follows the subnets: IPV4, DUALSTACK or IPV6 */
  readonly ipAddressType?: LatticeIpAddressType;
  /** Existing security groups added to the gateway's own group (5 in all, LAT-1). @default - none */
  readonly securityGroupIds?: readonly string[];
}

/** The address type that matches the network's subnets. */
export function defaultLatticeIpAddressType(subnets: INetwork["subnetIpAddressType"]): LatticeIpAddressType {
  return subnets === "ipv4" ? "IPV4" : subnets === "ipv6" ? "IPV6" : "DUALSTACK";
}

/** Problems with a gateway's props; paths relative to `lattice.resourceGateway`. */
export function checkResourceGateway(p: Omit<ResourceGatewayProps, "network" | "namePrefix"> & { readonly network: Pick<INetwork, "subnetIpAddressType"> }): Problem[] {
  const problems: Problem[] = [];
  problems.push(...checkValue("name", p.name, "lattice.resource-gateway-name"));
  // https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html#resource-gateway-ip-address-type
  const subnets = p.network.subnetIpAddressType;
  const type = p.ipAddressType;
  if ((type === "IPV4" && subnets === "ipv6") || (type === "IPV6" && subnets === "ipv4") || (type === "DUALSTACK" && subnets !== "dualstack")) {
    problems.push({ path: "ipAddressType", value: type, rule: `must fit the subnets (${subnets}): IPV4 needs IPv4 in every subnet, IPV6 IPv6, DUALSTACK both (LAT-1)` });
  }
  const extra = p.securityGroupIds ?? [];
  // The gateway always has its own group (it carries the rules to the resources), so 4 more at most.
  if (extra.length > 4) problems.push({ path: "securityGroupIds", value: extra, rule: `must name at most 4 security groups: with the gateway's own group that makes the limit of 5 (LAT-1), ${extra.length + 1} in all` });
  extra.forEach((g, i) => {
    if (!SECURITY_GROUP_ID_RE.test(g)) problems.push({ path: `securityGroupIds[${i}]`, value: g, rule: SECURITY_GROUP_ID_RULE });
    else if (extra.indexOf(g) !== i) problems.push({ path: `securityGroupIds[${i}]`, value: g, rule: "must be listed once" });
  });
  return problems;
}

/**
 * A VPC Lattice resource gateway (LAT-1): the point where traffic from consumers enters the owner's
 * VPC. It spans every private subnet (one per AZ: a consumer's endpoint needs an AZ in common with
 * it) and has a security group of its own. That group's rules control traffic from the gateway to
 * the resources, so it gets only outbound rules, one per resource configuration and port range
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html#resource-gateway-security-groups).
 * Subnets, groups and address type are fixed at creation: changing them replaces the gateway.
 */
export class ResourceGateway extends Construct {
  readonly gateway: VpclatticeResourceGateway;
  readonly securityGroup: SecurityGroup;
  readonly ipAddressType: LatticeIpAddressType;
  readonly network: INetwork;

  constructor(scope: Construct, id: string, props: ResourceGatewayProps) {
    super(scope, id);
    assertNoProblems(checkResourceGateway(props));
    this.network = props.network;
    this.ipAddressType = props.ipAddressType ?? defaultLatticeIpAddressType(props.network.subnetIpAddressType);
    const name = `${props.namePrefix}-lattice-gateway`;
    this.securityGroup = new SecurityGroup(group(this, "_sg"), "Default", {
      name,
      description: `VPC Lattice resource gateway ${props.name}: outbound to the shared resources only`,
      vpcId: props.network.vpcId,
      tags: { Name: name },
    });
    this.gateway = new VpclatticeResourceGateway(this, "Default", {
      name: props.name,
      vpcId: props.network.vpcId,
      subnetIds: props.network.privateSubnets.map((s) => s.subnetId),
      securityGroupIds: [this.securityGroup.id, ...(props.securityGroupIds ?? [])],
      ipAddressType: this.ipAddressType,
      tags: { Name: props.name },
    });
  }
}
