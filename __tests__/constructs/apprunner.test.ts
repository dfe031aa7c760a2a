import { ApprunnerVpcConnector } from "../../src/cdk/aws";
import { checkAppRunner, checkAppRunnerService } from "../../src/plan/apprunner";
import { readableName } from "../../src/constructs/readable-names";
import { terraformNamePart } from "../../src/terraform-names";
import type { NetworkFacts } from "../../src/plan/types";
import type { DeploymentConfig } from "../../src/config/schema";
import { synthesize } from "../../src/synth/synthesize";
import { configProblems, existingNet, mwaaDeployment, net, synthDeployment, planOf } from "../support/fixtures";
import { APR_2 } from "../../src/check/rules/apr-2";
import { APR_6 } from "../../src/check/rules/apr-6";
import { APR_9 } from "../../src/check/rules/apr-9";
import { SEC_NO_CREDENTIALS_IN_PLAIN_TEXT } from "../../src/check/rules/sec-no-credentials-in-plain-text";
import { modelFromTerraformJson } from "../../src/check/model";
import { Attrs, clone, decodeJsonencode, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

type AppRunnerConfig = NonNullable<DeploymentConfig["apprunner"]>;
type ServiceConfig = AppRunnerConfig["services"][number];

const service = (over: Partial<ServiceConfig> = {}): ServiceConfig => ({
  name: "orders-api",
  image: { identifier: "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1", repositoryType: "ECR", port: 8080 },
  cpu: "1 vCPU",
  memory: "2 GB",
  private: false,
  ...over,
});

function deployment(
  a: Partial<AppRunnerConfig>,
  network = net({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] }),
): DeploymentConfig {
  return mwaaDeployment({
    mwaa: undefined,
    network,
    apprunner: {
      connectorName: "orders-connector",
      excludeAvailabilityZones: [],
      egress: [],
      awsServices: [],
      services: [service()],
      ...a,
    },
  });
}

const full = synthDeployment(
  deployment({
    egress: [
      { cidr: "10.80.0.0/16", port: 5432 },
      { cidr: "10.0.48.0/24", port: 6379 },
    ],
    awsServices: ["secretsmanager", "dynamodb"],
    services: [
      service({ secrets: { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-AbCdEf" }, private: true }),
      service({
        name: "orders-worker",
        image: { identifier: "public.ecr.aws/example/worker:1", repositoryType: "ECR_PUBLIC", port: 8080 },
      }),
    ],
  }),
);
const tf = full.tf;
const connectorSg = ref("aws_security_group", "apprunner_connector");
/** A destination given as a security group: only in an existing VPC (a new VPC cannot hold an existing group). */
const inExistingVpc = synthDeployment(
  mwaaDeployment({
    mwaa: undefined,
    network: undefined,
    existingNetwork: existingNet(),
    apprunner: {
      connectorName: "orders-connector",
      excludeAvailabilityZones: [],
      egress: [{ securityGroupId: "sg-0a1b2c3d4e5f67890", port: 6379 }],
      awsServices: [],
      services: [service()],
    },
  }),
).tf;
const subnets = ["us_east_1a", "us_east_1b", "us_east_1c"].map((az) => ref("aws_subnet", `network_private_${az}`));

describe("AppRunnerConnector", () => {
  describe("subnets and security groups", () => {
    test("APR-1: one private subnet per AZ and a dedicated security group (the provider requires one)", () => {
      expect(resourcesOf(tf, "aws_apprunner_vpc_connector").apprunner).toEqual({
        vpc_connector_name: "orders-connector",
        subnets,
        security_groups: [connectorSg],
        tags: { Name: "orders-connector" },
      });
      expect(full.text).toHaveResourceWithProperties(ApprunnerVpcConnector, { vpc_connector_name: "orders-connector" });
    });

    test("APR-1: fewer than three AZs is a warning, not an error; one AZ is an error", () => {
      const two = synthesize([planOf(deployment({ awsServices: ["sts"] }, net({})))]);
      expect(two.stacks[0].warnings.map((w) => w.message)).toEqual([
        "the App Runner connector orders-connector uses 2 Availability Zones; AWS recommends three for high availability (APR-1)",
      ]);
      expect(check({ excludeAvailabilityZones: ["us-east-1b", "us-east-1c"] })).toEqual([
        '`excludeAvailabilityZones` must leave the connector at least 2 Availability Zones (APR-1), 1 left, got: ["us-east-1b","us-east-1c"]',
      ]);
    });

    test("APR-2: with public routing the connector still uses only the private subnets", () => {
      const pub = synthDeployment(deployment({}, net({ routing: "public" }))).tf;
      expect(ruleViolations(APR_2, pub)).toEqual([]);
      expect(resourcesOf(pub, "aws_apprunner_vpc_connector").apprunner.subnets).toEqual([
        ref("aws_subnet", "network_private_us_east_1a"),
        ref("aws_subnet", "network_private_us_east_1b"),
      ]);
    });

    test("APR-2 (failing case): a connector on a public subnet is a violation (the plan only ever gives it private subnets)", () => {
      const pub = clone(synthDeployment(deployment({}, net({ routing: "public" }))).tf);
      pub.resource!.aws_apprunner_vpc_connector.apprunner.subnets = [ref("aws_subnet", "network_public_us_east_1a")];
      expect(ruleViolations(APR_2, pub)).toEqual([
        "aws_apprunner_vpc_connector.apprunner: uses public subnet aws_subnet.network_public_us_east_1a",
      ]);
    });

    test("APR-3 (failing case): IPv6-only subnets are rejected", () => {
      expect(check({}, "ipv6")).toEqual([
        '`connectorName` needs IPv4 subnets: App Runner\'s outgoing traffic is IPv4 only and IPv6-only subnets are rejected (APR-3), got: "orders-connector"',
      ]);
    });

    test("APR-5: an AZ App Runner does not support can be left out", () => {
      const t = synthDeployment(deployment({ excludeAvailabilityZones: ["us-east-1c"] })).tf;
      expect(resourcesOf(t, "aws_apprunner_vpc_connector").apprunner.subnets).toEqual(subnets.slice(0, 2));
    });

    test("APR-7: one connector for every service of the deployment", () => {
      expect(Object.keys(resourcesOf(tf, "aws_apprunner_vpc_connector"))).toEqual(["apprunner"]);
      const arns = Object.values(resourcesOf(tf, "aws_apprunner_service")).map(
        (s) => s.network_configuration.egress_configuration.vpc_connector_arn,
      );
      expect(arns).toEqual([
        ref("aws_apprunner_vpc_connector", "apprunner", "arn"),
        ref("aws_apprunner_vpc_connector", "apprunner", "arn"),
      ]);
    });

    test("APR-9: outbound rules to the named destinations only, and the matching inbound rule on a destination group", () => {
      expect(ruleViolations(APR_9, tf)).toEqual([]);
      expect(ruleViolations(APR_9, inExistingVpc)).toEqual([]);
      const egress = Object.values(resourcesOf(tf, "aws_vpc_security_group_egress_rule")).filter(
        (e) => e.security_group_id === connectorSg,
      );
      expect(egress.map((e) => [e.ip_protocol, e.from_port, e.cidr_ipv4 ?? e.referenced_security_group_id ?? e.prefix_list_id])).toEqual([
        ["tcp", 5432, "10.80.0.0/16"],
        ["tcp", 6379, "10.0.48.0/24"],
        ["tcp", 443, "10.0.0.0/16"],
        ["tcp", 443, ref("aws_vpc_endpoint", "endpoints_dynamodb", "prefix_list_id")],
      ]);
      expect(egress.some((e) => e.cidr_ipv4 === "0.0.0.0/0")).toBe(false);
      expect(resourcesOf(inExistingVpc, "aws_vpc_security_group_ingress_rule").apprunner_connector_to_destination_0).toMatchObject({
        security_group_id: "sg-0a1b2c3d4e5f67890",
        referenced_security_group_id: connectorSg,
        from_port: 6379,
      });
    });

    test("APR-9 (failing case): a destination group without the inbound rule is a violation; an existing group's own rules cannot be seen", () => {
      const broken = clone(inExistingVpc);
      delete broken.resource!.aws_vpc_security_group_ingress_rule.apprunner_connector_to_destination_0;
      // The example's destination is an existing group (sg-…): its rules made elsewhere are not in the configuration.
      const findings = APR_9.check(modelFromTerraformJson([broken as Record<string, unknown>], "test", "json"));
      expect(findings).toEqual([
        {
          status: "unverifiable",
          address: "aws_vpc_security_group_egress_rule.apprunner_connector_egress_0",
          message: "sg-0a1b2c3d4e5f67890 is not made here and has no inbound rule from the connector here; check its own rules",
        },
      ]);
      broken.resource!.aws_security_group = { cache: { name: "cache", vpc_id: "vpc-0a1b2c3d4e5f67890" } };
      broken.resource!.aws_vpc_security_group_egress_rule.apprunner_connector_egress_0.referenced_security_group_id = ref(
        "aws_security_group",
        "cache",
      );
      expect(ruleViolations(APR_9, broken)).toEqual([
        "aws_vpc_security_group_egress_rule.apprunner_connector_egress_0: aws_security_group.cache has no inbound rule from the connector's group on tcp 6379-6379",
      ]);
    });
  });

  describe("credentials in plain text", () => {
    test("an environment value that carries a credential is refused without being echoed", () => {
      const problems = configProblems({
        network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
        apprunner: {
          connectorName: "orders-connector",
          services: [
            {
              name: "orders-api",
              image: { identifier: "public.ecr.aws/x/y:1", repositoryType: "ECR_PUBLIC" },
              environment: { DATABASE_URL: "postgres://orders:hunter2@db.internal:5432/orders", LOG_LEVEL: "info" },
            },
          ],
        },
      });
      expect(problems).toEqual([
        '`deployments[0].apprunner.services[0].environment.DATABASE_URL` carries a URL with a password in it: put it in Secrets Manager or SSM and its ARN under secrets instead, so no value lands in generated files, got: "(hidden)"',
      ]);
      expect(problems.join("\n")).not.toContain("hunter2");
    });

    test("SEC-3 (the shipped rule): a credential in a service's runtime environment variables is a violation, its value never shown", () => {
      expect(ruleViolations(SEC_NO_CREDENTIALS_IN_PLAIN_TEXT, tf)).toEqual([]);
      const broken = clone(tf);
      broken.resource!.aws_apprunner_service.apprunner_orders_api.source_configuration.image_repository.image_configuration.runtime_environment_variables =
        { DATABASE_URL: "postgres://orders:hunter2@db.internal:5432/orders" };
      expect(ruleViolations(SEC_NO_CREDENTIALS_IN_PLAIN_TEXT, broken)).toEqual([
        "aws_apprunner_service.apprunner_orders_api: DATABASE_URL carries a URL with a password in it",
      ]);
    });
  });

  describe("reachability", () => {
    test("a destination group cannot be reached from a VPC the deployment creates: an error naming the field", () => {
      expect(
        configProblems({
          network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
          apprunner: {
            connectorName: "orders-connector",
            egress: [{ securityGroupId: "sg-0a1b2c3d4e5f67890", port: 6379 }],
            services: [{ name: "orders-api", image: { identifier: "public.ecr.aws/x/y:1", repositoryType: "ECR_PUBLIC" } }],
          },
        }),
      ).toEqual([
        '`deployments[0].apprunner.egress[0].securityGroupId` cannot be reached from the VPC this deployment creates: an existing group is in another VPC, and a rule referencing a group in another VPC needs an active VPC peering connection, which is not configured here; give a CIDR instead, got: "sg-0a1b2c3d4e5f67890"',
      ]);
    });

    test("a destination CIDR outside the new VPC is written, with a warning that nothing routes it", () => {
      expect(full.stack.warnings.filter((w) => w.path.startsWith("apprunner.egress")).map((w) => `${w.path}: ${w.message}`)).toEqual([
        'apprunner.egress[0].cidr: 10.80.0.0/16 (App Runner destination "10.80.0.0/16") is outside the VPC (10.0.0.0/16) and its private route tables have only the VPC-local route: the security group allows the traffic but nothing routes it; add a route to 10.80.0.0/16 (VPC peering, Transit Gateway or VPN) to network.extraRoutes',
      ]);
    });
  });

  describe("reaching AWS without internet", () => {
    test("APR-4: the AWS services the application calls become endpoints, and the connector may reach them", () => {
      const endpoints = resourcesOf(tf, "aws_vpc_endpoint");
      expect(Object.fromEntries(Object.entries(endpoints).map(([n, e]) => [n, `${e.vpc_endpoint_type} ${e.service_name}`]))).toEqual({
        apprunner_requests: "Interface com.amazonaws.us-east-1.apprunner.requests",
        endpoints_dynamodb: "Gateway com.amazonaws.us-east-1.dynamodb",
        endpoints_secretsmanager: "Interface com.amazonaws.us-east-1.secretsmanager",
      });
    });

    test("APR-4 (failing case): services with no NAT and no endpoints get a warning", () => {
      const none = synthesize([planOf(deployment({ awsServices: [] }))]);
      expect(none.stacks[0].warnings.map((w) => w.message)).toContain(
        "App Runner services in test-mwaa have no route out of the VPC and no VPC endpoints: they cannot call any AWS API (APR-4); list them under apprunner.awsServices",
      );
      const withNat = synthesize([
        planOf(deployment({ awsServices: [] }, net({ routing: "public", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] }))),
      ]);
      expect(withNat.stacks[0].warnings.map((w) => w.message)).toEqual([]);
    });
  });
});

describe("AppRunnerService", () => {
  const svc = () => resourcesOf(tf, "aws_apprunner_service").apprunner_orders_api;

  test("APR-6: the service sends all outgoing traffic through the connector", () => {
    expect(ruleViolations(APR_6, tf)).toEqual([]);
    expect(svc().network_configuration.egress_configuration).toEqual({
      egress_type: "VPC",
      vpc_connector_arn: ref("aws_apprunner_vpc_connector", "apprunner", "arn"),
    });
  });

  test("APR-6 (failing case): a service with DEFAULT egress is a violation", () => {
    const broken = clone(tf);
    broken.resource!.aws_apprunner_service.apprunner_orders_api.network_configuration.egress_configuration = { egress_type: "DEFAULT" };
    expect(ruleViolations(APR_6, broken)).toEqual([
      "aws_apprunner_service.apprunner_orders_api: does not send its traffic through a VPC connector",
    ]);
  });

  test("APR-8: a private service has no public endpoint, an apprunner.requests endpoint in every connector AZ with 443 from the VPC and no policy, and a VPC ingress connection", () => {
    expect(svc().network_configuration.ingress_configuration).toEqual({ is_publicly_accessible: false });
    const requests = resourcesOf(tf, "aws_vpc_endpoint").apprunner_requests;
    expect(requests).toMatchObject({
      subnet_ids: subnets,
      private_dns_enabled: false,
      security_group_ids: [ref("aws_security_group", "apprunner_requests")],
    });
    expect(requests.policy).toBeUndefined();
    expect(resourcesOf(tf, "aws_vpc_security_group_ingress_rule").apprunner_requests_https_vpc).toMatchObject({
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "10.0.0.0/16",
    });
    expect(resourcesOf(tf, "aws_apprunner_vpc_ingress_connection").apprunner_orders_api_ingress).toEqual({
      name: "orders-api",
      service_arn: ref("aws_apprunner_service", "apprunner_orders_api", "arn"),
      ingress_vpc_configuration: { vpc_id: ref("aws_vpc", "network"), vpc_endpoint_id: ref("aws_vpc_endpoint", "apprunner_requests") },
      tags: { Name: "orders-api" },
    });
    expect((tf.output!.apprunner_private_domain_names.value as Attrs)["orders-api"]).toBe(
      ref("aws_apprunner_vpc_ingress_connection", "apprunner_orders_api_ingress", "domain_name"),
    );
  });

  test("APR-8 (failing case): a public service gets no ingress connection", () => {
    const worker = resourcesOf(tf, "aws_apprunner_service").apprunner_orders_worker;
    expect(worker.network_configuration.ingress_configuration).toEqual({ is_publicly_accessible: true });
    expect(Object.keys(resourcesOf(tf, "aws_apprunner_vpc_ingress_connection"))).toEqual(["apprunner_orders_api_ingress"]);
  });

  test("secrets are ARNs read by an instance role allowed exactly those ARNs; ECR images use the managed ECR-access role", () => {
    expect(svc().source_configuration.image_repository.image_configuration.runtime_environment_secrets).toEqual({
      DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-AbCdEf",
    });
    const policy = decodeJsonencode(resourcesOf(tf, "aws_iam_role_policy").apprunner_orders_api_instance.policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "ReadSecrets",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-AbCdEf"],
      },
    ]);
    expect(resourcesOf(tf, "aws_iam_role_policy_attachment").apprunner_orders_api_access.policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess",
    );
    expect(resourcesOf(tf, "aws_iam_role").apprunner_orders_worker_access).toBeUndefined(); // ECR Public needs no access role
  });

  test("the service is created after its roles' policies: App Runner checks the access role at create time", () => {
    expect(svc().depends_on).toEqual([
      "aws_iam_role_policy_attachment.apprunner_orders_api_access",
      "aws_iam_role_policy.apprunner_orders_api_instance",
    ]);
    // ECR Public, no secrets: no role, nothing to wait for.
    expect(resourcesOf(tf, "aws_apprunner_service").apprunner_orders_worker.depends_on).toBeUndefined();
  });

  test.each<[Record<string, unknown>, string[]]>([
    [{ name: "api" }, ['`name` must be 4-40 characters of A-Z, a-z, 0-9, - and _ (App Runner service name; has 3), got: "api"']],
    [
      { secrets: { DB_PASSWORD: "hunter2" } },
      [
        '`secrets.DB_PASSWORD` must be the ARN of a Secrets Manager secret or an SSM parameter, never a value (secrets do not go into generated files), got: "(hidden)"',
      ],
    ],
    [
      { environment: { DB_PASSWORD: "hunter2" } },
      [
        '`environment.DB_PASSWORD` looks like a secret: put it in Secrets Manager or SSM and its ARN under secrets instead, so no value lands in generated files, got: "(hidden)"',
      ],
    ],
    [
      { image: { identifier: "nginx:latest", repositoryType: "ECR", port: 8080 } },
      ['`image.identifier` must be an ECR image: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>, got: "nginx:latest"'],
    ],
    [
      { autoScaling: { minSize: 3, maxSize: 2, maxConcurrency: 100 } },
      ["`autoScaling.maxSize` must be a whole number from minSize to 25, got: 2"],
    ],
  ])("rejects %j", (override, messages) => {
    const problems = checkAppRunnerService({ ...service(), ...override } as ServiceConfig);
    expect(problems.map((p) => `\`${p.path}\` ${p.rule}, got: ${JSON.stringify(p.value)}`)).toEqual(messages);
  });
});

test("two services whose names differ only in - and _ (one Terraform address) are refused, not an internal error", () => {
  const named = (...names: string[]) => check({ services: names.map((name) => ({ ...service(), name })) as ServiceConfig[] });
  expect(named("orders-api", "orders_api")).toEqual([
    '`services[1].name` must be unique (names that differ only in - or _ give the same Terraform address); services[0] has the same name, got: "orders_api"',
  ]);
  // A trailing - is dropped as readableName drops it; case is kept, as it keeps it.
  expect(named("orders", "orders-")).toHaveLength(1);
  expect(named("Orders-Api", "orders-api")).toEqual([]);
  for (const name of ["orders-api", "orders_-api", "-x-", "A.b"]) expect(terraformNamePart(name)).toBe(readableName([name]));
});

function check(over: Partial<AppRunnerConfig>, subnetIpAddressType: NetworkFacts["subnetIpAddressType"] = "ipv4"): string[] {
  const facts: NetworkFacts = {
    region: "us-east-1",
    routing: "private",
    subnetIpAddressType,
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    providedEndpoints: [],
    routedCidrs: [],
    newVpc: true,
    vpcCidrBlock: "10.0.0.0/16",
  };
  const a: AppRunnerConfig = {
    connectorName: "orders-connector",
    excludeAvailabilityZones: [],
    egress: [],
    awsServices: [],
    services: [],
    ...over,
  };
  return checkAppRunner(a, facts).map((p) => `\`${p.path}\` ${p.rule}, got: ${JSON.stringify(p.value)}`);
}
