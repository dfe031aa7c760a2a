import { LAT_4 } from "../../src/check/rules/lat-4";
import { checkLatticeConsumer } from "../../src/plan/lattice";
import type { LatticeConfig } from "../../src/config/schema";
import { latticeConsumer, net, planOf, planProblems, SHARED_RC_ARN, synthDeployment } from "../support/fixtures";
import { deploymentSchema } from "../../src/config/schema";
import { clone, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

const viaNetwork = synthDeployment(latticeConsumer());
const tf = viaNetwork.tf;
const subnets = [ref("aws_subnet", "network_private_us_east_1a"), ref("aws_subnet", "network_private_us_east_1b")];
const sg = ref("aws_security_group", "lattice_endpoints");

const viaEndpoint = synthDeployment(
  latticeConsumer({
    network: net({ ipv6: "dualstack" }),
    lattice: {
      resourceConfigurations: [],
      consume: [{ name: "service1", resourceConfigurationArn: SHARED_RC_ARN, via: "endpoint", ports: [443, 8443], privateDns: true }],
    },
  }),
).tf;

describe("LatticeConsumer", () => {
  describe("LAT-4: through a service network", () => {
    test("the shared configuration is associated with the service network, which the VPC reaches through one ServiceNetwork endpoint", () => {
      expect(resourcesOf(tf, "aws_vpclattice_service_network").lattice_service_network).toMatchObject({
        name: "shared-services-sn",
        auth_type: "NONE",
      });
      expect(resourcesOf(tf, "aws_vpclattice_service_network_resource_association").lattice_service1).toMatchObject({
        service_network_identifier: ref("aws_vpclattice_service_network", "lattice_service_network"),
        // The ID form: with the ARN, provider 5.100.0 fails the apply (hashicorp/terraform-provider-aws#44546).
        resource_configuration_identifier: "rcfg-0123456789abcdef0",
      });
      expect(resourcesOf(tf, "aws_vpc_endpoint")).toEqual({
        lattice_service_network_endpoint: {
          vpc_id: ref("aws_vpc", "network"),
          vpc_endpoint_type: "ServiceNetwork",
          service_network_arn: ref("aws_vpclattice_service_network", "lattice_service_network", "arn"),
          subnet_ids: subnets,
          security_group_ids: [sg],
          ip_address_type: "ipv4",
          private_dns_enabled: true,
          tags: { Name: "consumer-shared-services-sn" },
        },
      });
    });

    test("the endpoints' group admits the resources' ports from the VPC only", () => {
      expect(
        Object.values(resourcesOf(tf, "aws_vpc_security_group_ingress_rule")).map((r) => [
          r.security_group_id,
          r.from_port,
          r.to_port,
          r.cidr_ipv4,
        ]),
      ).toEqual([[sg, 443, 443, "10.0.0.0/16"]]);
      expect(resourcesOf(tf, "aws_vpc_security_group_egress_rule")).toEqual({});
    });

    test("the DNS names consumers use are an output, by name", () => {
      expect(tf.output!.lattice_resource_dns_entries.value).toEqual({
        service1: ref("aws_vpclattice_service_network_resource_association", "lattice_service1", "dns_entry"),
      });
    });
  });

  describe("LAT-4: through a Resource endpoint", () => {
    test("one endpoint of type Resource per shared configuration, in every private subnet, its address type following the subnets", () => {
      expect(resourcesOf(viaEndpoint, "aws_vpc_endpoint").lattice_service1).toMatchObject({
        vpc_endpoint_type: "Resource",
        resource_configuration_arn: SHARED_RC_ARN,
        subnet_ids: subnets,
        security_group_ids: [sg],
        ip_address_type: "dualstack",
        private_dns_enabled: true,
      });
      expect(resourcesOf(viaEndpoint, "aws_vpclattice_service_network")).toEqual({});
      expect(viaEndpoint.output!.lattice_resource_dns_entries.value).toEqual({
        service1: ref("aws_vpc_endpoint", "lattice_service1", "dns_entry"),
      });
    });

    test("each port is admitted from the VPC's IPv4 and IPv6 blocks", () => {
      const rules = Object.values(resourcesOf(viaEndpoint, "aws_vpc_security_group_ingress_rule")).map(
        (r) => `${r.from_port} ${r.cidr_ipv4 ?? r.cidr_ipv6}`,
      );
      expect(rules.sort()).toEqual(
        [
          "443 10.0.0.0/16",
          `443 ${ref("aws_vpc", "network", "ipv6_cidr_block")}`,
          "8443 10.0.0.0/16",
          `8443 ${ref("aws_vpc", "network", "ipv6_cidr_block")}`,
        ].sort(),
      );
    });
  });

  test("the checker's LAT-4 passes both and fails an unreachable service network, a Resource endpoint without a configuration and an association by ARN", () => {
    expect(ruleViolations(LAT_4, tf)).toEqual([]);
    expect(ruleViolations(LAT_4, viaEndpoint)).toEqual([]);
    const broken = clone(tf);
    delete broken.resource!.aws_vpc_endpoint;
    expect(ruleViolations(LAT_4, broken)).toEqual([
      "aws_vpclattice_service_network.lattice_service_network: has resource associations but no VPC endpoint (or VPC association) reaches it",
    ]);
    const noArn = clone(viaEndpoint);
    delete noArn.resource!.aws_vpc_endpoint.lattice_service1.resource_configuration_arn;
    noArn.resource!.aws_vpc_endpoint.lattice_service1.security_group_ids = [];
    expect(ruleViolations(LAT_4, noArn)).toEqual([
      "aws_vpc_endpoint.lattice_service1: is of type Resource but names no resource_configuration_arn",
      "aws_vpc_endpoint.lattice_service1: has no security group",
    ]);
    const byArn = clone(tf);
    byArn.resource!.aws_vpclattice_service_network_resource_association.lattice_service1.resource_configuration_identifier = SHARED_RC_ARN;
    expect(ruleViolations(LAT_4, byArn)).toEqual([
      "aws_vpclattice_service_network_resource_association.lattice_service1: resource_configuration_identifier is an ARN: the provider reads back the rcfg- ID and fails the apply; give the ID",
    ]);
  });

  test.each<
    [
      string,
      { resources?: Partial<LatticeConfig["consume"][number]>[]; serviceNetworkName?: string; network?: { vpcCidrBlock?: string } },
      string[],
    ]
  >([
    [
      "a malformed ARN",
      { resources: [{ name: "s1", resourceConfigurationArn: "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-1" }] },
      [
        'consume[0].resourceConfigurationArn: must be a resource configuration ARN: arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17 characters>, got "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-1"',
      ],
    ],
    [
      "a service network nothing uses",
      { resources: [{ name: "s1", resourceConfigurationArn: SHARED_RC_ARN }], serviceNetworkName: "sn-one" },
      ['serviceNetwork: must be left out unless a consume entry has via: serviceNetwork: nothing would use it, got {"name":"sn-one"}'],
    ],
    [
      "via serviceNetwork without one",
      { resources: [{ name: "s1", resourceConfigurationArn: SHARED_RC_ARN, via: "serviceNetwork" }] },
      ["serviceNetwork: is required when a consume entry has via: serviceNetwork (LAT-4), got undefined"],
    ],
    [
      "no ports, and a port out of range",
      {
        resources: [
          { name: "s1", resourceConfigurationArn: SHARED_RC_ARN, ports: [] },
          { name: "s2", resourceConfigurationArn: SHARED_RC_ARN, ports: [70000] },
        ],
      },
      [
        "consume[0].ports: must list at least one port the VPC's clients use, got []",
        "consume[1].ports[0]: must be a port from 1 to 65535, got 70000",
      ],
    ],
    [
      "two entries with one address",
      {
        resources: [
          { name: "s-1", resourceConfigurationArn: SHARED_RC_ARN },
          { name: "s_1", resourceConfigurationArn: SHARED_RC_ARN },
        ],
      },
      ['consume[1].name: must be unique; consume[0] has the same name, got "s_1"'],
    ],
    [
      "an existing VPC of unknown CIDR",
      { resources: [{ name: "s1", resourceConfigurationArn: SHARED_RC_ARN }], network: { vpcCidrBlock: undefined } },
      [
        "consume: needs the VPC's cidrBlock (existingNetwork.cidrBlock): the endpoints' security group admits the VPC's clients, got [\"s1\"]",
      ],
    ],
  ])("rejects %s", (_label, over, expected) => {
    const props = { resources: [], network: { vpcCidrBlock: "10.0.0.0/16" }, ...over };
    const consume = props.resources.map((r) => ({
      name: "",
      resourceConfigurationArn: "",
      via: "endpoint" as const,
      ports: [443],
      privateDns: true,
      ...r,
    }));
    const serviceNetwork = props.serviceNetworkName === undefined ? undefined : { name: props.serviceNetworkName };
    expect(
      checkLatticeConsumer({ consume, serviceNetwork }, props.network.vpcCidrBlock).map(
        (p) => `${p.path}: ${p.rule}, got ${JSON.stringify(p.value)}`,
      ),
    ).toEqual(expected);
  });
});

describe("ARNs from another Region", () => {
  // The EventBridge rule is sourced (an error); for Resource endpoints and gateways no AWS page was
  // found (2026-11-23): a warning that says so, not a refusal.
  test("an EventBridge connection's configuration in another Region is refused; a consumed configuration or an ARN resource there is a warning", () => {
    const west = SHARED_RC_ARN.replace(":us-east-1:", ":us-west-2:");
    const entry = {
      lattice: {
        resourceGateway: { name: "main-rg" },
        resourceConfigurations: [{ name: "orders-db", arn: "arn:aws:rds:eu-west-1:111122223333:db:orders", portRanges: ["5432"] }],
        consume: [{ name: "svc", resourceConfigurationArn: west, ports: [443] }],
      },
      eventBridge: { connections: [{ name: "c", resourceConfigurationArn: west, authorization: { basic: { username: "u" } } }] },
    };
    expect(planProblems(entry).filter((p) => p.includes("Region"))).toEqual([
      `\`eventBridge.connections[0].resourceConfigurationArn\` must be in the deployment's Region us-east-1: EventBridge connects to private APIs in its own Region only, got: "${west}"`,
    ]);
    delete (entry as { eventBridge?: unknown }).eventBridge;
    const d = deploymentSchema.parse({
      name: "t",
      region: "us-east-1",
      network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
      ...entry,
    });
    expect(planOf(d).warnings.map((w) => w.path)).toEqual([
      "lattice.consume[0].resourceConfigurationArn",
      "lattice.resourceConfigurations[0].arn",
    ]);
    expect(planOf(d).warnings[0].message).toBe(
      `lattice.consume[0].resourceConfigurationArn is in us-west-2, the deployment in us-east-1: whether VPC Lattice reaches across Regions here is not in the facts catalogue (no AWS source found); if the apply fails, use an ARN of this Region`,
    );
  });
});
