import { Construct, Fn } from "../cdk/cdktf";
import {
  DefaultSecurityGroup,
  Eip,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  Route,
  RouteTable,
  RouteTableAssociation,
  Subnet,
  Vpc,
} from "../cdk/aws";
import { addNetworkOutputs, addOutput } from "./scope";
import { PlannedSubnet, planPrivateSubnets, planPublicSubnets, Routing, SubnetIpv6, subnetIpAddressTypeOf } from "../net/subnet-layout";
import { INetwork, NetworkSubnet } from "./network";
import { ExtraRoute, routeAddressPart } from "../net/extra-routes";
import type { PrivateRoute } from "../net/routes";

export interface VpcNetworkProps {
  /** The Region the VPC is created in; every Availability Zone must belong to it. */
  readonly region: string;
  /** Prefix of every `Name` tag, usually the deployment name. */
  readonly namePrefix: string;
  /** The VPC's IPv4 CIDR block, /16 to /28. */
  readonly cidrBlock: string;
  /** 2 to 6 Availability Zones of `region`; one private subnet is created in each, in this order. */
  readonly availabilityZones: readonly string[];
  /**
   * `private`: no path to the internet (MWAA private routing). `public`: a public subnet, NAT
   * gateway and Elastic IP per AZ and an internet gateway (MWAA public routing, MWAA-U1..U6).
   * @default "private"
   */
  readonly routing?: Routing;
  /**
   * One IPv4 CIDR block per Availability Zone, inside `cidrBlock`, not overlapping.
   * @default - carved from `cidrBlock`: subnet i is block i of 16 equal blocks (a /16 gives /20s)
   */
  readonly privateSubnetCidrs?: readonly string[];
  /**
   * Routes on every private route table to networks outside the VPC: a Transit Gateway, a VPC
   * peering connection or a virtual private gateway, each made beside this construct. Never a
   * default route, never to an internet or NAT gateway (the planner checks).
   * @default - none: the private route tables route only inside the VPC (and to gateway endpoints)
   */
  readonly extraRoutes?: readonly ExtraRoute[];
  /**
   * Public subnets' blocks, one per AZ (routing `public` only).
   * @default - carved from `cidrBlock`: block 8 + i of 16 equal blocks
   */
  readonly publicSubnetCidrs?: readonly string[];
  /**
   * `dualstack`: an Amazon-provided IPv6 /56 on the VPC, a /64 on each private subnet beside its
   * IPv4 block. `ipv6-only`: private subnets with only a /64 (DNS64 on). Private routing only (PL-3).
   * @default "none"
   */
  readonly ipv6?: SubnetIpv6;
  /** Accept a single AZ (non-production). @default false */
  readonly allowSingleAz?: boolean;
}

/**
 * A new VPC with a private subnet per Availability Zone, DNS support and hostnames on (interface
 * endpoints' private DNS needs both, MWAA-P6, PL-2), and the VPC's default security group emptied
 * so nothing can fall back on its allow-all rules.
 *
 * Private routing (the default): no internet gateway, NAT gateway or Elastic IP; one route table
 * with nothing but the implicit VPC-local route for every private subnet (MWAA-P2, MWAA-P4).
 *
 * Public routing: an internet gateway (MWAA-U5); a public subnet per AZ on a route table that sends
 * 0.0.0.0/0 to it (MWAA-U2); a NAT gateway with its own Elastic IP in each public subnet (MWAA-U4);
 * a route table per private subnet that sends 0.0.0.0/0 to the NAT gateway in the same AZ, so one
 * AZ failing does not cut the others off (MWAA-U3).
 *
 * Both: network ACLs allowing all traffic in and out, rule 100 (MWAA-P3, MWAA-U6).
 */
export class VpcNetwork extends Construct implements INetwork {
  readonly region: string;
  readonly routing: Routing;
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly vpcIpv6CidrBlock?: string;
  readonly subnetIpAddressType: "ipv4" | "dualstack" | "ipv6";
  readonly privateSubnets: readonly NetworkSubnet[];
  readonly publicSubnets: readonly NetworkSubnet[];
  readonly privateRouteTableIds: readonly string[];
  readonly origin = "created" as const;
  readonly privateRoutes: PrivateRoute[] = [];
  readonly internetGateway?: InternetGateway;
  readonly natGateways: readonly NatGateway[];

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    this.region = props.region;
    this.routing = props.routing ?? "private";
    const name = (suffix: string) => ({ Name: `${props.namePrefix}-${suffix}` });

    const ipv6 = props.ipv6 ?? "none";
    this.vpc = new Vpc(this, "Default", {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      assignGeneratedIpv6CidrBlock: ipv6 === "none" ? undefined : true,
      tags: name("vpc"),
    });
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = props.cidrBlock;
    this.subnetIpAddressType = subnetIpAddressTypeOf(ipv6);
    if (ipv6 !== "none") this.vpcIpv6CidrBlock = this.vpc.ipv6CidrBlock;

    // Takes over the default group AWS creates with every VPC: on adoption the provider removes
    // all of its rules, and none are configured, so a resource launched without a group gets no
    // "all traffic from the group, all traffic out".
    new DefaultSecurityGroup(this, "default", { vpcId: this.vpc.id, tags: name("default-deny") });

    const privateSubnets = this.subnets("private", planPrivateSubnets(props), props.namePrefix, ipv6);
    this.privateSubnets = privateSubnets.map(toNetworkSubnet);

    if (this.routing === "private") {
      // No `route` entries: the table keeps only the implicit local route. Gateway endpoints add
      // their prefix-list routes to it themselves (MWAA-P4, PL-7).
      const table = new RouteTable(this, "private", { vpcId: this.vpc.id, tags: name("private") });
      this.extraRoutes(this, "private", table, props.extraRoutes);
      this.associate(privateSubnets, () => table);
      this.privateRouteTableIds = [table.id];
      this.natGateways = [];
      this.publicSubnets = [];
    } else {
      // `_igw`, `_eip` and `_routes` are grouping scopes (left out of addresses):
      // aws_internet_gateway.network, aws_eip.network_nat_<az>, aws_route_table.network_private_<az>.
      this.internetGateway = new InternetGateway(new Construct(this, "_igw"), "Default", { vpcId: this.vpc.id, tags: name("igw") });
      // No public IPs on launch: nothing runs in the public subnets but the NAT gateways.
      const publicSubnets = this.subnets("public", planPublicSubnets(props), props.namePrefix);
      this.publicSubnets = publicSubnets.map(toNetworkSubnet);
      const publicTable = new RouteTable(this, "public", { vpcId: this.vpc.id, tags: name("public") });
      new Route(this, "public_internet", {
        routeTableId: publicTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: this.internetGateway.id,
      });
      this.associate(publicSubnets, () => publicTable);

      const eips = new Construct(this, "_eip");
      const routes = new Construct(this, "_routes");
      this.natGateways = publicSubnets.map((s) => {
        const az = s.availabilityZone;
        const eip = new Eip(eips, `nat_${az}`, { domain: "vpc", tags: name(`nat-${az}`) });
        return new NatGateway(this, `nat_${az}`, {
          allocationId: eip.allocationId,
          subnetId: s.subnet.id,
          connectivityType: "public",
          tags: name(`nat-${az}`),
          dependsOn: [this.internetGateway!],
        });
      });
      this.privateRoutes.push({ destination: "0.0.0.0/0", target: "nat-gateway" });
      const tables = privateSubnets.map((s, i) => {
        const table = new RouteTable(routes, `private_${s.availabilityZone}`, {
          vpcId: this.vpc.id,
          tags: name(`private-${s.availabilityZone}`),
        });
        new Route(routes, `private_${s.availabilityZone}_nat`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: this.natGateways[i].id,
        });
        this.extraRoutes(routes, `private_${s.availabilityZone}`, table, props.extraRoutes);
        return table;
      });
      this.associate(privateSubnets, (i) => tables[i]);
      this.privateRouteTableIds = tables.map((t) => t.id);
    }

    // MWAA-P3 / MWAA-U6. For private routing the MWAA page's prose says the ACL "denies all
    // outbound traffic", but its recommended example ACL allows all traffic in both directions
    // (rule 100, then the default `*` deny). NACLs are stateless: denying outbound would also drop
    // the responses to every inbound connection and to every endpoint call, and the environment
    // would never leave "creating". We follow the example table; security groups do the filtering.
    // https://docs.aws.amazon.com/mwaa/latest/userguide/vpc-security.html#vpc-security-acl
    const allowAll = { ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 };
    // With IPv6 the same "allow all" needs its IPv6 twin, or every IPv6 packet meets the default deny.
    const allowAll6 = { ruleNo: 101, action: "allow", protocol: "-1", ipv6CidrBlock: "::/0", fromPort: 0, toPort: 0 };
    const privateRules = ipv6 === "none" ? [allowAll] : [allowAll, allowAll6];
    new NetworkAcl(this, "private_acl", {
      vpcId: this.vpc.id,
      subnetIds: privateSubnets.map((s) => s.subnet.id),
      ingress: privateRules,
      egress: privateRules,
      tags: name("private"),
    });
    if (this.routing === "public") {
      new NetworkAcl(this, "public_acl", {
        vpcId: this.vpc.id,
        subnetIds: this.publicSubnets.map((s) => s.subnetId),
        ingress: [allowAll],
        egress: [allowAll],
        tags: name("public"),
      });
      addOutput(
        this,
        "public_subnet_ids",
        this.publicSubnets.map((s) => s.subnetId),
        "IDs of the public subnets (NAT gateways), in Availability Zone order",
      );
      addOutput(
        this,
        "nat_gateway_ids",
        this.natGateways.map((n) => n.id),
        "IDs of the NAT gateways, one per Availability Zone",
      );
      addOutput(this, "internet_gateway_id", this.internetGateway!.id, "ID of the internet gateway");
    }
    addNetworkOutputs(this, this);
  }

  get privateSubnetIds(): string[] {
    return this.privateSubnets.map((s) => s.subnetId);
  }

  private subnets(kind: "private" | "public", planned: PlannedSubnet[], namePrefix: string, ipv6: SubnetIpv6 = "none") {
    return planned.map((s, i) => {
      // IPv6 /64 number i of the VPC's Amazon-provided /56, known only after the VPC exists.
      const v6 = ipv6 === "none" ? {} : { ipv6CidrBlock: Fn.cidrsubnet(this.vpc.ipv6CidrBlock, 8, i), assignIpv6AddressOnCreation: true };
      const v6only =
        ipv6 === "ipv6-only"
          ? { ipv6Native: true, enableDns64: true, enableResourceNameDnsAaaaRecordOnLaunch: true }
          : { cidrBlock: s.cidrBlock, mapPublicIpOnLaunch: false };
      return {
        availabilityZone: s.availabilityZone,
        subnet: new Subnet(this, `${kind}_${s.availabilityZone}`, {
          vpcId: this.vpc.id,
          availabilityZone: s.availabilityZone,
          ...v6only,
          ...v6,
          tags: { Name: `${namePrefix}-${kind}-${s.availabilityZone}` },
        }),
      };
    });
  }

  /** `aws_route.<scope>_<table>_to_10_20_0_0_16`: one per extra route, named by its destination (stable as routes are added or removed). */
  private extraRoutes(scope: Construct, tableId: string, table: RouteTable, routes: readonly ExtraRoute[] = []): void {
    for (const r of routes) {
      new Route(scope, `${tableId}_${routeAddressPart(r.destinationCidr)}`, {
        routeTableId: table.id,
        destinationCidrBlock: r.destinationCidr,
        transitGatewayId: r.transitGatewayId,
        vpcPeeringConnectionId: r.vpcPeeringConnectionId,
        gatewayId: r.vpnGatewayId,
      });
    }
    for (const r of routes) this.privateRoutes.push(extraRouteNote(r));
  }

  private associate(subnets: { availabilityZone: string; subnet: Subnet }[], table: (i: number) => RouteTable): void {
    subnets.forEach((s, i) => {
      new RouteTableAssociation(this, `${s.subnet.node.id}_association`, { subnetId: s.subnet.id, routeTableId: table(i).id });
    });
  }
}

function extraRouteNote(r: ExtraRoute): PrivateRoute {
  const destination = r.destinationCidr;
  if (r.transitGatewayId) return { destination, target: "transit-gateway", targetId: r.transitGatewayId };
  if (r.vpcPeeringConnectionId) return { destination, target: "vpc-peering", targetId: r.vpcPeeringConnectionId };
  return { destination, target: "vpn-gateway", targetId: r.vpnGatewayId };
}

function toNetworkSubnet(s: { availabilityZone: string; subnet: Subnet }): NetworkSubnet {
  return { availabilityZone: s.availabilityZone, subnetId: s.subnet.id };
}
