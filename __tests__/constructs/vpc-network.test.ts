import { NetworkAcl, Route, Vpc } from "../../src/cdk/aws";
import { Testing, TerraformStack } from "../../src/cdk/cdktf";
import { ReadableStack } from "../../src/constructs/readable-names";
import { VpcNetwork } from "../../src/constructs/vpc-network";
import { configProblems, mwaaDeployment, net, synthDeployment } from "../support/fixtures";
import { MWAA_P1 } from "../../src/check/rules/mwaa-p1";
import { MWAA_P2 } from "../../src/check/rules/mwaa-p2";
import { MWAA_P3 } from "../../src/check/rules/mwaa-p3";
import { MWAA_P4 } from "../../src/check/rules/mwaa-p4";
import { MWAA_P6 } from "../../src/check/rules/mwaa-p6";
import { MWAA_U2 } from "../../src/check/rules/mwaa-u2";
import { MWAA_U3 } from "../../src/check/rules/mwaa-u3";
import { MWAA_U4 } from "../../src/check/rules/mwaa-u4";
import { MWAA_U5 } from "../../src/check/rules/mwaa-u5";
import { clone, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

const { tf, text } = synthDeployment(mwaaDeployment());
const publicTf = synthDeployment(
  mwaaDeployment({ network: net({ routing: "public", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] }) }),
).tf;

/** The shipped loader's problems for a network (schema and planner), relative to `deployments[0].network`. */
function problemsOf(props: Record<string, unknown>): string[] {
  const at = "`deployments[0].network";
  return configProblems({ network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"], ...props } }).map((m) =>
    m.startsWith(at) ? `\`${m.slice(at.length + 1)}` : m,
  );
}

describe("VpcNetwork", () => {
  describe("subnets and routing", () => {
    test("MWAA-P2: two private subnets in two AZs, no internet gateway, NAT gateway, Elastic IP or route out", () => {
      expect(ruleViolations(MWAA_P2, tf)).toEqual([]);
      const subnets = resourcesOf(tf, "aws_subnet");
      expect(
        Object.fromEntries(Object.entries(subnets).map(([n, s]) => [n, [s.availability_zone, s.cidr_block, s.map_public_ip_on_launch]])),
      ).toEqual({
        network_private_us_east_1a: ["us-east-1a", "10.0.0.0/20", false],
        network_private_us_east_1b: ["us-east-1b", "10.0.16.0/20", false],
      });
      expect(resourcesOf(tf, "aws_route_table").network_private.route).toBeUndefined();
    });

    test("MWAA-P2 (failing case): a route to an internet gateway or a NAT is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_internet_gateway = { igw: { vpc_id: ref("aws_vpc", "network") } };
      broken.resource!.aws_route_table.network_private.route = [{ cidr_block: "0.0.0.0/0", nat_gateway_id: "nat-1" }];
      expect(ruleViolations(MWAA_P2, broken)).toEqual([
        "aws_internet_gateway.igw: aws_internet_gateway in a private-routing network",
        "aws_route_table.network_private: route table with a route to an internet gateway or NAT",
      ]);
    });

    test("MWAA-P2 (failing case): both subnets in one AZ is rejected before synth", () => {
      expect(problemsOf({ availabilityZones: ["us-east-1a", "us-east-1a"] })).toEqual([
        '`availabilityZones` must name different AZs; us-east-1a appears more than once, got: ["us-east-1a","us-east-1a"]',
      ]);
    });

    test("MWAA-P4: one local route table associated with every private subnet, carrying the S3 gateway endpoint", () => {
      expect(ruleViolations(MWAA_P4, tf)).toEqual([]);
      const assoc = resourcesOf(tf, "aws_route_table_association");
      expect(Object.values(assoc).map((a) => [a.subnet_id, a.route_table_id])).toEqual([
        [ref("aws_subnet", "network_private_us_east_1a"), ref("aws_route_table", "network_private")],
        [ref("aws_subnet", "network_private_us_east_1b"), ref("aws_route_table", "network_private")],
      ]);
      expect(resourcesOf(tf, "aws_vpc_endpoint").mwaa_s3.route_table_ids).toEqual([ref("aws_route_table", "network_private")]);
    });

    test("MWAA-P4 (failing case): a subnet without the route table, or the S3 endpoint off it, is a violation", () => {
      const broken = clone(tf);
      delete broken.resource!.aws_route_table_association.network_private_us_east_1b_association;
      broken.resource!.aws_vpc_endpoint.mwaa_s3.route_table_ids = [];
      expect(ruleViolations(MWAA_P4, broken)).toEqual([
        "aws_vpc_endpoint.mwaa_s3: not attached to aws_route_table.network_private",
        "aws_subnet.network_private_us_east_1b: has no route table association: it uses the VPC's main route table, which does not carry the S3 gateway endpoint",
      ]);
    });

    test("explicit subnet CIDRs are used as given, in AZ order", () => {
      const explicit = synthDeployment(
        mwaaDeployment({
          network: net({
            routing: "private",
            cidrBlock: "10.1.0.0/22",
            availabilityZones: ["us-east-1b", "us-east-1a"],
            privateSubnetCidrs: ["10.1.0.0/24", "10.1.1.0/24"],
          }),
        }),
      ).tf;
      const subnets = resourcesOf(explicit, "aws_subnet");
      expect(subnets.network_private_us_east_1b.cidr_block).toBe("10.1.0.0/24");
      expect(subnets.network_private_us_east_1a.cidr_block).toBe("10.1.1.0/24");
    });
  });

  describe("network ACL", () => {
    test("MWAA-P3: rule 100 allows all traffic inbound and outbound on every private subnet (the documented example table)", () => {
      expect(ruleViolations(MWAA_P3, tf)).toEqual([]);
      const rule = { rule_no: 100, action: "allow", protocol: "-1", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 0 };
      expect(text).toHaveResourceWithProperties(NetworkAcl, {
        ingress: [expect.objectContaining(rule)],
        egress: [expect.objectContaining(rule)],
      });
    });

    test("MWAA-P3 (failing case): an outbound deny-all ACL, as the page's prose says, is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_network_acl.network_private_acl.egress = [
        { rule_no: 100, action: "deny", protocol: "-1", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 0 },
      ];
      expect(ruleViolations(MWAA_P3, broken)).toEqual([
        "aws_network_acl.network_private_acl: outbound is not rule 100 allowing all traffic",
      ]);
    });
  });

  describe("VPC", () => {
    test("MWAA-P6: DNS support and DNS hostnames are on (needed by endpoints' private DNS)", () => {
      expect(text).toHaveResourceWithProperties(Vpc, { cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
    });

    test("MWAA-P6 (failing case): DNS hostnames off is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc.network.enable_dns_hostnames = false;
      expect(ruleViolations(MWAA_P6, broken)).toEqual(["aws_vpc.network: DNS hostnames are off"]);
    });

    test("the VPC's default security group is taken over with no rules", () => {
      expect(resourcesOf(tf, "aws_default_security_group").network_default).toEqual({
        vpc_id: ref("aws_vpc", "network"),
        tags: { Name: "test-mwaa-default-deny" },
      });
    });
  });

  describe("public routing", () => {
    test("MWAA-U1: the environment's security group is the same as with private routing", () => {
      expect(ruleViolations(MWAA_P1, publicTf)).toEqual([]);
    });

    test("MWAA-U2: two public subnets in two AZs, routed to the internet gateway", () => {
      expect(ruleViolations(MWAA_U2, publicTf)).toEqual([]);
      expect(resourcesOf(publicTf, "aws_route").network_public_internet).toEqual({
        route_table_id: ref("aws_route_table", "network_public"),
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: ref("aws_internet_gateway", "network"),
      });
      const subnets = resourcesOf(publicTf, "aws_subnet");
      expect([subnets.network_public_us_east_1a.cidr_block, subnets.network_public_us_east_1b.cidr_block]).toEqual([
        "10.0.128.0/20",
        "10.0.144.0/20",
      ]);
      expect(subnets.network_public_us_east_1a.map_public_ip_on_launch).toBe(false);
    });

    test("MWAA-U2 (failing case): without the internet route there are no public subnets", () => {
      const broken = clone(publicTf);
      delete broken.resource!.aws_route.network_public_internet;
      expect(ruleViolations(MWAA_U2, broken)).toEqual(["-: public subnets (routed to an internet gateway) span 0 AZ(s), need 2"]);
    });

    test("MWAA-U3: each private subnet routes 0.0.0.0/0 to the NAT gateway in its own AZ", () => {
      expect(ruleViolations(MWAA_U3, publicTf)).toEqual([]);
      expect(resourcesOf(publicTf, "aws_route").network_private_us_east_1b_nat).toEqual({
        route_table_id: ref("aws_route_table", "network_private_us_east_1b"),
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: ref("aws_nat_gateway", "network_nat_us_east_1b"),
      });
      expect(ruleViolations(MWAA_P2, publicTf)).toContain(
        "aws_nat_gateway.network_nat_us_east_1a: aws_nat_gateway in a private-routing network",
      ); // and so it is not a private-routing network
    });

    test("MWAA-U3 (failing case): a private subnet routed to the other AZ's NAT gateway is a violation", () => {
      const broken = clone(publicTf);
      broken.resource!.aws_route.network_private_us_east_1b_nat.nat_gateway_id = ref("aws_nat_gateway", "network_nat_us_east_1a");
      expect(ruleViolations(MWAA_U3, broken)).toEqual([
        "aws_subnet.network_private_us_east_1b: routes to the NAT gateway in us-east-1a, not in its own AZ",
      ]);
    });

    test("MWAA-U4: a NAT gateway with its own Elastic IP in each public subnet", () => {
      expect(ruleViolations(MWAA_U4, publicTf)).toEqual([]);
      expect(resourcesOf(publicTf, "aws_nat_gateway").network_nat_us_east_1a).toMatchObject({
        allocation_id: ref("aws_eip", "network_nat_us_east_1a", "allocation_id"),
        subnet_id: ref("aws_subnet", "network_public_us_east_1a"),
        connectivity_type: "public",
      });
      expect(resourcesOf(publicTf, "aws_eip").network_nat_us_east_1a.domain).toBe("vpc");
    });

    test("MWAA-U4 (failing case): two NAT gateways sharing one Elastic IP is a violation", () => {
      const broken = clone(publicTf);
      broken.resource!.aws_nat_gateway.network_nat_us_east_1b.allocation_id = ref("aws_eip", "network_nat_us_east_1a", "allocation_id");
      expect(ruleViolations(MWAA_U4, broken)).toEqual([
        "aws_nat_gateway.network_nat_us_east_1a: shares its Elastic IP with another NAT gateway",
        "aws_nat_gateway.network_nat_us_east_1b: shares its Elastic IP with another NAT gateway",
      ]);
    });

    test("MWAA-U5: one internet gateway attached to the VPC", () => {
      expect(ruleViolations(MWAA_U5, publicTf)).toEqual([]);
      const broken = clone(publicTf);
      broken.resource!.aws_internet_gateway.second = { vpc_id: ref("aws_vpc", "network") };
      expect(ruleViolations(MWAA_U5, broken)).toEqual(["-: 2 internet gateways, need 1"]);
    });

    test("MWAA-U6: network ACLs allow all traffic in and out on every subnet, public and private", () => {
      expect(ruleViolations(MWAA_P3, publicTf)).toEqual([]);
      expect(Object.keys(resourcesOf(publicTf, "aws_network_acl"))).toEqual(["network_private_acl", "network_public_acl"]);
      const broken = clone(publicTf);
      broken.resource!.aws_network_acl.network_public_acl.ingress = [];
      expect(ruleViolations(MWAA_P3, broken)).toEqual(["aws_network_acl.network_public_acl: inbound is not rule 100 allowing all traffic"]);
    });

    test("public routing keeps the private-routing addresses of the VPC and its private subnets", () => {
      for (const a of [
        "aws_vpc.network",
        "aws_subnet.network_private_us_east_1a",
        "aws_network_acl.network_private_acl",
        "aws_default_security_group.network_default",
      ]) {
        const [type, name] = a.split(".");
        expect(resourcesOf(publicTf, type)[name]).toBeDefined();
      }
    });
  });

  describe("props validation", () => {
    test.each<[Record<string, unknown>, string[]]>([
      [{ cidrBlock: "10.0.0.0/33" }, ['`cidrBlock` must be an IPv4 CIDR block such as 10.0.0.0/16, got: "10.0.0.0/33"']],
      [
        { cidrBlock: "10.0.0.1/16" },
        ['`cidrBlock` must be the network address of its block (host bits zero), e.g. 10.0.0.0/16, got: "10.0.0.1/16"'],
      ],
      [{ cidrBlock: "10.0.0.0/8" }, ['`cidrBlock` must have a prefix length from /16 to /28 (AWS VPC limits), got: "10.0.0.0/8"']],
      [
        { cidrBlock: "10.0.0.0/26" },
        ['`cidrBlock` is too small to carve subnets from (at most /24); give privateSubnetCidrs explicitly, got: "10.0.0.0/26"'],
      ],
      [
        { availabilityZones: ["us-east-1a"] },
        [
          '`availabilityZones` must name 2 to 6 different AZs (MWAA and highly available endpoints need at least 2); set allowSingleAz: true for a single-AZ, non-production network, got: ["us-east-1a"]',
        ],
      ],
      [
        { availabilityZones: ["us-east-1a", "us-west-2b"] },
        [
          '`availabilityZones[1]` must be an Availability Zone of the deployment\'s Region us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f), got: "us-west-2b"',
        ],
      ],
      [
        { privateSubnetCidrs: ["10.0.0.0/24"] },
        ['`privateSubnetCidrs` must give one CIDR block per Availability Zone (2), got: ["10.0.0.0/24"]'],
      ],
      [
        { privateSubnetCidrs: ["10.0.0.0/24", "10.1.0.0/24"] },
        ['`privateSubnetCidrs[1]` must lie inside the VPC CIDR block 10.0.0.0/16, got: "10.1.0.0/24"'],
      ],
      [
        { privateSubnetCidrs: ["10.0.0.0/23", "10.0.1.0/24"] },
        ['`privateSubnetCidrs[1]` must not overlap privateSubnetCidrs[0] (10.0.0.0/23), got: "10.0.1.0/24"'],
      ],
      [
        { privateSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/29"] },
        ['`privateSubnetCidrs[1]` must be /28 or larger (AWS subnet limit), got: "10.0.1.0/29"'],
      ],
      [
        { publicSubnetCidrs: ["10.0.128.0/20", "10.0.144.0/20"] },
        [
          '`publicSubnetCidrs` is only for routing "public"; a private-routing network has no public subnets, got: ["10.0.128.0/20","10.0.144.0/20"]',
        ],
      ],
      [
        { routing: "public", privateSubnetCidrs: ["10.0.128.0/24", "10.0.1.0/24"] },
        ['`privateSubnetCidrs[0]` must not overlap the carved public subnet for us-east-1a (10.0.128.0/20), got: "10.0.128.0/24"'],
      ],
      [
        { routing: "public", publicSubnetCidrs: ["10.0.0.0/24", "10.0.200.0/24"] },
        ['`publicSubnetCidrs[0]` must not overlap the carved private subnet for us-east-1a (10.0.0.0/20), got: "10.0.0.0/24"'],
      ],
    ])("rejects %j", (props, messages) => {
      expect(problemsOf(props)).toEqual(messages);
    });

    test("accepts 6 AZs and carves 6 distinct /20 blocks", () => {
      const azs = ["a", "b", "c", "d", "e", "f"].map((l) => `us-east-1${l}`);
      const stack = new TerraformStack(Testing.app(), "s");
      new VpcNetwork(stack, "network", { region: "us-east-1", namePrefix: "t", cidrBlock: "10.0.0.0/16", availabilityZones: azs });
      const cidrs = Object.values(resourcesOf(JSON.parse(Testing.synth(stack)), "aws_subnet")).map((s) => s.cidr_block);
      expect(cidrs).toEqual(["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20", "10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"]);
      expect(problemsOf({ availabilityZones: [...azs, "us-east-1g"] })).toHaveLength(1);
    });
  });

  describe("extra routes (network.extraRoutes)", () => {
    const extraRoutes = [
      { destinationCidr: "10.20.0.0/16", transitGatewayId: "tgw-0a1b2c3d4e5f67890" },
      { destinationCidr: "10.30.0.0/16", vpcPeeringConnectionId: "pcx-0a1b2c3d" },
      { destinationCidr: "192.168.0.0/16", vpnGatewayId: "vgw-0a1b2c3d4e5f67890" },
    ];
    function synthVpc(routing: "private" | "public"): string {
      // ReadableStack: the addresses users get (a plain TerraformStack adds hashes).
      const stack = new ReadableStack(Testing.app(), "s");
      new VpcNetwork(stack, "network", {
        region: "us-east-1",
        namePrefix: "t",
        cidrBlock: "10.0.0.0/16",
        availabilityZones: ["us-east-1a", "us-east-1b"],
        routing,
        extraRoutes,
      });
      return Testing.synth(stack);
    }

    test("private routing: one route per destination on the private route table, named by its destination", () => {
      const text = synthVpc("private");
      expect(text).toHaveResourceWithProperties(Route, {
        route_table_id: "${aws_route_table.network_private.id}",
        destination_cidr_block: "10.20.0.0/16",
        transit_gateway_id: "tgw-0a1b2c3d4e5f67890",
      });
      expect(text).toHaveResourceWithProperties(Route, {
        route_table_id: "${aws_route_table.network_private.id}",
        destination_cidr_block: "10.30.0.0/16",
        vpc_peering_connection_id: "pcx-0a1b2c3d",
      });
      // A virtual private gateway is a route's gateway_id, as an internet gateway would be.
      expect(text).toHaveResourceWithProperties(Route, {
        route_table_id: "${aws_route_table.network_private.id}",
        destination_cidr_block: "192.168.0.0/16",
        gateway_id: "vgw-0a1b2c3d4e5f67890",
      });
      expect(Object.keys(resourcesOf(JSON.parse(text), "aws_route"))).toEqual([
        "network_private_to_10_20_0_0_16",
        "network_private_to_10_30_0_0_16",
        "network_private_to_192_168_0_0_16",
      ]);
    });

    test("public routing: the same routes on each AZ's private route table, beside its NAT route", () => {
      const routes = resourcesOf(JSON.parse(synthVpc("public")), "aws_route");
      expect(Object.keys(routes).filter((k) => k.includes("_to_"))).toEqual(
        [
          "network_private_us-east-1a_to_10_20_0_0_16",
          "network_private_us-east-1a_to_10_30_0_0_16",
          "network_private_us-east-1a_to_192_168_0_0_16",
          "network_private_us-east-1b_to_10_20_0_0_16",
          "network_private_us-east-1b_to_10_30_0_0_16",
          "network_private_us-east-1b_to_192_168_0_0_16",
        ].map((k) => k.replace(/us-east-1([ab])/, "us_east_1$1")),
      );
    });

    test("the output private_route_table_ids says every route the tables hold, by target, and never a NAT that is not there", () => {
      const description = (routing: "private" | "public") => JSON.parse(synthVpc(routing)).output.private_route_table_ids.description;
      expect(description("private")).toBe(
        "IDs of the private route tables: the VPC-local route, 10.20.0.0/16 to Transit Gateway tgw-0a1b2c3d4e5f67890, 10.30.0.0/16 to VPC peering connection pcx-0a1b2c3d, 192.168.0.0/16 to virtual private gateway (VPN) vgw-0a1b2c3d4e5f67890; no route to a NAT or internet gateway",
      );
      expect(description("public")).toBe(
        "IDs of the private route tables, one per AZ: the VPC-local route, 0.0.0.0/0 to NAT gateway, 10.20.0.0/16 to Transit Gateway tgw-0a1b2c3d4e5f67890, 10.30.0.0/16 to VPC peering connection pcx-0a1b2c3d, 192.168.0.0/16 to virtual private gateway (VPN) vgw-0a1b2c3d4e5f67890 (each table its own AZ's NAT gateway)",
      );
      const bare = new ReadableStack(Testing.app(), "s");
      new VpcNetwork(bare, "network", {
        region: "us-east-1",
        namePrefix: "t",
        cidrBlock: "10.0.0.0/16",
        availabilityZones: ["us-east-1a", "us-east-1b"],
      });
      expect(JSON.parse(Testing.synth(bare)).output.private_route_table_ids.description).toBe(
        "IDs of the private route tables: the VPC-local route only; no route to a NAT or internet gateway",
      );
    });

    test("a route another construct adds later (the MWAA network's S3 gateway endpoint) is in the description: it is read at synth", () => {
      const { tf } = synthDeployment(mwaaDeployment());
      expect(tf.output!.private_route_table_ids.description).toBe(
        "IDs of the private route tables: the VPC-local route, s3 prefix list to gateway endpoint; no route to a NAT or internet gateway",
      );
    });

    test("MWAA-P2 holds with routes to a Transit Gateway, a peering connection and a virtual private gateway", () => {
      const withRoutes = synthDeployment(mwaaDeployment({ network: net({ extraRoutes }) })).tf;
      expect(Object.keys(resourcesOf(withRoutes, "aws_route"))).toHaveLength(3);
      expect(ruleViolations(MWAA_P2, withRoutes)).toEqual([]);
    });

    test("MWAA-P2 (failing case): the same route to an internet gateway, or inline to a NAT, is a violation", () => {
      const broken = clone(synthDeployment(mwaaDeployment({ network: net({ extraRoutes }) })).tf);
      broken.resource!.aws_route.network_private_to_192_168_0_0_16.gateway_id = "igw-0a1b2c3d";
      broken.resource!.aws_route.network_private_to_10_20_0_0_16.gateway_id = ref("aws_internet_gateway", "main");
      broken.resource!.aws_route_table.network_private.route = [
        { cidr_block: "10.40.0.0/16", transit_gateway_id: "tgw-0a1b2c3d4e5f67890" },
        { cidr_block: "10.50.0.0/16", nat_gateway_id: "nat-0a1b2c3d" },
      ];
      expect(ruleViolations(MWAA_P2, broken)).toEqual([
        "aws_route.network_private_to_10_20_0_0_16: route to an internet gateway or NAT",
        "aws_route.network_private_to_192_168_0_0_16: route to an internet gateway or NAT",
        "aws_route_table.network_private: route table with a route to an internet gateway or NAT",
      ]);
    });

    test.each<[Record<string, unknown>[], string[]]>([
      [
        [{ destinationCidr: "10.20.0.0/16" }],
        [
          '`extraRoutes[0]` must name exactly one target: transitGatewayId, vpcPeeringConnectionId or vpnGatewayId, got: {"destinationCidr":"10.20.0.0/16"}',
        ],
      ],
      [
        [{ destinationCidr: "10.20.0.0/16", transitGatewayId: "tgw-0a1b2c3d4e5f67890", vpcPeeringConnectionId: "pcx-0a1b2c3d" }],
        [
          '`extraRoutes[0]` must name exactly one target: transitGatewayId, vpcPeeringConnectionId or vpnGatewayId, got: {"destinationCidr":"10.20.0.0/16","transitGatewayId":"tgw-0a1b2c3d4e5f67890","vpcPeeringConnectio...',
        ],
      ],
      [
        [{ destinationCidr: "10.20.0.0/16", transitGatewayId: "igw-0a1b2c3d" }],
        ['`extraRoutes[0].transitGatewayId` must be a Transit Gateway ID (tgw- and 8 or 17 hex digits), got: "igw-0a1b2c3d"'],
      ],
      [
        [{ destinationCidr: "10.20.0.0/16", vpnGatewayId: "nat-0a1b2c3d" }],
        ['`extraRoutes[0].vpnGatewayId` must be a virtual private gateway ID (vgw- and 8 or 17 hex digits), got: "nat-0a1b2c3d"'],
      ],
      [
        [{ destinationCidr: "0.0.0.0/0", transitGatewayId: "tgw-0a1b2c3d4e5f67890" }],
        [
          '`extraRoutes[0].destinationCidr` must not be a default route: it would send all traffic no endpoint answers to the target (often a central internet egress); list the networks you reach, got: "0.0.0.0/0"',
        ],
      ],
      [
        [{ destinationCidr: "10.0.128.0/17", vpcPeeringConnectionId: "pcx-0a1b2c3d" }],
        ['`extraRoutes[0].destinationCidr` must be outside the VPC\'s block 10.0.0.0/16: the local route covers it, got: "10.0.128.0/17"'],
      ],
      [
        [
          { destinationCidr: "10.20.0.0/16", vpcPeeringConnectionId: "pcx-0a1b2c3d" },
          { destinationCidr: "10.20.0.0/16", transitGatewayId: "tgw-0a1b2c3d4e5f67890" },
        ],
        ['`extraRoutes[1].destinationCidr` must not repeat a destination (one route per destination), got: "10.20.0.0/16"'],
      ],
      [
        [{ destinationCidr: "10.20.0.0/16", internetGatewayId: "igw-0a1b2c3d" }],
        ['`extraRoutes[0].internetGatewayId` is not a known key (see docs/configuration.md), got: "igw-0a1b2c3d"'],
      ],
    ])("refuses %j", (routes, messages) => {
      expect(problemsOf({ extraRoutes: routes })).toEqual(messages);
    });

    test("at most 40 extra routes", () => {
      const routes = Array.from({ length: 41 }, (_, i) => ({
        destinationCidr: `10.${100 + i}.0.0/16`,
        transitGatewayId: "tgw-0a1b2c3d4e5f67890",
      }));
      expect(problemsOf({ extraRoutes: routes }).map((m) => m.slice(0, 60))).toEqual([
        "`extraRoutes` must list at most 40 routes (a route table hol",
      ]);
    });
  });
});
