import { Construct } from "../cdk/cdktf";
import { DefaultSecurityGroup, NetworkAcl, RouteTable, RouteTableAssociation, Subnet, Vpc } from "../cdk/aws";
import { assertNoProblems } from "../problems";
import { checkSubnetLayout, planPrivateSubnets } from "../net/private-subnets";
import { INetwork, NetworkSubnet } from "./network";

export interface PrivateNetworkProps {
  /** The Region the VPC is created in; every Availability Zone must belong to it. */
  readonly region: string;
  /** Prefix of every `Name` tag, usually the deployment name. */
  readonly namePrefix: string;
  /** The VPC's IPv4 CIDR block, /16 to /28. */
  readonly cidrBlock: string;
  /** 2 to 6 Availability Zones of `region`; one private subnet is created in each, in this order. */
  readonly availabilityZones: readonly string[];
  /**
   * One IPv4 CIDR block per Availability Zone, inside `cidrBlock`, not overlapping.
   * @default - carved from `cidrBlock`: subnet i is block i of 16 equal blocks (a /16 gives /20s)
   */
  readonly privateSubnetCidrs?: readonly string[];
}

/**
 * A VPC with no path to the internet: private subnets only, one route table that holds nothing
 * but the implicit VPC-local route (MWAA-P2, MWAA-P4), DNS support and hostnames on (needed by
 * interface endpoints' private DNS, MWAA-P6, PL-2), the network ACL of MWAA-P3, and the VPC's
 * default security group emptied so nothing can fall back on its allow-all rules.
 * It creates no internet gateway, NAT gateway or Elastic IP.
 */
export class PrivateNetwork extends Construct implements INetwork {
  readonly region: string;
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly privateSubnets: readonly NetworkSubnet[];
  readonly privateSubnetResources: readonly Subnet[];
  readonly privateRouteTable: RouteTable;
  readonly privateRouteTableIds: readonly string[];
  readonly networkAcl: NetworkAcl;

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    assertNoProblems(checkSubnetLayout(props));
    this.region = props.region;

    this.vpc = new Vpc(this, "Default", {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${props.namePrefix}-vpc` },
    });
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = props.cidrBlock;

    // Takes over the default group AWS creates with every VPC: on adoption the provider removes
    // all of its rules, and none are configured, so a resource launched without a group gets no
    // "all traffic from the group, all traffic out".
    new DefaultSecurityGroup(this, "default", {
      vpcId: this.vpc.id,
      tags: { Name: `${props.namePrefix}-default-deny` },
    });

    const planned = planPrivateSubnets(props);
    this.privateSubnetResources = planned.map(
      (s) =>
        new Subnet(this, `private_${s.availabilityZone}`, {
          vpcId: this.vpc.id,
          availabilityZone: s.availabilityZone,
          cidrBlock: s.cidrBlock,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${props.namePrefix}-private-${s.availabilityZone}` },
        }),
    );
    this.privateSubnets = planned.map((s, i) => ({ availabilityZone: s.availabilityZone, subnetId: this.privateSubnetResources[i].id }));

    // No `route` entries: the table keeps only the implicit local route. Gateway endpoints add
    // their prefix-list routes to it themselves (MWAA-P4, PL-7).
    this.privateRouteTable = new RouteTable(this, "private", {
      vpcId: this.vpc.id,
      tags: { Name: `${props.namePrefix}-private` },
    });
    this.privateRouteTableIds = [this.privateRouteTable.id];
    planned.forEach((s, i) => {
      new RouteTableAssociation(this, `private_${s.availabilityZone}_association`, {
        subnetId: this.privateSubnetResources[i].id,
        routeTableId: this.privateRouteTable.id,
      });
    });

    // MWAA-P3. The MWAA page's prose for private routing says the ACL "denies all outbound
    // traffic", but its recommended example ACL allows all traffic in both directions (rule 100,
    // then the default `*` deny). NACLs are stateless: denying outbound would also drop the
    // responses to every inbound connection and to every endpoint call, and the environment would
    // never leave "creating". We follow the example table. Security groups do the filtering.
    // https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html#vpc-security-acl
    const allowAll = { ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 };
    this.networkAcl = new NetworkAcl(this, "private_acl", {
      vpcId: this.vpc.id,
      subnetIds: this.privateSubnetResources.map((s) => s.id),
      ingress: [allowAll],
      egress: [allowAll],
      tags: { Name: `${props.namePrefix}-private` },
    });
  }

  get privateSubnetIds(): string[] {
    return this.privateSubnets.map((s) => s.subnetId);
  }
}
