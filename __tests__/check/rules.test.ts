import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CONFIG, DEFAULT_OUT, run } from "../../src/cli";
import { loadConfig } from "../../src/config/load";
import { loadModel, modelFromPlan, modelFromTerraformJson } from "../../src/check/model";
import { detectProfiles } from "../../src/check/profiles";
import { MWAA_P5 } from "../../src/check/rules/mwaa";
import { MWAA_P3 } from "../../src/check/rules/mwaa-p3";
import { runCheck } from "../../src/check/run";
import { ComplianceError, synthesize } from "../../src/synth/synthesize";
import { formatWarning } from "../../src/problems";
import { clone, ref, ruleViolations, TerraformJson } from "../support/terraform-json";

const synth = synthesize(loadConfig(DEFAULT_CONFIG).plans);
const mwaa = JSON.parse(synth.stacks.find((s) => s.name === "mwaa-private")!.json) as TerraformJson;
const check = (tf: TerraformJson) => runCheck(modelFromTerraformJson([tf as Record<string, unknown>], "fixture", "json"));
const violations = (tf: TerraformJson) =>
  check(tf)
    .findings.filter((f) => f.status === "fail")
    .map((f) => `${f.ruleId} ${f.address}: ${f.message}`);

describe("checker rules", () => {
  test("the generated MWAA private-routing stack passes every rule of its profile", () => {
    const r = check(mwaa);
    expect(r.profiles).toEqual(["mwaa-private", "security"]);
    expect(r.findings).toEqual([]);
    expect(r.passed).toEqual([
      "MWAA-P1",
      "MWAA-P2",
      "MWAA-P3",
      "MWAA-P4",
      "MWAA-P5",
      "MWAA-P6",
      "MWAA-P7",
      "MWAA-P8",
      "MWAA-P9",
      "MWAA-P10",
      "SEC-1",
      "VAL-1",
    ]);
    // No EventBridge connection (SEC-2), no App Runner, MWAA environment or Lambda (SEC-3): nothing to check.
    expect(r.notApplicable).toEqual(["SEC-2", "SEC-3"]);
  });

  // Each mutation of the generated stack fails with the right rule ID and resource address.
  test.each<[string, (tf: TerraformJson) => void, string[]]>([
    [
      "MWAA-P1: no self-referencing rule",
      (tf) => delete tf.resource!.aws_vpc_security_group_ingress_rule,
      ["MWAA-P1 aws_security_group.mwaa: no self-referencing inbound rule for all traffic (or for TCP 443 and 5432)"],
    ],
    [
      "MWAA-P2: a 0.0.0.0/0 route to a NAT",
      (tf) =>
        (tf.resource!.aws_route = {
          nat: {
            route_table_id: ref("aws_route_table", "network_private"),
            destination_cidr_block: "0.0.0.0/0",
            nat_gateway_id: "nat-0123",
          },
        }),
      ["MWAA-P2 aws_route.nat: route to an internet gateway or NAT"],
    ],
    [
      "MWAA-P2/P7: both subnets in one AZ",
      (tf) => (tf.resource!.aws_subnet.network_private_us_east_1b.availability_zone = "us-east-1a"),
      [
        "MWAA-P2 -: the private subnets are in fewer than two Availability Zones",
        ...["airflow_api", "airflow_env", "airflow_ops", "ecr_api", "ecr_dkr", "kms", "logs", "monitoring", "sqs"].map(
          (n) => `MWAA-P7 aws_vpc_endpoint.mwaa_${n}: not in two subnets of two AZs`,
        ),
      ],
    ],
    [
      "MWAA-P3: NACL outbound deny all",
      (tf) =>
        (tf.resource!.aws_network_acl.network_private_acl.egress = [
          { rule_no: 100, action: "deny", protocol: "-1", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 0 },
        ]),
      ["MWAA-P3 aws_network_acl.network_private_acl: outbound is not rule 100 allowing all traffic"],
    ],
    [
      "MWAA-P4: S3 endpoint off the route table",
      (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_s3.route_table_ids = []),
      ["MWAA-P4 aws_vpc_endpoint.mwaa_s3: not attached to aws_route_table.network_private"],
    ],
    [
      "MWAA-P5: the kms endpoint dropped",
      (tf) => delete tf.resource!.aws_vpc_endpoint.mwaa_kms,
      ["MWAA-P5 -: missing interface endpoint kms"],
    ],
    [
      "MWAA-P6: private DNS off",
      (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_sqs.private_dns_enabled = false),
      ["MWAA-P6 aws_vpc_endpoint.mwaa_sqs: private DNS is off"],
    ],
    [
      "MWAA-P8: an endpoint without the group",
      (tf) => (tf.resource!.aws_vpc_endpoint.mwaa_logs.security_group_ids = [ref("aws_security_group", "other")]),
      ["MWAA-P8 aws_vpc_endpoint.mwaa_logs: does not carry aws_security_group.mwaa"],
    ],
    [
      "MWAA-P9: a deny policy",
      (tf) =>
        (tf.resource!.aws_vpc_endpoint.mwaa_ecr_api.policy = JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }],
        })),
      ["MWAA-P9 aws_vpc_endpoint.mwaa_ecr_api: the policy does not allow all access to the service"],
    ],
    [
      "MWAA-P10: no ECR layer bucket",
      (tf) =>
        (tf.resource!.aws_vpc_endpoint.mwaa_s3.policy = JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::dags/*" }],
        })),
      ["MWAA-P10 aws_vpc_endpoint.mwaa_s3: the policy does not allow arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"],
    ],
    [
      "SEC-1: ingress from anywhere",
      (tf) =>
        (tf.resource!.aws_vpc_security_group_ingress_rule.open = {
          security_group_id: ref("aws_security_group", "mwaa"),
          cidr_ipv4: "0.0.0.0/0",
          ip_protocol: "tcp",
          from_port: 22,
          to_port: 22,
        }),
      ["SEC-1 aws_vpc_security_group_ingress_rule.open: admits 0.0.0.0/0"],
    ],
  ])("%s", (_label, mutate, expected) => {
    const broken = clone(mwaa);
    mutate(broken);
    expect(violations(broken)).toEqual(expected);
  });

  const stackJson = (name: string) => JSON.parse(synth.stacks.find((s) => s.name === name)!.json) as TerraformJson;
  test.each<[string, string, string, (tf: TerraformJson) => void, string[]]>([
    [
      "MWAA-U1: the public-routing group loses its outbound rule",
      "mwaa-public",
      "MWAA-U1",
      (tf) => delete tf.resource!.aws_vpc_security_group_egress_rule,
      ["MWAA-U1 aws_security_group.mwaa: no outbound rule allowing all traffic to 0.0.0.0/0"],
    ],
    [
      "MWAA-U6: the public NACL denies inbound",
      "mwaa-public",
      "MWAA-U6",
      (tf) =>
        (tf.resource!.aws_network_acl.network_public_acl.ingress = [
          { rule_no: 100, action: "deny", protocol: "-1", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 0 },
        ]),
      ["MWAA-U6 aws_network_acl.network_public_acl: inbound is not rule 100 allowing all traffic"],
    ],
    [
      "MWAA-U2: public subnets lose their internet route",
      "mwaa-public",
      "MWAA-U2",
      (tf) => delete tf.resource!.aws_route.network_public_internet,
      ["MWAA-U2 -: public subnets (routed to an internet gateway) span 0 AZ(s), need 2"],
    ],
    [
      "MWAA-U3: a private subnet routed to the other AZ's NAT",
      "mwaa-public",
      "MWAA-U3",
      (tf) => (tf.resource!.aws_route.network_private_eu_west_1b_nat.nat_gateway_id = ref("aws_nat_gateway", "network_nat_eu_west_1a")),
      ["MWAA-U3 aws_subnet.network_private_eu_west_1b: routes to the NAT gateway in eu-west-1a, not in its own AZ"],
    ],
    [
      "MWAA-U4: two NAT gateways share an Elastic IP",
      "mwaa-public",
      "MWAA-U4",
      (tf) =>
        (tf.resource!.aws_nat_gateway.network_nat_eu_west_1b.allocation_id = ref("aws_eip", "network_nat_eu_west_1a", "allocation_id")),
      [
        "MWAA-U4 aws_nat_gateway.network_nat_eu_west_1a: shares its Elastic IP with another NAT gateway",
        "MWAA-U4 aws_nat_gateway.network_nat_eu_west_1b: shares its Elastic IP with another NAT gateway",
      ],
    ],
    [
      "MWAA-U5: a second internet gateway",
      "mwaa-public",
      "MWAA-U5",
      (tf) => (tf.resource!.aws_internet_gateway.extra = { vpc_id: ref("aws_vpc", "network") }),
      ["MWAA-U5 -: 2 internet gateways, need 1"],
    ],
    [
      "MWAA-G1: both environment subnets in one AZ",
      "mwaa-environment",
      "MWAA-G1",
      (tf) =>
        (tf.resource!.aws_mwaa_environment.mwaa_environment.network_configuration.subnet_ids = [
          ref("aws_subnet", "network_private_us_east_1a"),
          ref("aws_subnet", "network_private_us_east_1a"),
        ]),
      ["MWAA-G1 aws_mwaa_environment.mwaa_environment: both subnets are in one Availability Zone"],
    ],
    [
      "MWAA-G4: versioning suspended",
      "mwaa-environment",
      "MWAA-G4",
      (tf) => (tf.resource!.aws_s3_bucket_versioning.mwaa_environment_source.versioning_configuration.status = "Suspended"),
      ["MWAA-G4 aws_s3_bucket.mwaa_environment_source: versioning is not enabled"],
    ],
    [
      "MWAA-P11: a public web server in a network without internet access",
      "mwaa-environment",
      "MWAA-P11",
      (tf) => (tf.resource!.aws_mwaa_environment.mwaa_environment.webserver_access_mode = "PUBLIC_ONLY"),
      ['MWAA-P11 aws_mwaa_environment.mwaa_environment: webserver_access_mode is "PUBLIC_ONLY" in a network without internet access'],
    ],
    [
      "LAT-1: the resource gateway on subnets routed to an internet gateway",
      "lattice-owner",
      "LAT-1",
      (tf) => {
        tf.resource!.aws_internet_gateway = { igw: { vpc_id: ref("aws_vpc", "network") } };
        tf.resource!.aws_route = {
          out: {
            route_table_id: ref("aws_route_table", "network_private"),
            destination_cidr_block: "0.0.0.0/0",
            gateway_id: ref("aws_internet_gateway", "igw"),
          },
        };
      },
      [
        "LAT-1 aws_vpclattice_resource_gateway.lattice_gateway: uses public subnet aws_subnet.network_private_us_east_1a",
        "LAT-1 aws_vpclattice_resource_gateway.lattice_gateway: uses public subnet aws_subnet.network_private_us_east_1b",
      ],
    ],
    [
      "APR-2: the connector on a public subnet",
      "apprunner-private",
      "APR-2",
      (tf) => {
        tf.resource!.aws_internet_gateway = { igw: { vpc_id: ref("aws_vpc", "network") } };
        tf.resource!.aws_route = {
          out: {
            route_table_id: ref("aws_route_table", "network_private"),
            destination_cidr_block: "0.0.0.0/0",
            gateway_id: ref("aws_internet_gateway", "igw"),
          },
        };
      },
      [
        "APR-2 aws_apprunner_vpc_connector.apprunner: uses public subnet aws_subnet.network_private_us_east_1a",
        "APR-2 aws_apprunner_vpc_connector.apprunner: uses public subnet aws_subnet.network_private_us_east_1b",
        "APR-2 aws_apprunner_vpc_connector.apprunner: uses public subnet aws_subnet.network_private_us_east_1c",
      ],
    ],
    [
      "APR-6: DEFAULT egress",
      "apprunner-private",
      "APR-6",
      (tf) =>
        (tf.resource!.aws_apprunner_service.apprunner_orders_worker.network_configuration.egress_configuration = {
          egress_type: "DEFAULT",
        }),
      ["APR-6 aws_apprunner_service.apprunner_orders_worker: does not send its traffic through a VPC connector"],
    ],
    [
      "PL-1: an endpoint in one AZ",
      "privatelink-dualstack",
      "PL-1",
      (tf) => (tf.resource!.aws_vpc_endpoint.endpoints_sts.subnet_ids = [ref("aws_subnet", "network_private_us_east_1a")]),
      ["PL-1 aws_vpc_endpoint.endpoints_sts: is in 1 AZ"],
    ],
    [
      "PL-7: a gateway endpoint with subnets",
      "privatelink-dualstack",
      "PL-7",
      (tf) => (tf.resource!.aws_vpc_endpoint.endpoints_s3.subnet_ids = [ref("aws_subnet", "network_private_us_east_1a")]),
      ["PL-7 aws_vpc_endpoint.endpoints_s3: names subnets or security groups"],
    ],
    [
      "APR-1: a connector with two subnets in one AZ",
      "apprunner-private",
      "APR-1",
      (tf) =>
        (tf.resource!.aws_apprunner_vpc_connector.apprunner.subnets = [
          ref("aws_subnet", "network_private_us_east_1a"),
          ref("aws_subnet", "network_private_us_east_1a"),
        ]),
      ["APR-1 aws_apprunner_vpc_connector.apprunner: names two subnets in one Availability Zone"],
    ],
    [
      "APR-3: a connector on an IPv6-only subnet",
      "apprunner-private",
      "APR-3",
      (tf) => (tf.resource!.aws_subnet.network_private_us_east_1c.ipv6_native = true),
      ["APR-3 aws_apprunner_vpc_connector.apprunner: uses IPv6-only subnet aws_subnet.network_private_us_east_1c"],
    ],
    [
      "APR-8: a private service without its ingress connection",
      "apprunner-private",
      "APR-8",
      (tf) => delete tf.resource!.aws_apprunner_vpc_ingress_connection,
      ["APR-8 aws_apprunner_service.apprunner_orders_api: is private but has no VPC ingress connection"],
    ],
    [
      "APR-8: a policy on the apprunner.requests endpoint",
      "apprunner-private",
      "APR-8",
      (tf) => (tf.resource!.aws_vpc_endpoint.apprunner_requests.policy = "{}"),
      ["APR-8 aws_vpc_endpoint.apprunner_requests: has an endpoint policy, which App Runner does not support"],
    ],
    [
      "PL-2: private DNS in a VPC without DNS hostnames",
      "privatelink-dualstack",
      "PL-2",
      (tf) => (tf.resource!.aws_vpc.network.enable_dns_hostnames = false),
      ["PL-2 aws_vpc.network: DNS support or DNS hostnames is off, but endpoints use private DNS"],
    ],
    [
      "PL-3: an IPv6 endpoint on subnets without IPv6",
      "apprunner-private",
      "PL-3",
      (tf) => (tf.resource!.aws_vpc_endpoint.endpoints_sqs.ip_address_type = "ipv6"),
      ["PL-3 aws_vpc_endpoint.endpoints_sqs: ip_address_type ipv6 does not match its subnets"],
    ],
    [
      "PL-4: an endpoint without a security group",
      "privatelink-dualstack",
      "PL-4",
      (tf) => (tf.resource!.aws_vpc_endpoint.endpoints_kms.security_group_ids = []),
      ["PL-4 aws_vpc_endpoint.endpoints_kms: has no security group"],
    ],
    [
      "SEC-2: a literal password in an EventBridge connection",
      "apprunner-private",
      "SEC-2",
      (tf) =>
        (tf.resource!.aws_cloudwatch_event_connection = {
          api: { name: "api", authorization_type: "BASIC", auth_parameters: { basic: { username: "u", password: "hunter2" } } },
        }),
      ["SEC-2 aws_cloudwatch_event_connection.api: a secret is written as a literal"],
    ],
  ])("%s", (_label, stack, ruleId, mutate, expected) => {
    const tf = stackJson(stack);
    expect(violations(tf).filter((v) => v.startsWith(`${ruleId} `))).toEqual([]);
    const broken = clone(tf);
    mutate(broken);
    const found = runCheck(modelFromTerraformJson([broken as Record<string, unknown>], "fixture", "json"), [
      ...(tf["//"] as { private_routing: { profiles: string[] } }).private_routing.profiles.filter((p) => !p.startsWith("network-")),
      "security",
    ]);
    expect(
      found.findings.filter((f) => f.status === "fail" && f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.address}: ${f.message}`),
    ).toEqual(expected);
  });

  // LAT rules: small hand-written fixtures (issue 6 will generate the real thing).
  const lattice = (resources: Record<string, Record<string, unknown>>) =>
    violations({ "//": { private_routing: { profiles: ["lattice"] } }, resource: resources } as TerraformJson);
  const gateway = { subnet_ids: ["subnet-0a1b2c3d4e5f67890"], security_group_ids: ["sg-0a1b2c3d4e5f67890"], ip_address_type: "IPV4" };
  const configuration = {
    type: "SINGLE",
    port_ranges: ["443"],
    resource_configuration_definition: { dns_resource: { domain_name: "api.internal", ip_address_type: "IPV4" } },
  };
  const connection = {
    name: "api",
    authorization_type: "BASIC",
    auth_parameters: { basic: { username: "u", password: "${var.api_password}" } },
    invocation_connectivity_parameters: {
      resource_parameters: { resource_configuration_arn: "${aws_vpclattice_resource_configuration.api.arn}" },
    },
  };
  test.each<[string, Record<string, Record<string, unknown>>, string[]]>([
    [
      "compliant gateway, configuration and connection",
      {
        aws_vpclattice_resource_gateway: { gw: gateway },
        aws_vpclattice_resource_configuration: { api: configuration },
        aws_cloudwatch_event_connection: { api: connection },
      },
      [],
    ],
    [
      "LAT-1: six security groups and no IP address type",
      {
        aws_vpclattice_resource_gateway: {
          gw: { subnet_ids: ["subnet-0a1b2c3d4e5f67890"], security_group_ids: ["1", "2", "3", "4", "5", "6"] },
        },
      },
      [
        "LAT-1 aws_vpclattice_resource_gateway.gw: names 6 security groups, need 1 to 5",
        "LAT-1 aws_vpclattice_resource_gateway.gw: has no ip_address_type",
      ],
    ],
    [
      "LAT-2: a resource named two ways, no ports",
      {
        aws_vpclattice_resource_configuration: {
          api: {
            ...configuration,
            port_ranges: [],
            resource_configuration_definition: { dns_resource: { domain_name: "a" }, ip_resource: { ip_address: "10.0.0.1" } },
          },
        },
      },
      [
        "LAT-2 aws_vpclattice_resource_configuration.api: names its resource 2 ways, need exactly 1",
        "LAT-2 aws_vpclattice_resource_configuration.api: has no port ranges",
      ],
    ],
    [
      "LAT-5 and SEC-2: a public connection with a literal password",
      {
        aws_cloudwatch_event_connection: {
          api: {
            ...connection,
            auth_parameters: { basic: { username: "u", password: "hunter2" } },
            invocation_connectivity_parameters: undefined,
          },
        },
      },
      [
        "LAT-5 aws_cloudwatch_event_connection.api: has no resource configuration: it is not a private API connection",
        "SEC-2 aws_cloudwatch_event_connection.api: a secret is written as a literal",
      ],
    ],
  ])("%s", (_label, resources, expected) => {
    expect(lattice(resources)).toEqual(expected);
  });

  test("every generated stack passes its recorded profiles, as JSON and as HCL with the same findings", async () => {
    for (const s of synth.stacks) {
      const json = runCheck(await loadModel(path.join(DEFAULT_OUT, "json", s.name)));
      const hcl = runCheck(await loadModel(path.join(DEFAULT_OUT, "hcl", s.name)));
      // A deviation the deployment declares (mwaa-shared-vpc: MWAA-P8) is a warning that says so, never a failure.
      const accepted = Object.keys(
        synth.stacks.find((x) => x.name === s.name)!.terraform["//"]
          ? ((s.terraform["//"] as { private_routing: { accepted?: object } }).private_routing.accepted ?? {})
          : {},
      );
      const failed = json.findings.filter((f) => f.status === "fail");
      // A key names a rule, or a rule and one address (that resource's violations only).
      const covers = (f: { ruleId: string; address: string }) =>
        accepted.includes(f.ruleId) || accepted.includes(`${f.ruleId} ${f.address}`);
      expect(failed.filter((f) => !(covers(f) && f.severity === "warning" && f.accepted !== undefined))).toEqual([]);
      expect(hcl.findings).toEqual(json.findings);
      expect(hcl.passed).toEqual(json.passed);
    }
  });

  test("an existing VPC's subnets cannot be placed in AZs offline: MWAA-P7 says so, never passes", () => {
    const existing = synth.stacks.find((s) => s.name === "mwaa-existing-vpc")!.check;
    expect(existing.passed).not.toContain("MWAA-P7");
    expect(new Set(existing.findings.map((f) => `${f.ruleId} ${f.status}`))).toEqual(
      // MWAA-P2 too: the existing VPC's routes are not in the module (never a pass).
      new Set(["MWAA-P7 unverifiable", "MWAA-G1 unverifiable", "MWAA-P2 unverifiable"]),
    );
  });

  // NACL entries as foreign code writes them: separate aws_network_acl_rule resources, the default NACL.
  test("MWAA-P2 counts the environment's own subnets: a spare subnet in another AZ does not hide two in one", () => {
    const tf = clone(stackJson("mwaa-environment"));
    const subnets = tf.resource!.aws_subnet as Record<string, Record<string, unknown>>;
    subnets.network_private_us_east_1b.availability_zone = "us-east-1a";
    subnets.spare = { ...subnets.network_private_us_east_1a, availability_zone: "us-east-1c", cidr_block: "10.0.200.0/24" };
    expect(violations(tf).filter((v) => v.startsWith("MWAA-P2"))).toEqual([
      "MWAA-P2 -: the private subnets are in fewer than two Availability Zones",
    ]);
  });

  test("MWAA-P3 reads aws_network_acl_rule resources and aws_default_network_acl", () => {
    const entry = (acl: string, egress: boolean, action = "allow") => ({
      network_acl_id: ref("aws_network_acl", acl),
      egress,
      rule_number: 100,
      rule_action: action,
      protocol: "-1",
      cidr_block: "0.0.0.0/0",
    });
    const tf: TerraformJson = {
      resource: {
        aws_network_acl: { private: { vpc_id: ref("aws_vpc", "main") } },
        aws_network_acl_rule: { in: entry("private", false), out: entry("private", true) },
        aws_default_network_acl: {
          default: {
            default_network_acl_id: "${aws_vpc.main.default_network_acl_id}",
            ingress: [{ rule_no: 100, action: "allow", protocol: "all", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 0 }],
          },
        },
      },
    };
    expect(ruleViolations(MWAA_P3, tf)).toEqual(["aws_default_network_acl.default: outbound is not rule 100 allowing all traffic"]);
    tf.resource!.aws_network_acl_rule.out.rule_action = "deny";
    expect(ruleViolations(MWAA_P3, tf)).toEqual([
      "aws_network_acl.private: outbound is not rule 100 allowing all traffic",
      "aws_default_network_acl.default: outbound is not rule 100 allowing all traffic",
    ]);
  });

  test("MWAA-G2: CUSTOMER endpoint management without the database and web server endpoints here is never a pass", () => {
    const tf = stackJson("mwaa-existing-vpc");
    expect(check(tf).passed).toContain("MWAA-G2");
    delete tf.resource!.aws_vpc_endpoint.mwaa_environment_database;
    delete tf.resource!.aws_vpc_endpoint.mwaa_environment_webserver;
    const r = check(tf);
    expect(r.passed).not.toContain("MWAA-G2");
    expect(r.findings.filter((f) => f.ruleId === "MWAA-G2").map((f) => `${f.status} ${f.address}: ${f.message}`)).toEqual([
      "unverifiable aws_mwaa_environment.mwaa_environment: no endpoint to its database_vpc_endpoint_service in this configuration (the environment waits in PENDING until one exists)",
      "unverifiable aws_mwaa_environment.mwaa_environment: no endpoint to its webserver_vpc_endpoint_service in this configuration (the environment waits in PENDING until one exists)",
    ]);
  });

  test("profiles are detected from the resources when none are recorded", () => {
    const unrecorded = clone(mwaa);
    delete unrecorded["//"];
    expect(detectProfiles(modelFromTerraformJson([unrecorded as Record<string, unknown>], "x", "json"))).toEqual([
      "mwaa-private",
      "privatelink",
      "security",
    ]);
  });

  // A plan knows what a variable evaluated to: a known value is judged as such, and only a
  // sensitive (or unknown) one is written back as the variable the configuration names.
  test("plan input: a rule's CIDR from a variable defaulting to 0.0.0.0/0 fails SEC-1; a sensitive password from a variable passes SEC-2", () => {
    const plan = modelFromPlan(
      {
        format_version: "1.2",
        planned_values: {
          root_module: {
            resources: [
              {
                address: "aws_vpc_security_group_ingress_rule.admin",
                mode: "managed",
                type: "aws_vpc_security_group_ingress_rule",
                name: "admin",
                values: { cidr_ipv4: "0.0.0.0/0", ip_protocol: "tcp", from_port: 22, to_port: 22 },
                sensitive_values: {},
              },
              {
                address: "aws_cloudwatch_event_connection.api",
                mode: "managed",
                type: "aws_cloudwatch_event_connection",
                name: "api",
                values: {
                  name: "api",
                  authorization_type: "BASIC",
                  auth_parameters: [{ basic: [{ username: "u", password: "from-the-variable" }] }],
                },
                sensitive_values: { auth_parameters: [{ basic: [{ password: true }] }] },
              },
            ],
          },
        },
        configuration: {
          root_module: {
            resources: [
              { address: "aws_vpc_security_group_ingress_rule.admin", expressions: { cidr_ipv4: { references: ["var.allowed"] } } },
              {
                address: "aws_cloudwatch_event_connection.api",
                expressions: { auth_parameters: [{ basic: [{ password: { references: ["var.api_password"] } }] }] },
              },
            ],
          },
        },
      },
      "plan.json",
    );
    const findings = runCheck(plan, ["security"]).findings.map((f) => `${f.ruleId} ${f.address}: ${f.message}`);
    expect(findings).toEqual(["SEC-1 aws_vpc_security_group_ingress_rule.admin: admits 0.0.0.0/0"]);
  });

  // Foreign Terraform records no profile: detection from what it builds, never silence.
  test.each<[string, TerraformJson, string[]]>([
    [
      "FIPS Airflow endpoints, as the MWAA guide spells them",
      {
        resource: {
          aws_vpc_endpoint: { env: { service_name: "com.amazonaws.us-east-1.airflow-fips.env", vpc_endpoint_type: "Interface" } },
        },
      },
      ["mwaa-private", "privatelink", "security"],
    ],
    [
      "an MWAA environment alone, in a VPC with a NAT gateway",
      { resource: { aws_mwaa_environment: { env: { name: "x" } }, aws_nat_gateway: { a: {} } } },
      ["mwaa-public", "mwaa-environment", "security"],
    ],
    [
      "an App Runner service without a connector in this module",
      { resource: { aws_apprunner_service: { api: { service_name: "api" } } } },
      ["apprunner", "security"],
    ],
    [
      "a gateway endpoint only",
      { resource: { aws_vpc_endpoint: { s3: { service_name: "com.amazonaws.us-east-1.s3", vpc_endpoint_type: "Gateway" } } } },
      ["security"],
    ],
  ])("detects %s", (_label, tf, expected) => {
    expect(detectProfiles(modelFromTerraformJson([tf as Record<string, unknown>], "x", "json"))).toEqual(expected);
  });

  /** Runs `fn` with CDKTF_OUTDIR pointing at a fresh folder (removed after), as the cdktf CLI sets it. */
  async function withCdktfOutdir(fn: (outdir: string) => Promise<void>): Promise<void> {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-cdktf-"));
    const saved = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      await fn(outdir);
    } finally {
      if (saved === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }

  test("the cdktf path (--cdktf, what cdktf synth and deploy run) stops on the same violations before cdktf writes anything", () => {
    const spy = jest.spyOn(MWAA_P5, "check").mockReturnValue([{ status: "fail", address: "-", message: "missing interface endpoint kms" }]);
    return withCdktfOutdir(async (outdir) => {
      const err: string[] = [];
      const code = await run(["--cdktf"], { out: () => undefined, err: (l) => err.push(l) });
      expect(code).toBe(1);
      expect(err[0]).toBe("error: mwaa-private: MWAA-P5 -: missing interface endpoint kms");
      expect(err[err.length - 1]).toBe("6 requirement violations in the generated Terraform; nothing was written."); // one per MWAA-private stack, the spoke too
      expect(fs.readdirSync(outdir)).toEqual([]);
    }).finally(() => spy.mockRestore());
  });

  test(
    "the cdktf path prints the same warnings as npm run synth and writes cdktf's stacks",
    () =>
      withCdktfOutdir(async (outdir) => {
        const viaCdktf: string[] = [];
        // On standard output: the cdktf CLI shows its app's standard error as [ERROR] lines.
        const stderr: string[] = [];
        expect(await run(["--cdktf"], { out: (l) => viaCdktf.push(l), err: (l) => stderr.push(l) })).toBe(0);
        expect(stderr).toEqual([]);
        const expected = synthesize(loadConfig(DEFAULT_CONFIG).plans).stacks.flatMap((st) => st.warnings.map(formatWarning));
        expect(viaCdktf).toEqual(expected);
        expect(expected.length).toBeGreaterThan(0);
        expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(
          loadConfig(DEFAULT_CONFIG)
            .plans.map((p) => p.name)
            .sort(),
        );
      }),
    60_000,
  );

  test("synth stops with every violation and writes nothing when a stack breaks a rule", () => {
    const spy = jest.spyOn(MWAA_P5, "check").mockReturnValue([{ status: "fail", address: "-", message: "missing interface endpoint kms" }]);
    try {
      expect(() => synthesize(loadConfig(DEFAULT_CONFIG).plans)).toThrow(ComplianceError);
      const out: string[] = [];
      const err: string[] = [];
      return run(["--out", path.join(require("os").tmpdir(), `pr-never-${process.pid}`)], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      }).then((code) => {
        expect(code).toBe(1);
        expect(err[0]).toBe("error: mwaa-private: MWAA-P5 -: missing interface endpoint kms");
        expect(err[err.length - 1]).toBe("6 requirement violations in the generated Terraform; nothing was written."); // one per MWAA-private stack, the spoke too
        expect(require("fs").existsSync(path.join(require("os").tmpdir(), `pr-never-${process.pid}`))).toBe(false);
      });
    } finally {
      spy.mockRestore();
    }
  });
});
