import { checkValue, safeText } from "../aws/value-rules";
import { Construct } from "../cdk/cdktf";
import { ApprunnerVpcConnector, SecurityGroup, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from "../cdk/aws";
import { parseIpv4Cidr } from "../net/ipv4-cidr";
import { SECURITY_GROUP_ID_RE, SECURITY_GROUP_ID_RULE } from "../aws/names";
import { assertNoProblems, Problem } from "../problems";
import { INetwork, NetworkSubnet } from "./network";

/** App Runner resource names (connectors, services): 4–40 letters, digits, `-` and `_`, a letter or digit first. */

/** A destination the connected services may reach (APR-9): a CIDR block or a security group, on one port. */
export interface ConnectorEgress {
  /** An IPv4 CIDR block (an on-premises network, a peered VPC, a subnet). */
  readonly cidr?: string;
  /** The destination's security group (`sg-…`): it also gets the matching inbound rule from the connector's group. */
  readonly securityGroupId?: string;
  readonly port: number;
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
  /** @default - "<protocol> <port> to <destination>" */
  readonly description?: string;
}

export interface AppRunnerConnectorProps {
  readonly network: INetwork;
  /** Public subnets of the network, if any: the connector must never use them (APR-2). @default - none */
  readonly publicSubnets?: readonly NetworkSubnet[];
  /** The connector's name, 4–40 characters. */
  readonly name: string;
  readonly namePrefix: string;
  /** Availability Zones App Runner does not support in this Region (APR-5). @default - none */
  readonly excludeAvailabilityZones?: readonly string[];
  /** Existing security groups (1–5) instead of a dedicated one (APR-1). @default - a dedicated group with the egress rules below */
  readonly securityGroupIds?: readonly string[];
  /** Destinations the services call (APR-9). @default - none */
  readonly egress?: readonly ConnectorEgress[];
  /** Gateway endpoint prefix lists (S3, DynamoDB) the services reach through the route tables (APR-4). @default - none */
  readonly endpointPrefixListIds?: readonly string[];
  /** Reach the VPC's interface endpoints on 443 (APR-4). @default false */
  readonly reachInterfaceEndpoints?: boolean;
}

/** Problems and warnings with a connector's props; paths relative to the props (config: `apprunner`). */
export function checkAppRunnerConnector(p: Omit<AppRunnerConnectorProps, "network" | "namePrefix"> & { readonly network: Pick<INetwork, "privateSubnets" | "subnetIpAddressType"> }): {
  problems: Problem[];
  warnings: string[];
} {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  problems.push(...checkValue("connectorName", p.name, "apprunner.vpc-connector-name"));
  if (p.network.subnetIpAddressType === "ipv6") {
    problems.push({ path: "connectorName", value: p.name, rule: "needs IPv4 subnets: App Runner's outgoing traffic is IPv4 only and IPv6-only subnets are rejected (APR-3)" });
  }
  const azs = p.network.privateSubnets.map((s) => s.availabilityZone);
  (p.excludeAvailabilityZones ?? []).forEach((az, i) => {
    if (!azs.includes(az)) problems.push({ path: `excludeAvailabilityZones[${i}]`, value: az, rule: `must be one of the network's Availability Zones (${azs.join(", ")})` });
  });
  const subnets = connectorSubnets(p.network.privateSubnets, p.excludeAvailabilityZones);
  const publicIds = new Set((p.publicSubnets ?? []).map((s) => s.subnetId));
  const publicUsed = subnets.filter((s) => publicIds.has(s.subnetId));
  if (publicUsed.length > 0) problems.push({ path: "subnets", value: publicUsed.map((s) => s.availabilityZone), rule: "must be private: public subnets make App Runner service creation fail (APR-2)" });
  if (subnets.length < 2) {
    problems.push({ path: "excludeAvailabilityZones", value: p.excludeAvailabilityZones ?? [], rule: `must leave the connector at least 2 Availability Zones (APR-1), ${subnets.length} left` });
  } else if (subnets.length < 3) {
    warnings.push(`the App Runner connector ${p.name} uses ${subnets.length} Availability Zones; AWS recommends three for high availability (APR-1)`);
  }
  const groups = p.securityGroupIds ?? [];
  if (p.securityGroupIds !== undefined && (groups.length < 1 || groups.length > 5)) problems.push({ path: "securityGroupIds", value: groups, rule: "must name 1 to 5 security groups" });
  groups.forEach((g, i) => {
    if (!SECURITY_GROUP_ID_RE.test(g)) problems.push({ path: `securityGroupIds[${i}]`, value: g, rule: SECURITY_GROUP_ID_RULE });
  });
  if (p.securityGroupIds !== undefined && (p.egress ?? []).length > 0) {
    problems.push({ path: "egress", value: p.egress, rule: "must be left out with securityGroupIds: the rules go on the connector's own group, which is not created" });
  }
  (p.egress ?? []).forEach((e, i) => {
    const at = `egress[${i}]`;
    problems.push(...checkValue(`${at}.description`, e.description, "ec2.security-group-rule-description"));
    if ((e.cidr === undefined) === (e.securityGroupId === undefined)) problems.push({ path: at, value: e, rule: "must give exactly one of cidr and securityGroupId" });
    if (e.cidr !== undefined) {
      const c = parseIpv4Cidr(e.cidr);
      if (typeof c === "string") problems.push({ path: `${at}.cidr`, value: e.cidr, rule: c });
    }
    if (e.securityGroupId !== undefined && !SECURITY_GROUP_ID_RE.test(e.securityGroupId)) problems.push({ path: `${at}.securityGroupId`, value: e.securityGroupId, rule: SECURITY_GROUP_ID_RULE });
    if (!Number.isInteger(e.port) || e.port < 1 || e.port > 65535) problems.push({ path: `${at}.port`, value: e.port, rule: "must be a port from 1 to 65535" });
  });
  return { problems, warnings };
}

function connectorSubnets(subnets: readonly NetworkSubnet[], exclude: readonly string[] | undefined): NetworkSubnet[] {
  return subnets.filter((s) => !(exclude ?? []).includes(s.availabilityZone));
}

/**
 * The VPC connector App Runner services use for outgoing traffic (APR-1..APR-3, APR-5, APR-9):
 * the network's private subnets, one per AZ (minus AZs App Runner does not support), and a
 * dedicated security group whose outbound rules name the destinations (no outbound-anywhere
 * rule), with the matching inbound rule on each destination group. One connector serves every
 * service of the deployment: a subnet + security group combination costs a one-time 2–5 minute
 * start-up, so reusing it avoids paying that per service (APR-7).
 */
export class AppRunnerConnector extends Construct {
  readonly connector: ApprunnerVpcConnector;
  readonly securityGroup?: SecurityGroup;
  readonly subnets: readonly NetworkSubnet[];
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: AppRunnerConnectorProps) {
    super(scope, id);
    const { problems, warnings } = checkAppRunnerConnector(props);
    assertNoProblems(problems);
    this.warnings = warnings;
    this.subnets = connectorSubnets(props.network.privateSubnets, props.excludeAvailabilityZones);

    let groups = props.securityGroupIds ? [...props.securityGroupIds] : [];
    if (!props.securityGroupIds) {
      const sg = new SecurityGroup(new Construct(this, "_sg"), "connector", {
        name: `${props.namePrefix}-apprunner-connector`,
        description: safeText("ec2.security-group-description", `App Runner VPC connector ${props.name}: outbound to the named destinations only`),
        vpcId: props.network.vpcId,
        tags: { Name: `${props.namePrefix}-apprunner-connector` },
      });
      this.securityGroup = sg;
      groups = [sg.id];
      const rules = new Construct(this, "_rules");
      (props.egress ?? []).forEach((e, i) => {
        const protocol = e.protocol ?? "tcp";
        const description = e.description ?? safeText("ec2.security-group-rule-description", `${protocol} ${e.port} to ${e.cidr ?? e.securityGroupId}`);
        new VpcSecurityGroupEgressRule(rules, `connector_egress_${i}`, {
          securityGroupId: sg.id,
          ipProtocol: protocol,
          fromPort: e.port,
          toPort: e.port,
          ...(e.cidr ? { cidrIpv4: e.cidr } : { referencedSecurityGroupId: e.securityGroupId }),
          description,
        });
        if (e.securityGroupId) {
          // APR-9: the destination admits the connector's group on the same port.
          new VpcSecurityGroupIngressRule(rules, `connector_to_destination_${i}`, {
            securityGroupId: e.securityGroupId,
            referencedSecurityGroupId: sg.id,
            ipProtocol: protocol,
            fromPort: e.port,
            toPort: e.port,
            description: safeText("ec2.security-group-rule-description", `From App Runner connector ${props.name}`),
          });
        }
      });
      if (props.reachInterfaceEndpoints && props.network.vpcCidrBlock) {
        new VpcSecurityGroupEgressRule(rules, "connector_egress_endpoints", {
          securityGroupId: sg.id,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrIpv4: props.network.vpcCidrBlock,
          description: "HTTPS to the interface endpoints of the VPC (AWS APIs without internet)",
        });
      }
      (props.endpointPrefixListIds ?? []).forEach((prefixListId, i) => {
        new VpcSecurityGroupEgressRule(rules, `connector_egress_gateway_${i}`, {
          securityGroupId: sg.id,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          prefixListId,
          description: "HTTPS to the service of a gateway endpoint (S3, DynamoDB)",
        });
      });
    }

    this.connector = new ApprunnerVpcConnector(this, "Default", {
      vpcConnectorName: props.name,
      subnets: this.subnets.map((s) => s.subnetId),
      securityGroups: groups,
      tags: { Name: props.name },
    });
  }

  get arn(): string {
    return this.connector.arn;
  }
}
