import { isIP } from "net";
import { Construct } from "../cdk/cdktf";
import { VpclatticeResourceConfiguration, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from "../cdk/aws";
import { AWS_ARN_RE, parsePortRange } from "../aws/lattice";
import { checkValue } from "../aws/value-rules";
import { parseIpv4Cidr } from "../net/ipv4-cidr";
import { SECURITY_GROUP_ID_RE, SECURITY_GROUP_ID_RULE } from "../aws/names";
import { assertNoProblems, Problem } from "../problems";
import type { ResourceGateway } from "./resource-gateway";
import { group } from "./scope";

const DNS_NAME_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

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
  /** The resource's security group: it admits the gateway's group on the ports. @default - no rule on the resource's side */
  readonly targetSecurityGroupId?: string;
  /** Where the resource lives: the gateway's outbound rules go there. @default - the target security group if given, else the VPC's blocks */
  readonly targetCidr?: string;
  /** Allow association with shareable service networks (EventBridge and Step Functions use one). @default true */
  readonly allowAssociationToShareableServiceNetwork?: boolean;
}

type CheckedProps = Omit<ResourceConfigurationProps, "gateway"> & { readonly vpcCidrBlock?: string };

/** Problems with a resource configuration's props; paths relative to `lattice.resourceConfigurations[i]`. */
export function checkResourceConfiguration(p: CheckedProps): Problem[] {
  const problems: Problem[] = [];
  problems.push(...checkValue("name", p.name, "lattice.resource-configuration-name"));
  const ways = (["dnsName", "ipAddress", "arn"] as const).filter((k) => p[k] !== undefined);
  if (ways.length !== 1) {
    problems.push({ path: "", value: Object.fromEntries(ways.map((k) => [k, p[k]])), rule: "must name its resource exactly one way: dnsName, ipAddress or arn (LAT-2)" });
  }
  if (p.dnsName !== undefined && !DNS_NAME_RE.test(p.dnsName)) problems.push({ path: "dnsName", value: p.dnsName, rule: "must be a fully qualified, publicly resolvable domain name such as service1.example.com" });
  if (p.ipAddress !== undefined && isIP(p.ipAddress) === 0) problems.push({ path: "ipAddress", value: p.ipAddress, rule: "must be an IPv4 or IPv6 address in the VPC" });
  if (p.arn !== undefined && !AWS_ARN_RE.test(p.arn)) problems.push({ path: "arn", value: p.arn, rule: "must be an ARN of the aws partition (arn:aws:…)" });
  if (p.portRanges.length === 0) {
    problems.push({ path: "portRanges", value: p.portRanges, rule: 'must list at least one port or range, e.g. ["443"] (LAT-2)' });
  }
  p.portRanges.forEach((r, i) => {
    const parsed = parsePortRange(r);
    if (typeof parsed === "string") problems.push({ path: `portRanges[${i}]`, value: r, rule: parsed });
    else if (p.portRanges.indexOf(r) !== i) problems.push({ path: `portRanges[${i}]`, value: r, rule: "must be listed once" });
  });
  if (p.targetSecurityGroupId !== undefined && !SECURITY_GROUP_ID_RE.test(p.targetSecurityGroupId)) {
    problems.push({ path: "targetSecurityGroupId", value: p.targetSecurityGroupId, rule: SECURITY_GROUP_ID_RULE });
  }
  if (p.targetCidr !== undefined) {
    const c = parseIpv4Cidr(p.targetCidr);
    if (typeof c === "string") problems.push({ path: "targetCidr", value: p.targetCidr, rule: c });
  }
  if (p.targetCidr !== undefined && p.targetSecurityGroupId !== undefined) {
    problems.push({ path: "targetCidr", value: p.targetCidr, rule: "must be left out with targetSecurityGroupId: the gateway's rules go to the group" });
  }
  if (p.targetCidr === undefined && p.targetSecurityGroupId === undefined && p.vpcCidrBlock === undefined) {
    problems.push({ path: "targetCidr", value: undefined, rule: "is required when neither targetSecurityGroupId nor the VPC's cidrBlock is known: the gateway's outbound rules need a destination" });
  }
  return problems;
}

/**
 * A resource configuration on a resource gateway (LAT-2): one resource, named by DNS name or IP
 * address (type SINGLE, TCP, the shared port ranges) or by ARN (type ARN). The gateway's security
 * group gets one outbound rule per port range to the resource, and the resource's group, when
 * known, the matching inbound rule from the gateway's group: EventBridge's guide asks for exactly
 * this and reports "connection timeout" without it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/connection-private-rc-provider.html).
 */
export class ResourceConfiguration extends Construct {
  readonly configuration: VpclatticeResourceConfiguration;
  readonly name: string;

  constructor(scope: Construct, id: string, props: ResourceConfigurationProps) {
    super(scope, id);
    const net = props.gateway.network;
    assertNoProblems(checkResourceConfiguration({ ...props, vpcCidrBlock: net.vpcCidrBlock }));
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
    props.portRanges.forEach((text) => {
      const range = parsePortRange(text) as { from: number; to: number };
      const suffix = range.from === range.to ? `${range.from}` : `${range.from}_${range.to}`;
      const common = { securityGroupId: gatewaySg, ipProtocol: "tcp", fromPort: range.from, toPort: range.to, description: `To resource ${props.name}, TCP ${text}` };
      if (props.targetSecurityGroupId) {
        new VpcSecurityGroupEgressRule(rules, `egress_${suffix}`, { ...common, referencedSecurityGroupId: props.targetSecurityGroupId });
        new VpcSecurityGroupIngressRule(rules, `target_ingress_${suffix}`, {
          securityGroupId: props.targetSecurityGroupId,
          referencedSecurityGroupId: gatewaySg,
          ipProtocol: "tcp",
          fromPort: range.from,
          toPort: range.to,
          description: `From VPC Lattice resource gateway (resource configuration ${props.name})`,
        });
      } else if (props.targetCidr) {
        new VpcSecurityGroupEgressRule(rules, `egress_${suffix}`, { ...common, cidrIpv4: props.targetCidr });
      } else {
        if (ipAddressType !== "IPV6" && net.vpcCidrBlock) new VpcSecurityGroupEgressRule(rules, `egress_${suffix}`, { ...common, cidrIpv4: net.vpcCidrBlock });
        if (ipAddressType !== "IPV4" && net.vpcIpv6CidrBlock) new VpcSecurityGroupEgressRule(rules, `egress_ipv6_${suffix}`, { ...common, cidrIpv6: net.vpcIpv6CidrBlock });
      }
    });
  }

  get arn(): string {
    return this.configuration.arn;
  }
}
