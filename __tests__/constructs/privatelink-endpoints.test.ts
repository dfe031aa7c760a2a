import { Route53ResolverEndpoint } from "../../src/cdk/aws";
import type { DeploymentConfig } from "../../src/config/schema";
import { estimateEndpointCost } from "../../src/aws/privatelink-prices";
import { mwaaDeployment, net, planProblems, synthDeployment } from "../support/fixtures";
import { PL_1 } from "../../src/check/rules/pl-1";
import { PL_4 } from "../../src/check/rules/pl-4";
import { SEC_NO_INGRESS_FROM_ANYWHERE } from "../../src/check/rules/sec-no-ingress-from-anywhere";
import { Attrs, clone, decodeJsonencode, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

type Endpoints = NonNullable<DeploymentConfig["endpoints"]>;

function deployment(
  endpoints: Partial<Endpoints>,
  network = net({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] }),
): DeploymentConfig {
  return mwaaDeployment({ mwaa: undefined, network, endpoints: { policy: "allow-all", services: ["sts"], ...endpoints } });
}

const { tf, text } = synthDeployment(
  deployment({
    policy: { organization: "o-exampleorg1" },
    services: [
      "secretsmanager",
      "sts",
      { service: "lambda", excludeAvailabilityZones: ["us-east-1c"] },
      "s3",
      "dynamodb",
      { service: "dynamodb", type: "Interface", name: "dynamodb_interface" },
    ],
    resolverInboundEndpoint: { allowedCidrs: ["192.168.0.0/16"] },
  }),
);
const endpoints = resourcesOf(tf, "aws_vpc_endpoint");
const interfaces = () => Object.entries(endpoints).filter(([, e]) => e.vpc_endpoint_type === "Interface");
const subnetRefs = ["us_east_1a", "us_east_1b", "us_east_1c"].map((az) => ref("aws_subnet", `network_private_${az}`));

describe("PrivateLinkEndpoints", () => {
  describe("placement", () => {
    test("PL-1: one subnet per AZ, in every AZ of the network; an excluded AZ is left out", () => {
      expect(ruleViolations(PL_1, tf)).toEqual([]);
      expect(endpoints.endpoints_sts.subnet_ids).toEqual(subnetRefs);
      expect(endpoints.endpoints_lambda.subnet_ids).toEqual(subnetRefs.slice(0, 2));
    });

    test("PL-1 (failing case): an endpoint in one AZ, or twice in one AZ, is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_endpoint.endpoints_sts.subnet_ids = [subnetRefs[0]];
      broken.resource!.aws_vpc_endpoint.endpoints_lambda.subnet_ids = [subnetRefs[0], subnetRefs[0]];
      expect(ruleViolations(PL_1, broken)).toEqual([
        "aws_vpc_endpoint.endpoints_lambda: has two subnets in one AZ",
        "aws_vpc_endpoint.endpoints_lambda: is in 1 AZ",
        "aws_vpc_endpoint.endpoints_sts: is in 1 AZ",
      ]);
    });

    test("PL-1: excluding AZs down to one is rejected unless the network allows a single AZ", () => {
      const props = checkProps({ endpoints: [{ service: "sts", excludeAvailabilityZones: ["us-east-1b", "us-east-1c"] }] });
      expect(props).toEqual([
        '`endpoints.services[0].excludeAvailabilityZones` must leave at least 2 Availability Zones (PL-1: one AZ is a single point of failure), 1 left; set allowSingleAz: true for non-production, got: ["us-east-1b","us-east-1c"]',
      ]);
      expect(
        checkProps({ allowSingleAz: true, endpoints: [{ service: "sts", excludeAvailabilityZones: ["us-east-1b", "us-east-1c"] }] }),
      ).toEqual([]);
      const single = synthDeployment(deployment({}, net({ availabilityZones: ["us-east-1a"], allowSingleAz: true }))).tf;
      expect(resourcesOf(single, "aws_vpc_endpoint").endpoints_sts.subnet_ids).toEqual([subnetRefs[0]]);
    });
  });

  describe("DNS", () => {
    test("PL-2: private DNS on where the service supports it, off for DynamoDB's interface endpoint; VPC DNS attributes on", () => {
      expect(Object.fromEntries(interfaces().map(([n, e]) => [n, e.private_dns_enabled]))).toEqual({
        endpoints_secretsmanager: true,
        endpoints_sts: true,
        endpoints_lambda: true,
        endpoints_dynamodb_interface: false,
      });
      expect(resourcesOf(tf, "aws_vpc").network).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true });
    });

    test("PL-6: regional and zonal DNS names are outputs; a Resolver inbound endpoint in two AZs answers on-premises queries", () => {
      expect((tf.output!.endpoint_dns_names.value as Record<string, Attrs>).sts).toEqual({
        regional: "${aws_vpc_endpoint.endpoints_sts.dns_entry[0].dns_name}",
        zonal:
          "${[for e in slice(aws_vpc_endpoint.endpoints_sts.dns_entry, 1, length(aws_vpc_endpoint.endpoints_sts.dns_entry)) : e.dns_name]}",
      });
      expect(text).toHaveResourceWithProperties(Route53ResolverEndpoint, { direction: "INBOUND", protocols: ["Do53"] });
      const resolver = resourcesOf(tf, "aws_route53_resolver_endpoint").endpoints_dns_inbound;
      expect(resolver.ip_address).toEqual([{ subnet_id: subnetRefs[0] }, { subnet_id: subnetRefs[1] }]);
      const dnsRules = Object.values(resourcesOf(tf, "aws_vpc_security_group_ingress_rule")).filter(
        (r) => r.security_group_id === ref("aws_security_group", "endpoints_dns_inbound"),
      );
      expect(dnsRules.map((r) => [r.ip_protocol, r.from_port, r.cidr_ipv4])).toEqual([
        ["tcp", 53, "192.168.0.0/16"],
        ["udp", 53, "192.168.0.0/16"],
      ]);
      expect(tf.output!.dns_inbound_resolver_ips.value).toBe(
        "${[for a in aws_route53_resolver_endpoint.endpoints_dns_inbound.ip_address : a.ip]}",
      );
    });
  });

  describe("security", () => {
    test("PL-4: one shared security group admitting TCP 443 from the VPC CIDR only, no egress", () => {
      expect(ruleViolations(PL_4, tf)).toEqual([]);
      expect(ruleViolations(SEC_NO_INGRESS_FROM_ANYWHERE, tf)).toEqual([]);
      const rules = Object.keys(resourcesOf(tf, "aws_vpc_security_group_ingress_rule")).filter((n) => n.startsWith("endpoints_ingress"));
      expect(rules).toEqual(["endpoints_ingress_vpc_ipv4_443"]);
      expect(Object.values(resourcesOf(tf, "aws_vpc_security_group_egress_rule"))).toEqual([]);
      for (const [, e] of interfaces()) expect(e.security_group_ids).toEqual([ref("aws_security_group", "endpoints")]);
    });

    test("PL-4 (failing case): an endpoint without a security group, or a rule from anywhere (SEC-1), is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_security_group_ingress_rule.endpoints_ingress_vpc_ipv4_443.cidr_ipv4 = "0.0.0.0/0";
      expect(ruleViolations(SEC_NO_INGRESS_FROM_ANYWHERE, broken)).toEqual([
        "aws_vpc_security_group_ingress_rule.endpoints_ingress_vpc_ipv4_443: admits 0.0.0.0/0",
      ]);
      broken.resource!.aws_vpc_endpoint.endpoints_sts.security_group_ids = [];
      expect(ruleViolations(PL_4, broken)).toEqual(["aws_vpc_endpoint.endpoints_sts: has no security group"]);
    });

    test("PL-4: policy presets: organization, account, custom; none for a custom service unless asked", () => {
      expect(decodeJsonencode(endpoints.endpoints_sts.policy).Statement).toEqual([
        {
          Sid: "OwnOrganizationOnly",
          Effect: "Allow",
          Principal: "*",
          Action: "*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalOrgID": "o-exampleorg1" } },
        },
      ]);
      const custom = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Resource: "*" }] };
      const other = resourcesOf(
        synthDeployment(
          deployment({
            policy: { account: "123456789012" },
            services: [
              "sts",
              { service: "kms", policy: { custom } },
              { serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", name: "partner", ports: [8443] },
            ],
          }),
        ).tf,
        "aws_vpc_endpoint",
      );
      expect(decodeJsonencode(other.endpoints_sts.policy).Statement[0].Condition).toEqual({
        StringEquals: { "aws:PrincipalAccount": "123456789012" },
      });
      expect(decodeJsonencode(other.endpoints_kms.policy)).toEqual(custom);
      expect(other.endpoints_partner).toMatchObject({
        service_name: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        private_dns_enabled: false,
      });
      expect(other.endpoints_partner.policy).toBeUndefined();
    });

    test("a custom service's ports are what its security group opens", () => {
      const t = synthDeployment(
        deployment({
          services: ["sts", { serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", name: "partner", ports: [8443] }],
        }),
      ).tf;
      expect(Object.keys(resourcesOf(t, "aws_vpc_security_group_ingress_rule"))).toEqual([
        "endpoints_ingress_vpc_ipv4_443",
        "endpoints_ingress_vpc_ipv4_8443",
      ]);
    });
  });

  describe("IP address types", () => {
    const dual = synthDeployment(
      deployment({ services: ["sts", { service: "kms", ipAddressType: "ipv4" }] }, net({ ipv6: "dualstack" })),
    ).tf;

    test("PL-3: dual-stack subnets (an IPv6 /64 each from the VPC's Amazon-provided /56) give dual-stack endpoints and DNS records", () => {
      expect(resourcesOf(dual, "aws_vpc").network.assign_generated_ipv6_cidr_block).toBe(true);
      expect(resourcesOf(dual, "aws_subnet").network_private_us_east_1b).toMatchObject({
        cidr_block: "10.0.16.0/20",
        ipv6_cidr_block: "${cidrsubnet(aws_vpc.network.ipv6_cidr_block, 8, 1)}",
        assign_ipv6_address_on_creation: true,
      });
      expect(resourcesOf(dual, "aws_vpc_endpoint").endpoints_sts).toMatchObject({
        ip_address_type: "dualstack",
        dns_options: { dns_record_ip_type: "dualstack" },
      });
      expect(resourcesOf(dual, "aws_vpc_endpoint").endpoints_kms).toMatchObject({
        ip_address_type: "ipv4",
        dns_options: { dns_record_ip_type: "ipv4" },
      });
      expect(Object.values(resourcesOf(dual, "aws_vpc_security_group_ingress_rule")).map((r) => r.cidr_ipv4 ?? r.cidr_ipv6)).toEqual([
        "10.0.0.0/16",
        "${aws_vpc.network.ipv6_cidr_block}",
      ]);
      expect(resourcesOf(dual, "aws_network_acl").network_private_acl.egress.map((r: Attrs) => r.cidr_block ?? r.ipv6_cidr_block)).toEqual([
        "0.0.0.0/0",
        "::/0",
      ]);
    });

    test("PL-3: IPv6-only subnets give IPv6 endpoints; the subnets have no IPv4 block and DNS64 on", () => {
      const v6 = synthDeployment(deployment({}, net({ ipv6: "ipv6-only" }))).tf;
      const subnet = resourcesOf(v6, "aws_subnet").network_private_us_east_1a;
      expect(subnet).toMatchObject({ ipv6_native: true, enable_dns64: true, enable_resource_name_dns_aaaa_record_on_launch: true });
      expect(subnet.cidr_block).toBeUndefined();
      expect(resourcesOf(v6, "aws_vpc_endpoint").endpoints_sts).toMatchObject({
        ip_address_type: "ipv6",
        dns_options: { dns_record_ip_type: "ipv6" },
      });
      expect(Object.values(resourcesOf(v6, "aws_vpc_security_group_ingress_rule")).map((r) => r.cidr_ipv6)).toEqual([
        "${aws_vpc.network.ipv6_cidr_block}",
      ]);
    });

    test("PL-3 (failing case): an endpoint type the subnets do not carry is rejected", () => {
      expect(checkProps({ endpoints: [{ service: "sts", ipAddressType: "ipv6" }] })).toEqual([
        '`endpoints.services[0].ipAddressType` must match the subnets, which are IPv4-only (PL-3): ipv4, got: "ipv6"',
      ]);
      expect(checkProps({ endpoints: [{ service: "sts", ipAddressType: "dualstack" }] }, "ipv6")).toEqual([
        '`endpoints.services[0].ipAddressType` must match the subnets, which are IPv6-only (PL-3): ipv6, got: "dualstack"',
      ]);
    });
  });

  describe("gateway endpoints", () => {
    test("PL-7: S3 and DynamoDB default to gateway endpoints on the route tables, with no subnets or security groups", () => {
      for (const n of ["endpoints_s3", "endpoints_dynamodb"]) {
        expect(endpoints[n]).toMatchObject({ vpc_endpoint_type: "Gateway", route_table_ids: [ref("aws_route_table", "network_private")] });
        expect(endpoints[n].subnet_ids).toBeUndefined();
        expect(endpoints[n].security_group_ids).toBeUndefined();
      }
    });

    test("PL-7 (failing case): subnet options on a gateway endpoint, or a gateway for an interface-only service, are rejected", () => {
      expect(checkProps({ endpoints: [{ service: "s3", excludeAvailabilityZones: ["us-east-1a"] }] })).toEqual([
        '`endpoints.services[0].excludeAvailabilityZones` does not apply to a gateway endpoint (PL-7: it attaches to route tables, not subnets), got: ["us-east-1a"]',
      ]);
      expect(checkProps({ endpoints: [{ service: "sqs", type: "Gateway" }] })).toEqual([
        '`endpoints.services[0].type` must name a service offered as a Gateway endpoint; "sqs" is Interface only, got: "Gateway"',
      ]);
    });
  });

  describe("S3 gateway policy and ECR", () => {
    const s3Policy = (services: string[]) =>
      decodeJsonencode(
        resourcesOf(synthDeployment(deployment({ policy: { account: "123456789012" }, services })).tf, "aws_vpc_endpoint").endpoints_s3
          .policy,
      ).Statement;
    const ownAccount = {
      Sid: "OwnAccountOnly",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
    };

    test("with ECR endpoints in the VPC, an account or organization preset on the S3 gateway also allows ECR's image-layer bucket", () => {
      expect(s3Policy(["s3", "ecr.api", "ecr.dkr"])).toEqual([
        ownAccount,
        {
          Sid: "EcrImageLayers",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*",
        },
      ]);
    });

    test("without ECR endpoints, the preset is left as it is", () => {
      expect(s3Policy(["s3", "sts"])).toEqual([ownAccount]);
    });
  });

  describe("cost", () => {
    test("PL-5: endpoints × AZs × the hourly rate × 730 h; unknown Regions use the us-east-1 rate with a warning", () => {
      expect(estimateEndpointCost("us-east-1", [3, 3, 2])).toEqual({ endpoints: 3, endpointAzs: 8, hourlyRateUsd: 0.01, monthlyUsd: 58.4 });
      expect(estimateEndpointCost("eu-north-1", [2]).warning).toBe(
        "no rate recorded for eu-north-1 in the PrivateLink price table of 2026-11-22 (docs/aws-facts.md); estimated at the us-east-1 rate: see aws.amazon.com/privatelink/pricing",
      );
    });
  });

  describe("props validation", () => {
    test.each<[EndpointsCase, string[]]>([
      [
        { endpoints: [{ service: "stss" }] },
        [
          expect.stringMatching(
            /^`endpoints\.services\[0\]\.service` must name an AWS service in the endpoint catalogue \(did you mean sts\?\): .*, got: "stss"$/,
          ) as unknown as string,
        ],
      ],
      [
        { endpoints: [{ service: "sts" }, { service: "sts" }] },
        [
          '`endpoints.services[1].service` must be unique; endpoints.services[0] makes the same endpoint (aws_vpc_endpoint.endpoints_sts), got: "sts"',
        ],
      ],
      [
        { endpoints: [{}] },
        [
          "`endpoints.services[0]` must give exactly one of service (from the catalogue) and serviceName (a custom PrivateLink service), got: {}",
        ],
      ],
      [
        { endpoints: [{ serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-123" }] },
        [
          '`endpoints.services[0].serviceName` must be an endpoint service name: com.amazonaws.vpce.<region>.vpce-svc-<17 hex digits>, got: "com.amazonaws.vpce.us-east-1.vpce-svc-123"',
          "`endpoints.services[0].name` is required with serviceName (it names the endpoint's Terraform address)",
        ],
      ],
      [
        { endpoints: [{ service: "sts", excludeAvailabilityZones: ["us-west-2a"] }] },
        [
          '`endpoints.services[0].excludeAvailabilityZones[0]` must be one of the network\'s Availability Zones (us-east-1a, us-east-1b, us-east-1c), got: "us-west-2a"',
        ],
      ],
      [
        { endpoints: [{ service: "sts" }], servicesTaken: ["sts"] },
        [
          '`endpoints.services[0].service` is already created by another feature of this deployment (mwaa): one endpoint per service per VPC, got: "sts"',
        ],
      ],
      [
        { policy: { organization: "org-1" } },
        ['`endpoints.policy.organization` must be an AWS Organizations ID (o- and 10 to 32 lowercase letters or digits), got: "org-1"'],
      ],
      [{ policy: { account: "1234" } }, ['`endpoints.policy.account` must be a 12-digit AWS account ID or a list of them, got: "1234"']],
      [
        { policy: { custom: "{not json" } },
        [expect.stringMatching(/^`endpoints\.policy\.custom` must be valid JSON \(.+\), got: "\{not json"$/) as unknown as string],
      ],
      [
        { policy: { custom: { Version: "2012-10-17", Statement: [{ Effect: "Permit", Action: "*", Resource: "*" }] } } },
        [
          '`endpoints.policy.custom.Statement[0].Effect` must be "Allow" or "Deny", got: "Permit"',
          '`endpoints.policy.custom.Statement[0].Principal` must be given (endpoint policies name a principal, "*" for any), or NotPrincipal instead',
        ],
      ],
      [
        { resolverInbound: { allowedCidrs: ["0.0.0.0/0"] } },
        [
          '`endpoints.resolverInboundEndpoint.allowedCidrs[0]` must not be 0.0.0.0/0: name the networks that may query (no ingress from anywhere), got: "0.0.0.0/0"',
        ],
      ],
    ])("rejects %j", (override, messages) => {
      expect(checkProps(override)).toEqual(messages);
    });
  });
});

interface EndpointsCase {
  readonly endpoints?: readonly (string | Record<string, unknown>)[];
  readonly policy?: unknown;
  readonly resolverInbound?: { allowedCidrs: string[] };
  readonly allowSingleAz?: boolean;
  /** Services MWAA already makes in the VPC (as its extra endpoints). */
  readonly servicesTaken?: readonly string[];
}

/** The planner's problems for an `endpoints` block on a new VPC in us-east-1a-c. */
function checkProps(c: EndpointsCase, subnets: "ipv4" | "dualstack" | "ipv6" = "ipv4"): string[] {
  const ipv6 = subnets === "ipv4" ? "none" : subnets === "ipv6" ? "ipv6-only" : "dualstack";
  return planProblems({
    network: {
      cidrBlock: "10.0.0.0/16",
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      ipv6,
      allowSingleAz: c.allowSingleAz ?? false,
    },
    endpoints: {
      services: c.endpoints ?? ["sts"],
      ...(c.policy !== undefined ? { policy: c.policy } : {}),
      ...(c.resolverInbound ? { resolverInboundEndpoint: c.resolverInbound } : {}),
    },
    ...(c.servicesTaken ? { mwaa: { environmentName: "env", sourceBucketName: "bucket-name", extraEndpoints: c.servicesTaken } } : {}),
  });
}
