import { Construct } from "../cdk/cdktf";
import { SecurityGroup, VpcSecurityGroupIngressRule, VpclatticeResourceGateway } from "../cdk/aws";
import type { LatticeIpAddressType } from "../net/ip-address-type";
import { gatewayInboundRuleName } from "../plan/lattice";
import type { INetwork } from "./network";
import { addOutput, group } from "./scope";

export interface ResourceGatewayProps {
  readonly network: INetwork;
  /** The gateway's name: 3–40 lowercase letters, digits and `-`. */
  readonly name: string;
  /** Prefix of the security group's name. */
  readonly namePrefix: string;
  /** IPV4, IPV6 or DUALSTACK: must fit the subnets (LAT-1). */
  readonly ipAddressType: LatticeIpAddressType;
  /** Existing security groups added to the gateway's own group (5 in all, LAT-1). */
  readonly securityGroupIds: readonly string[];
  /**
   * Sources the gateway's group admits on every TCP port: what EventBridge's provider page asks
   * for (0.0.0.0/0, ::/0), decided by the planner with SEC-1 accepted. @default - no inbound rule
   */
  readonly inboundFromAnywhere?: readonly ("0.0.0.0/0" | "::/0")[];
}

/**
 * A VPC Lattice resource gateway (LAT-1): the point where traffic from consumers enters the owner's
 * VPC. It spans every private subnet (one per AZ: a consumer's endpoint needs an AZ in common with
 * it) and has a security group of its own. That group's rules control traffic from the gateway to
 * the resources (https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html): its
 * outbound rules, one per resource configuration and port range, are the configurations'. Inbound
 * rules only where the plan says (`inboundFromAnywhere`): EventBridge's provider page asks for
 * all TCP from anywhere, which the VPC Lattice guide does not mention (src/plan/lattice.ts).
 * Subnets, groups and address type are fixed at creation: changing them replaces the gateway.
 */
export class ResourceGateway extends Construct {
  readonly gateway: VpclatticeResourceGateway;
  readonly securityGroup: SecurityGroup;
  readonly ipAddressType: LatticeIpAddressType;
  readonly network: INetwork;

  constructor(scope: Construct, id: string, props: ResourceGatewayProps) {
    super(scope, id);
    this.network = props.network;
    this.ipAddressType = props.ipAddressType;
    const name = `${props.namePrefix}-lattice-gateway`;
    this.securityGroup = new SecurityGroup(group(this, "_sg"), "Default", {
      name,
      description: `VPC Lattice resource gateway ${props.name}: outbound to the shared resources only`,
      vpcId: props.network.vpcId,
      tags: { Name: name },
    });
    for (const cidr of props.inboundFromAnywhere ?? []) {
      const v6 = cidr === "::/0";
      new VpcSecurityGroupIngressRule(this, gatewayInboundRuleName(cidr), {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: 0,
        toPort: 65535,
        ...(v6 ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        description: "All TCP, as EventBridge asks of a resource gateway (accepted SEC-1 deviation)",
      });
    }
    this.gateway = new VpclatticeResourceGateway(this, "Default", {
      name: props.name,
      vpcId: props.network.vpcId,
      subnetIds: props.network.privateSubnets.map((s) => s.subnetId),
      securityGroupIds: [this.securityGroup.id, ...props.securityGroupIds],
      ipAddressType: this.ipAddressType,
      tags: { Name: props.name },
    });
    addOutput(this, "lattice_resource_gateway_id", this.gateway.id, "ID of the VPC Lattice resource gateway");
    addOutput(
      this,
      "lattice_resource_gateway_security_group_id",
      this.securityGroup.id,
      "Security group of the resource gateway: resources must admit it on their ports",
    );
  }
}
