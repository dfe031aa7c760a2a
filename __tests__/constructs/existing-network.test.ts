import type { ExistingNetworkProps } from "../../src/constructs/existing-network";
import { checkExistingNetwork } from "../../src/plan/checks/network";
import { mwaaDeployment, planOf, synthDeployment } from "../support/fixtures";
import { MWAA_P1 } from "../../src/check/rules/mwaa-p1";
import { MWAA_P10 } from "../../src/check/rules/mwaa-p10";
import { MWAA_P4 } from "../../src/check/rules/mwaa-p4";
import { MWAA_P5 } from "../../src/check/rules/mwaa-p5";
import { MWAA_P6 } from "../../src/check/rules/mwaa-p6";
import { MWAA_P8 } from "../../src/check/rules/mwaa-p8";
import { MWAA_P9 } from "../../src/check/rules/mwaa-p9";
import { clone, resourcesOf, ruleViolations, TerraformJson } from "../support/terraform-json";
import { deploymentSchema } from "../../src/config/schema";
import type { DeploymentConfig } from "../../src/config/schema";
import { synthesize } from "../../src/synth/synthesize";

const existing: ExistingNetworkProps = {
  region: "us-east-1",
  vpcId: "vpc-0a1b2c3d4e5f67890",
  cidrBlock: "172.31.0.0/16",
  privateSubnets: [
    { subnetId: "subnet-0a1b2c3d4e5f67890", availabilityZone: "us-east-1a" },
    { subnetId: "subnet-0b1c2d3e4f5a67891", availabilityZone: "us-east-1b" },
  ],
  routeTableIds: ["rtb-0a1b2c3d4e5f67890"],
};
const existingConfig = {
  vpcId: existing.vpcId,
  cidrBlock: existing.cidrBlock,
  privateSubnets: [...existing.privateSubnets],
  routeTableIds: [...existing.routeTableIds],
  existingEndpoints: [] as string[],
};
const { tf } = synthDeployment(mwaaDeployment({ network: undefined, existingNetwork: existingConfig }));

describe("ExistingNetwork", () => {
  describe("MWAA in an existing VPC", () => {
    test("MWAA-G3: the required endpoints and the security group are created in the existing VPC and subnets, and nothing else", () => {
      expect(Object.keys(tf.resource!).sort()).toEqual([
        "aws_security_group",
        "aws_vpc_endpoint",
        "aws_vpc_security_group_egress_rule",
        "aws_vpc_security_group_ingress_rule",
      ]);
      expect(ruleViolations(MWAA_P5, tf)).toEqual([]);
      const endpoints = Object.values(resourcesOf(tf, "aws_vpc_endpoint"));
      expect(endpoints).toHaveLength(10);
      for (const e of endpoints) expect(e.vpc_id).toBe("vpc-0a1b2c3d4e5f67890");
      for (const e of endpoints.filter((x) => x.vpc_endpoint_type === "Interface"))
        expect(e.subnet_ids).toEqual(["subnet-0a1b2c3d4e5f67890", "subnet-0b1c2d3e4f5a67891"]);
      expect(resourcesOf(tf, "aws_vpc_endpoint").mwaa_s3.route_table_ids).toEqual(["rtb-0a1b2c3d4e5f67890"]);
      expect(resourcesOf(tf, "aws_security_group").mwaa.vpc_id).toBe("vpc-0a1b2c3d4e5f67890");
      expect(ruleViolations(MWAA_P1, tf)).toEqual([]);
      expect(ruleViolations(MWAA_P8, tf)).toEqual([]);
      expect(ruleViolations(MWAA_P9, tf)).toEqual([]);
      expect(ruleViolations(MWAA_P10, tf)).toEqual([]);
    });

    test("MWAA-G3 (failing case): an existing-VPC stack without the sqs endpoint is a violation", () => {
      const broken = clone(tf);
      delete broken.resource!.aws_vpc_endpoint.mwaa_sqs;
      expect(ruleViolations(MWAA_P5, broken)).toEqual(["-: missing interface endpoint sqs"]);
    });

    test("MWAA-P6 holds for the endpoints (the existing VPC's DNS attributes are its owner's, as the README says)", () => {
      expect(ruleViolations(MWAA_P6, tf)).toEqual([]); // no aws_vpc resource here: only the endpoints' private DNS is checked
      expect(
        Object.values(resourcesOf(tf, "aws_vpc_endpoint"))
          .filter((e) => e.vpc_endpoint_type === "Interface")
          .every((e) => e.private_dns_enabled),
      ).toBe(true);
    });

    test("outputs name the existing IDs", () => {
      expect(tf.output!.vpc_id.value).toBe("vpc-0a1b2c3d4e5f67890");
      expect(tf.output!.private_subnet_ids.value).toEqual(["subnet-0a1b2c3d4e5f67890", "subnet-0b1c2d3e4f5a67891"]);
      expect(tf.output!.private_route_table_ids.value).toEqual(["rtb-0a1b2c3d4e5f67890"]);
    });
  });

  describe("props validation", () => {
    test.each<[Partial<typeof existingConfig>, string[]]>([
      [{ vpcId: "vpc-123" }, ['`vpcId` must be a VPC ID (vpc- and 8 or 17 hex digits), got: "vpc-123"']],
      [{ cidrBlock: "172.31.0.0/33" }, ['`cidrBlock` must be an IPv4 CIDR block such as 10.0.0.0/16, got: "172.31.0.0/33"']],
      [
        { privateSubnets: [existing.privateSubnets[0]] },
        [
          '`privateSubnets` must list 2 to 6 private subnets in different Availability Zones, got: [{"subnetId":"subnet-0a1b2c3d4e5f67890","availabilityZone":"us-east-1a"}]',
        ],
      ],
      [
        { privateSubnets: [existing.privateSubnets[0], { subnetId: "subnet-0b1c2d3e4f5a67891", availabilityZone: "us-east-1a" }] },
        [
          '`privateSubnets[1].availabilityZone` must differ from the other subnets\' Availability Zones (one subnet per AZ), got: "us-east-1a"',
        ],
      ],
      [
        { privateSubnets: [existing.privateSubnets[0], { subnetId: "subnet-0a1b2c3d4e5f67890", availabilityZone: "us-east-1b" }] },
        ['`privateSubnets[1].subnetId` must not repeat a subnet, got: "subnet-0a1b2c3d4e5f67890"'],
      ],
      [
        { privateSubnets: [existing.privateSubnets[0], { subnetId: "subnet-x", availabilityZone: "eu-west-1b" }] },
        [
          '`privateSubnets[1].subnetId` must be a subnet ID (subnet- and 8 or 17 hex digits), got: "subnet-x"',
          '`privateSubnets[1].availabilityZone` must be an Availability Zone of the deployment\'s Region us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f), got: "eu-west-1b"',
        ],
      ],
      [{ routeTableIds: [] }, ["`routeTableIds` must name the private subnets' route tables (at least one), got: []"]],
      [{ routeTableIds: ["rt-1"] }, ['`routeTableIds[0]` must be a route table ID (rtb- and 8 or 17 hex digits), got: "rt-1"']],
    ])("rejects %j", (override, messages) => {
      expect(
        checkExistingNetwork({ ...existingConfig, ...override }, existing.region).map(
          (p) => `\`${p.path}\` ${p.rule}, got: ${JSON.stringify(p.value)}`,
        ),
      ).toEqual(messages);
      // The shipped planner reports it under the deployment's existingNetwork.
      expect(() => planOf(mwaaDeployment({ network: undefined, existingNetwork: { ...existingConfig, ...override } }))).toThrow(
        messages[0].replace("`", "`existingNetwork."),
      );
    });
  });

  describe("endpoints the VPC already has (existingNetwork.existingEndpoints)", () => {
    /** The shipped render of a deployment (with the `//` record that Testing.synth leaves out). */
    const renderedJson = (d: DeploymentConfig): TerraformJson => synthesize([planOf(d)]).stacks[0].terraform as TerraformJson;
    const withExisting = (existingEndpoints: string[], more: Partial<DeploymentConfig> = {}) =>
      mwaaDeployment({ network: undefined, existingNetwork: { ...existingConfig, existingEndpoints }, ...more });

    test("none is made for them (a second private-DNS endpoint would fail); the plan records them, and the checker counts them as present", () => {
      const plan = planOf(withExisting(["logs", "s3"]));
      expect(plan.mwaa!.interfaceServices).toEqual([
        "airflow.api",
        "airflow.env",
        "airflow.ops",
        "ecr.api",
        "ecr.dkr",
        "kms",
        "monitoring",
        "sqs",
      ]);
      expect(plan.mwaa!.s3GatewayEndpoint).toBe(false);
      expect(plan.providedByVpc).toEqual(["logs", "s3"]);
      const t = renderedJson(withExisting(["logs", "s3"]));
      expect(Object.keys(resourcesOf(t, "aws_vpc_endpoint"))).not.toContain("mwaa_logs");
      expect(Object.keys(resourcesOf(t, "aws_vpc_endpoint"))).not.toContain("mwaa_s3");
      expect(ruleViolations(MWAA_P5, t)).toEqual([]);
      expect(ruleViolations(MWAA_P4, t)).toEqual([]);
    });

    test("MWAA-P5 (failing case, the shipped rule): without the output recording what the VPC provides, the missing endpoints are violations", () => {
      const t = renderedJson(withExisting(["logs", "s3"]));
      expect(t.output!.provided_by_vpc_endpoints).toEqual({
        value: ["logs", "s3"],
        description: "Endpoint services the VPC already has endpoints for (existingNetwork.existingEndpoints): none is made for them here",
      });
      const broken = clone(t);
      delete broken.output!.provided_by_vpc_endpoints;
      expect(ruleViolations(MWAA_P5, broken)).toEqual(["-: missing interface endpoint logs", "-: missing gateway endpoint s3"]);
    });

    test.each<[string, string[], Partial<DeploymentConfig>, string[]]>([
      [
        "a name outside the catalogue",
        ["logz"],
        {},
        ['`existingNetwork.existingEndpoints[0]` must name a service of the endpoint catalogue (the one its endpoint is for), got: "logz"'],
      ],
      ["a name listed twice", ["kms", "kms"], {}, ['`existingNetwork.existingEndpoints[1]` must be listed once, got: "kms"']],
      [
        "an extra MWAA endpoint the VPC has",
        ["sts"],
        { mwaa: { ...mwaaDeployment().mwaa!, extraEndpoints: ["sts"] } },
        ['`mwaa.extraEndpoints[0]` is provided by the VPC (existingNetwork.existingEndpoints): remove it here, got: "sts"'],
      ],
      [
        "a PrivateLink endpoint the VPC has",
        ["sts"],
        { mwaa: undefined, endpoints: { policy: "allow-all", services: ["sts"] } },
        [
          '`endpoints.services[0].service` is provided by the VPC (existingNetwork.existingEndpoints): a second endpoint for it cannot be made; remove it here, got: "sts"',
        ],
      ],
    ])("%s is a configuration problem", (_what, existingEndpoints, more, messages) => {
      expect(() => planOf(withExisting(existingEndpoints, more))).toThrow(messages.join("\n"));
    });

    test("App Runner reuses an endpoint the VPC has, and warns that a gateway endpoint's prefix list is not known here", () => {
      const plan = planOf(
        deploymentSchema.parse({
          name: "t",
          region: "us-east-1",
          existingNetwork: { ...existingConfig, existingEndpoints: ["sts", "s3"] },
          apprunner: {
            connectorName: "orders-connector",
            awsServices: ["sts", "s3"],
            services: [{ name: "orders-api", image: { identifier: "public.ecr.aws/nginx/nginx:latest", repositoryType: "ECR_PUBLIC" } }],
          },
        }),
      );
      expect(plan.endpoints).toBeUndefined();
      expect(plan.warnings.map((w) => `${w.path}: ${w.message}`)).toContainEqual(
        "apprunner.awsServices[1]: s3 is reached through the VPC's own gateway endpoint (existingNetwork.existingEndpoints), whose prefix list this configuration does not know: the connector's security group gets no outbound rule to it; add one to its prefix list (com.amazonaws.us-east-1.s3) beside this module",
      );
    });
  });
});
