import { safeText } from "../aws/value-rules";
import { Construct } from "../cdk/cdktf";
import { ApprunnerVpcConnector, SecurityGroup, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from "../cdk/aws";
import type { AppRunnerPlan } from "../plan/types";
import { INetwork, NetworkSubnet } from "./network";
import { addOutput, subnetsIn } from "./scope";

export interface AppRunnerConnectorProps extends Omit<AppRunnerPlan["connector"], "gatewayEndpoints"> {
  /** The connector uses this network's private subnets in `availabilityZones` (never public ones, APR-2). */
  readonly network: INetwork;
  /** Gateway endpoint prefix lists (S3, DynamoDB) the services reach through the route tables (APR-4). */
  readonly endpointPrefixListIds: readonly string[];
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

  constructor(scope: Construct, id: string, props: AppRunnerConnectorProps) {
    super(scope, id);
    this.subnets = subnetsIn(props.network, props.availabilityZones);

    let groups = props.securityGroupIds ? [...props.securityGroupIds] : [];
    if (!props.securityGroupIds) {
      const sg = new SecurityGroup(new Construct(this, "_sg"), "connector", {
        name: `${props.namePrefix}-apprunner-connector`,
        description: safeText(
          "ec2.security-group-description",
          `App Runner VPC connector ${props.name}: outbound to the named destinations only`,
        ),
        vpcId: props.network.vpcId,
        tags: { Name: `${props.namePrefix}-apprunner-connector` },
      });
      this.securityGroup = sg;
      groups = [sg.id];
      const rules = new Construct(this, "_rules");
      props.egress.forEach((e, i) => {
        const protocol = e.protocol ?? "tcp";
        const description =
          e.description ?? safeText("ec2.security-group-rule-description", `${protocol} ${e.port} to ${e.cidr ?? e.securityGroupId}`);
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
      props.endpointPrefixListIds.forEach((prefixListId, i) => {
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
    addOutput(
      this,
      "apprunner_connector_arn",
      this.connector.arn,
      "ARN of the App Runner VPC connector shared by the deployment's services",
    );
    if (this.securityGroup)
      addOutput(
        this,
        "apprunner_connector_security_group_id",
        this.securityGroup.id,
        "Security group of the App Runner VPC connector: add it to destinations' inbound rules",
      );
  }

  get arn(): string {
    return this.connector.arn;
  }
}
