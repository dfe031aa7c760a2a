import { Construct } from "../cdk/cdktf";
import { SecurityGroup, VpclatticeResourceConfiguration, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from "../cdk/aws";
import { parsePortRange } from "../aws/lattice";
import type { ResourceGateway } from "./resource-gateway";
import { group } from "./scope";

export interface ResourceConfigurationProps {
  readonly gateway: ResourceGateway;
  /** 3–40 lowercase letters, digits and `-`, unique in the account. */
  readonly name: string;
  /** The resource by a publicly resolvable DNS name. Exactly one of dnsName, ipAddress and arn. */
  readonly dnsName?: string;
  /** The resource by an IP address in the VPC. */
  readonly ipAddress?: string;
  /** The resource by ARN (an AWS resource such as an RDS database): configuration type ARN. */
  readonly arn?: string;
  /** TCP ports shared (`"443"`, `"8000-8100"`); with `arn`, only the ports the gateway's group opens. */
  readonly portRanges: readonly string[];
  /** The resource's security group: it admits the gateway's group on the ports. @default - see makeTargetGroup */
  readonly targetSecurityGroupId?: string;
  /**
   * Without targetSecurityGroupId: make a group in the VPC for the resource to carry, admitting the
   * ports from the gateway's group (EventBridge asks the target for that rule). @default false
   */
  readonly makeTargetGroup?: boolean;
  /** Prefix of the made group's name. @default - the configuration's name alone */
  readonly namePrefix?: string;
  /** Where the resource lives: the gateway's outbound rules go there. @default - the target security group if given, else the VPC's blocks */
  readonly targetCidr?: string;
  /** Allow association with shareable service networks (EventBridge and Step Functions use one). @default true */
  readonly allowAssociationToShareableServiceNetwork?: boolean;
}

/**
 * A resource configuration on a resource gateway (LAT-2): one resource, named by DNS name or IP
 * address (type SINGLE, TCP, the shared port ranges) or by ARN (type ARN). The gateway's security
 * group gets one outbound rule per port range to the resource, and the resource's group the
 * matching inbound rule from the gateway's group — the group named, or else one made for the
 * resource to carry (`makeTargetGroup`): EventBridge's guide asks for exactly this rule and
 * reports "connection timeout" without it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/connection-private-rc-provider.html).
 */
export class ResourceConfiguration extends Construct {
  readonly configuration: VpclatticeResourceConfiguration;
  readonly name: string;
  /** The group made for the resource to carry (makeTargetGroup), if any. */
  readonly targetGroup?: SecurityGroup;

  constructor(scope: Construct, id: string, props: ResourceConfigurationProps) {
    super(scope, id);
    const net = props.gateway.network;
    this.name = props.name;
    const type = props.arn !== undefined ? "ARN" : "SINGLE";
    const ipAddressType = props.gateway.ipAddressType;
    this.configuration = new VpclatticeResourceConfiguration(this, "Default", {
      name: props.name,
      type,
      resourceGatewayIdentifier: props.gateway.gateway.id,
      protocol: type === "SINGLE" ? "TCP" : undefined,
      portRanges: type === "SINGLE" ? [...props.portRanges] : undefined,
      allowAssociationToShareableServiceNetwork: props.allowAssociationToShareableServiceNetwork ?? true,
      resourceConfigurationDefinition: [
        props.dnsName !== undefined
          ? { dnsResource: [{ domainName: props.dnsName, ipAddressType }] }
          : props.ipAddress !== undefined
            ? { ipResource: [{ ipAddress: props.ipAddress }] }
            : { arnResource: [{ arn: props.arn! }] },
      ],
      tags: { Name: props.name },
    });

    const rules = group(this, "_rules");
    const gatewaySg = props.gateway.securityGroup.id;
    if (props.makeTargetGroup && !props.targetSecurityGroupId) {
      const name = `${props.namePrefix ? `${props.namePrefix}-` : ""}lattice-${props.name}-target`;
      this.targetGroup = new SecurityGroup(this, "target", {
        name,
        description: `For the resource behind VPC Lattice resource configuration ${props.name}: its ports from the resource gateway`,
        vpcId: net.vpcId,
        tags: { Name: name },
      });
    }
    const admitting = props.targetSecurityGroupId ?? this.targetGroup?.id;
    props.portRanges.forEach((text) => {
      const range = parsePortRange(text) as { from: number; to: number };
      const suffix = range.from === range.to ? `${range.from}` : `${range.from}_${range.to}`;
      const common = {
        securityGroupId: gatewaySg,
        ipProtocol: "tcp",
        fromPort: range.from,
        toPort: range.to,
        description: `To resource ${props.name}, TCP ${text}`,
      };
      if (admitting)
        new VpcSecurityGroupIngressRule(rules, `target_ingress_${suffix}`, {
          securityGroupId: admitting,
          referencedSecurityGroupId: gatewaySg,
          ipProtocol: "tcp",
          fromPort: range.from,
          toPort: range.to,
          description: `From VPC Lattice resource gateway (resource configuration ${props.name})`,
        });
      if (props.targetSecurityGroupId) {
        new VpcSecurityGroupEgressRule(rules, `egress_${suffix}`, { ...common, referencedSecurityGroupId: props.targetSecurityGroupId });
      } else if (props.targetCidr) {
        new VpcSecurityGroupEgressRule(rules, `egress_${suffix}`, { ...common, cidrIpv4: props.targetCidr });
      } else {
        if (ipAddressType !== "IPV6" && net.vpcCidrBlock)
          new VpcSecurityGroupEgressRule(rules, `egress_${suffix}`, { ...common, cidrIpv4: net.vpcCidrBlock });
        if (ipAddressType !== "IPV4" && net.vpcIpv6CidrBlock)
          new VpcSecurityGroupEgressRule(rules, `egress_ipv6_${suffix}`, { ...common, cidrIpv6: net.vpcIpv6CidrBlock });
      }
    });
  }

  get arn(): string {
    return this.configuration.arn;
  }
}
