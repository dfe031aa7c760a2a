import { LAT_2 } from "../../src/check/rules/lat-2";
import { checkResourceConfiguration } from "../../src/plan/lattice";
import { existingNet, latticeOwner, planOf, synthDeployment } from "../support/fixtures";
import { clone, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

type Rc = NonNullable<ReturnType<typeof latticeOwner>["lattice"]>["resourceConfigurations"][number];
const rc = (over: Partial<Rc>): Rc => ({
  name: "rc-service1",
  portRanges: ["443"],
  allowAssociationToShareableServiceNetwork: true,
  ...over,
});
const synthRc = (c: Rc) => synthDeployment(latticeOwner({ resourceConfigurations: [c], share: undefined })).tf;

const tf = synthDeployment(latticeOwner()).tf;
const gatewaySg = ref("aws_security_group", "lattice_gateway");

describe("ResourceConfiguration", () => {
  describe("LAT-2: one resource, its port ranges, TCP", () => {
    test("a DNS resource is type SINGLE on the gateway, TCP, with the shared port ranges", () => {
      expect(resourcesOf(tf, "aws_vpclattice_resource_configuration").lattice_rc_service1).toEqual({
        name: "rc-service1",
        type: "SINGLE",
        protocol: "TCP",
        port_ranges: ["80", "443"],
        resource_gateway_identifier: ref("aws_vpclattice_resource_gateway", "lattice_gateway"),
        allow_association_to_shareable_service_network: true,
        resource_configuration_definition: [{ dns_resource: [{ domain_name: "service1.example.com", ip_address_type: "IPV4" }] }],
        tags: { Name: "rc-service1" },
      });
    });

    test("with the target's security group known (in an existing VPC), it admits the gateway's group on each port range (and nothing else)", () => {
      const inExisting = latticeOwner(
        {
          resourceConfigurations: [
            { ...rc({ dnsName: "service1.example.com", portRanges: ["80", "443"] }), targetSecurityGroupId: "sg-0b1c2d3e4f5a67890" },
          ],
        },
        {
          network: undefined,
          existingNetwork: existingNet(),
        },
      );
      const ingress = resourcesOf(synthDeployment(inExisting).tf, "aws_vpc_security_group_ingress_rule");
      expect(Object.keys(ingress).sort()).toEqual(["lattice_rc_service1_target_ingress_443", "lattice_rc_service1_target_ingress_80"]);
      expect(ingress.lattice_rc_service1_target_ingress_443).toMatchObject({
        security_group_id: "sg-0b1c2d3e4f5a67890",
        referenced_security_group_id: gatewaySg,
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
      });
    });

    test("a target group cannot be reached from a VPC the deployment creates; a target CIDR outside it is written with a warning", () => {
      expect(
        checkResourceConfiguration(
          { ...rc({ dnsName: "service1.example.com" }), targetSecurityGroupId: "sg-0b1c2d3e4f5a67890" },
          { vpcCidrBlock: "10.0.0.0/16", newVpc: true },
        ).map((p) => `\`${p.path}\` ${p.rule}`),
      ).toEqual([
        "`targetSecurityGroupId` cannot be a target from the VPC this deployment creates: an existing group is in another VPC, and a rule referencing a group in another VPC needs an active VPC peering connection, which is not configured here; give a CIDR instead",
      ]);
      const outside = planOf(
        latticeOwner({
          resourceConfigurations: [{ ...rc({ dnsName: "service1.example.com" }), targetCidr: "10.99.0.0/24" }],
          share: undefined,
        }),
      );
      expect(outside.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
        "lattice.resourceConfigurations[0].targetCidr: 10.99.0.0/24 (the target of rc-service1) is outside the VPC (10.0.0.0/16) and its private route tables have only the VPC-local route: the security group allows the traffic but nothing routes it; add a route to 10.99.0.0/24 (VPC peering, Transit Gateway or VPN) to network.extraRoutes",
      ]);
    });

    test("without a target group the gateway's outbound rules go to the VPC's block; a range becomes from-to; a group is made for the resource, admitting the range from the gateway's group", () => {
      const t = synthRc(rc({ ipAddress: "10.0.3.10", portRanges: ["8000-8100"] }));
      expect(resourcesOf(t, "aws_vpclattice_resource_configuration").lattice_rc_service1.resource_configuration_definition).toEqual([
        { ip_resource: [{ ip_address: "10.0.3.10" }] },
      ]);
      expect(resourcesOf(t, "aws_vpc_security_group_egress_rule")).toEqual({
        lattice_rc_service1_egress_8000_8100: {
          security_group_id: gatewaySg,
          ip_protocol: "tcp",
          from_port: 8000,
          to_port: 8100,
          cidr_ipv4: "10.0.0.0/16",
          description: "To resource rc-service1, TCP 8000-8100",
        },
      });
      expect(resourcesOf(t, "aws_security_group").lattice_rc_service1_target).toEqual({
        name: "owner-lattice-rc-service1-target",
        description: "For the resource behind VPC Lattice resource configuration rc-service1: its ports from the resource gateway",
        vpc_id: ref("aws_vpc", "network"),
        tags: { Name: "owner-lattice-rc-service1-target" },
      });
      expect(resourcesOf(t, "aws_vpc_security_group_ingress_rule")).toEqual({
        lattice_rc_service1_target_ingress_8000_8100: {
          security_group_id: ref("aws_security_group", "lattice_rc_service1_target"),
          referenced_security_group_id: gatewaySg,
          ip_protocol: "tcp",
          from_port: 8000,
          to_port: 8100,
          description: "From VPC Lattice resource gateway (resource configuration rc-service1)",
        },
      });
      expect((t.output as Record<string, { value: unknown }>).lattice_target_security_group_ids.value).toEqual({
        "rc-service1": ref("aws_security_group", "lattice_rc_service1_target"),
      });
    });

    test("a target CIDR outside the VPC gets no group made for it (a group here cannot be its resource's)", () => {
      const t = synthRc(rc({ dnsName: "service1.example.com", targetCidr: "10.99.0.0/24" }));
      expect(resourcesOf(t, "aws_security_group").lattice_rc_service1_target).toBeUndefined();
      expect(resourcesOf(t, "aws_vpc_security_group_ingress_rule")).toEqual({});
    });

    test("an ARN resource is type ARN without port ranges (AWS takes them from the resource); the ports open the gateway's group", () => {
      const arn = "arn:aws:rds:us-east-1:111122223333:cluster:orders";
      const t = synthRc(rc({ arn, portRanges: ["5432"], targetCidr: "10.0.4.0/24" }));
      const c = resourcesOf(t, "aws_vpclattice_resource_configuration").lattice_rc_service1;
      expect(c).toMatchObject({ type: "ARN", resource_configuration_definition: [{ arn_resource: [{ arn }] }] });
      expect(c.port_ranges).toBeUndefined();
      expect(c.protocol).toBeUndefined();
      expect(resourcesOf(t, "aws_vpc_security_group_egress_rule").lattice_rc_service1_egress_5432).toMatchObject({
        cidr_ipv4: "10.0.4.0/24",
        from_port: 5432,
      });
      expect(ruleViolations(LAT_2, t)).toEqual([]);
    });

    test("the checker's LAT-2 passes the generated configuration and fails a broken one", () => {
      expect(ruleViolations(LAT_2, tf)).toEqual([]);
      const broken = clone(tf);
      const c = broken.resource!.aws_vpclattice_resource_configuration.lattice_rc_service1;
      c.port_ranges = ["0-70000"];
      c.protocol = "UDP";
      c.resource_configuration_definition[0].ip_resource = [{ ip_address: "10.0.0.1" }];
      expect(ruleViolations(LAT_2, broken)).toEqual([
        "aws_vpclattice_resource_configuration.lattice_rc_service1: names its resource 2 ways, need exactly 1",
        'aws_vpclattice_resource_configuration.lattice_rc_service1: port range "0-70000" is not a port or a low-high range within 1-65535',
        "aws_vpclattice_resource_configuration.lattice_rc_service1: protocol UDP, expected TCP",
      ]);
      c.port_ranges = [];
      c.type = "GROUP";
      delete c.resource_configuration_definition[0].ip_resource;
      expect(ruleViolations(LAT_2, broken)).toEqual([
        "aws_vpclattice_resource_configuration.lattice_rc_service1: type GROUP, expected SINGLE",
        "aws_vpclattice_resource_configuration.lattice_rc_service1: has no port ranges",
        "aws_vpclattice_resource_configuration.lattice_rc_service1: protocol UDP, expected TCP",
      ]);
    });

    test.each<[string, Partial<Rc> & { vpcCidrBlock?: string }, string[]]>([
      [
        "a resource named two ways",
        { dnsName: "a.example.com", ipAddress: "10.0.0.5" },
        [
          '(config): must name its resource exactly one way: dnsName, ipAddress or arn (LAT-2), got {"dnsName":"a.example.com","ipAddress":"10.0.0.5"}',
        ],
      ],
      ["a resource named no way", {}, ["(config): must name its resource exactly one way: dnsName, ipAddress or arn (LAT-2), got {}"]],
      [
        "empty port ranges",
        { dnsName: "a.example.com", portRanges: [] },
        ['portRanges: must list at least one port or range, e.g. ["443"] (LAT-2), got []'],
      ],
      [
        "a port out of range and a reversed range",
        { dnsName: "a.example.com", portRanges: ["0", "90-80"] },
        ['portRanges[0]: must be within 1 to 65535, got "0"', 'portRanges[1]: must go from the lower port to the higher, got "90-80"'],
      ],
      [
        "a port that is not a number",
        { dnsName: "a.example.com", portRanges: ["https"] },
        ['portRanges[0]: must be a port ("443") or a range ("8000-8100"), got "https"'],
      ],
      [
        "a single-label DNS name",
        { dnsName: "service1" },
        ['dnsName: must be a fully qualified, publicly resolvable domain name such as service1.example.com, got "service1"'],
      ],
      ["a malformed IP address", { ipAddress: "10.0.0.300" }, ['ipAddress: must be an IPv4 or IPv6 address in the VPC, got "10.0.0.300"']],
      ["a non-ARN", { arn: "orders-db" }, ['arn: must be an ARN of the aws partition (arn:aws:…), got "orders-db"']],
      [
        "both a target group and a CIDR",
        { dnsName: "a.example.com", targetSecurityGroupId: "sg-0a1b2c3d", targetCidr: "10.0.4.0/24" },
        ['targetCidr: must be left out with targetSecurityGroupId: the gateway\'s rules go to the group, got "10.0.4.0/24"'],
      ],
      [
        "no destination for the gateway's rules",
        { dnsName: "a.example.com", vpcCidrBlock: undefined },
        [
          "targetCidr: is required when neither targetSecurityGroupId nor the VPC's cidrBlock is known: the gateway's outbound rules need a destination, got undefined",
        ],
      ],
    ])("rejects %s", (_label, over, expected) => {
      const props = { name: "rc-service1", portRanges: ["443"], vpcCidrBlock: "10.0.0.0/16", ...over };
      expect(
        checkResourceConfiguration(
          { allowAssociationToShareableServiceNetwork: true, ...props },
          { vpcCidrBlock: props.vpcCidrBlock, newVpc: false },
        ).map((p) => `${p.path || "(config)"}: ${p.rule}, got ${JSON.stringify(p.value)}`),
      ).toEqual(expected);
    });
  });
});
