import { LAT_1 } from "../../src/check/rules/lat-1";
import { LAT_7 } from "../../src/check/rules/lat-7";
import { SEC_NO_INGRESS_FROM_ANYWHERE } from "../../src/check/rules/sec-no-ingress-from-anywhere";
import { modelFromTerraformJson } from "../../src/check/model";
import { checkResourceGateway } from "../../src/plan/lattice";
import { latticeOwner, net, synthDeployment } from "../support/fixtures";
import { clone, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

const owner = synthDeployment(latticeOwner());
const tf = owner.tf;
const gateway = resourcesOf(tf, "aws_vpclattice_resource_gateway").lattice_gateway;
const gatewaySg = ref("aws_security_group", "lattice_gateway");

describe("ResourceGateway", () => {
  describe("LAT-1: placement, security groups, address type", () => {
    test("sits in every private subnet of the owner's VPC with its own security group first", () => {
      expect(gateway).toMatchObject({
        name: "main-rg",
        vpc_id: ref("aws_vpc", "network"),
        subnet_ids: [ref("aws_subnet", "network_private_us_east_1a"), ref("aws_subnet", "network_private_us_east_1b")],
        security_group_ids: [gatewaySg],
        ip_address_type: "IPV4",
      });
    });

    test("its security group has no inbound rule; its outbound rules go to the resources only", () => {
      expect(
        Object.values(resourcesOf(tf, "aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id === gatewaySg),
      ).toEqual([]);
      const egress = Object.values(resourcesOf(tf, "aws_vpc_security_group_egress_rule")).filter((r) => r.security_group_id === gatewaySg);
      expect(egress.map((r) => [r.from_port, r.to_port, r.cidr_ipv4 ?? r.referenced_security_group_id])).toEqual([
        [443, 443, "10.0.0.0/20"],
        [80, 80, "10.0.0.0/20"],
      ]);
    });

    test("extra security groups follow the gateway's own; a dualstack network gives a DUALSTACK gateway", () => {
      const d = latticeOwner(
        { resourceGateway: { name: "main-rg", securityGroupIds: ["sg-0a1b2c3d"], eventBridgeRules: false } },
        { network: net({ ipv6: "dualstack" }) },
      );
      const g = resourcesOf(synthDeployment(d).tf, "aws_vpclattice_resource_gateway").lattice_gateway;
      expect(g.security_group_ids).toEqual([gatewaySg, "sg-0a1b2c3d"]);
      expect(g.ip_address_type).toBe("DUALSTACK");
    });

    test("the checker's LAT-1 passes the generated gateway and fails one with six groups and no address type", () => {
      expect(ruleViolations(LAT_1, tf)).toEqual([]);
      const broken = clone(tf);
      const g = broken.resource!.aws_vpclattice_resource_gateway.lattice_gateway;
      g.security_group_ids = ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"];
      delete g.ip_address_type;
      expect(ruleViolations(LAT_1, broken)).toEqual([
        "aws_vpclattice_resource_gateway.lattice_gateway: names 6 security groups, need 1 to 5",
        "aws_vpclattice_resource_gateway.lattice_gateway: has no ip_address_type",
      ]);
    });

    test.each<
      [
        string,
        {
          name: string;
          network: { subnetIpAddressType: "ipv4" | "dualstack" | "ipv6" };
          ipAddressType?: "IPV4" | "IPV6" | "DUALSTACK";
          securityGroupIds?: string[];
        },
        string[],
      ]
    >([
      [
        "an upper-case name",
        { name: "Main_RG", network: { subnetIpAddressType: "ipv4" } },
        ['name: must be 3-40 characters of a-z, 0-9 and - (VPC Lattice resource gateway name; "M" "_" "R" "G" not allowed), got "Main_RG"'],
      ],
      [
        "five extra groups (six in all)",
        {
          name: "rg",
          network: { subnetIpAddressType: "ipv4" },
          securityGroupIds: ["sg-0a000001", "sg-0a000002", "sg-0a000003", "sg-0a000004", "sg-0a000005"],
        },
        [
          'name: must be 3-40 characters of a-z, 0-9 and - (VPC Lattice resource gateway name; has 2), got "rg"',
          'securityGroupIds: must name at most 4 security groups: with the gateway\'s own group that makes the limit of 5 (LAT-1), 6 in all, got ["sg-0a000001","sg-0a000002","sg-0a000003","sg-0a000004","sg-0a000005"]',
        ],
      ],
      [
        "a group listed twice",
        { name: "main-rg", network: { subnetIpAddressType: "ipv4" }, securityGroupIds: ["sg-0a000001", "sg-0a000001"] },
        ['securityGroupIds[1]: must be listed once, got "sg-0a000001"'],
      ],
      [
        "not a group ID",
        { name: "main-rg", network: { subnetIpAddressType: "ipv4" }, securityGroupIds: ["web"] },
        ['securityGroupIds[0]: must be a security group ID (sg- and 8 or 17 hex digits), got "web"'],
      ],
      [
        "DUALSTACK on IPv4-only subnets",
        { name: "main-rg", network: { subnetIpAddressType: "ipv4" }, ipAddressType: "DUALSTACK" },
        ['ipAddressType: must fit the subnets (ipv4): IPV4 needs IPv4 in every subnet, IPV6 IPv6, DUALSTACK both (LAT-1), got "DUALSTACK"'],
      ],
      [
        "IPV4 on IPv6-only subnets",
        { name: "main-rg", network: { subnetIpAddressType: "ipv6" }, ipAddressType: "IPV4" },
        ['ipAddressType: must fit the subnets (ipv6): IPV4 needs IPv4 in every subnet, IPV6 IPv6, DUALSTACK both (LAT-1), got "IPV4"'],
      ],
    ])("rejects %s", (_label, props, expected) => {
      expect(
        checkResourceGateway({ ...props, securityGroupIds: props.securityGroupIds ?? [], eventBridgeRules: false }, props.network).map(
          (p) => `${p.path}: ${p.rule}, got ${JSON.stringify(p.value)}`,
        ),
      ).toEqual(expected);
    });
  });

  describe("LAT-7: launch Regions", () => {
    test("a launch Region gives no warning; another Region warns at synth and in the checker", () => {
      expect(owner.stack.warnings).toEqual([]);
      expect(LAT_7.check(modelFromTerraformJson([tf as Record<string, unknown>], "t", "json"))).toEqual([]);
      const zurich = synthDeployment(
        latticeOwner({}, { region: "eu-central-2", network: net({ availabilityZones: ["eu-central-2a", "eu-central-2b"] }) }),
      );
      expect(zurich.stack.warnings.map((w) => w.message)).toEqual([
        expect.stringMatching(
          /^VPC Lattice resource sharing in owner in eu-central-2: resource gateways and resource configurations launched in 21 Regions \(us-east-1, .*sa-east-1\), not this one; check the current list before applying \(LAT-7\)$/,
        ),
      ]);
      const findings = LAT_7.check(modelFromTerraformJson([zurich.tf as Record<string, unknown>], "t", "json"));
      expect(findings.map((f) => `${f.status} ${f.address}`)).toEqual([
        "fail aws_vpclattice_resource_configuration.lattice_rc_service1",
        "fail aws_vpclattice_resource_gateway.lattice_gateway",
      ]);
      expect(LAT_7.severity).toBe("warning");
    });
  });

  describe("eventBridgeRules: what EventBridge asks of a provider's gateway, as an accepted SEC-1 deviation", () => {
    const withRules = (ipv6?: "dualstack") =>
      synthDeployment(
        latticeOwner(
          { resourceGateway: { name: "main-rg", securityGroupIds: [], eventBridgeRules: true } },
          ipv6 ? { network: net({ ipv6 }) } : {},
        ),
      ).tf;

    test("IPv4: all TCP from 0.0.0.0/0 on the gateway's group, and SEC-1 accepted with the sources named", () => {
      const t = withRules();
      expect(resourcesOf(t, "aws_vpc_security_group_ingress_rule").lattice_gateway_ingress_all_tcp_ipv4).toEqual({
        security_group_id: gatewaySg,
        ip_protocol: "tcp",
        from_port: 0,
        to_port: 65535,
        cidr_ipv4: "0.0.0.0/0",
        description: "All TCP, as EventBridge asks of a resource gateway (accepted SEC-1 deviation)",
      });
      expect(resourcesOf(t, "aws_vpc_security_group_ingress_rule").lattice_gateway_ingress_all_tcp_ipv6).toBeUndefined();
      const accepted = (t.output as Record<string, { value: Record<string, string> }>).private_routing_accepted.value;
      // Accepted for that rule's address only: any other rule from anywhere still fails.
      expect(Object.keys(accepted)).toEqual(["SEC-1 aws_vpc_security_group_ingress_rule.lattice_gateway_ingress_all_tcp_ipv4"]);
      expect(accepted["SEC-1 aws_vpc_security_group_ingress_rule.lattice_gateway_ingress_all_tcp_ipv4"]).toMatch(
        /^lattice\.resourceGateway\.eventBridgeRules: the resource gateway's group admits all TCP from 0\.0\.0\.0\/0, as EventBridge's/,
      );
      // The shipped SEC-1 fails the rule; the module's acceptance is what turns it into a warning.
      expect(ruleViolations(SEC_NO_INGRESS_FROM_ANYWHERE, t)).toEqual([
        "aws_vpc_security_group_ingress_rule.lattice_gateway_ingress_all_tcp_ipv4: admits 0.0.0.0/0",
      ]);
    });

    test("dual-stack: ::/0 too; without eventBridgeRules no inbound rule and nothing accepted", () => {
      const t = withRules("dualstack");
      expect(resourcesOf(t, "aws_vpc_security_group_ingress_rule").lattice_gateway_ingress_all_tcp_ipv6).toMatchObject({
        cidr_ipv6: "::/0",
        from_port: 0,
        to_port: 65535,
      });
      expect((tf.output as Record<string, unknown>).private_routing_accepted).toBeUndefined();
    });
  });
});
