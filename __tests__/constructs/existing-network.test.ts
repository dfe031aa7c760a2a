import type { ExistingNetworkProps } from "../../src/constructs/existing-network";
import { checkExistingNetwork } from "../../src/plan/checks/network";
import { mwaaDeployment, planOf, synthDeployment } from "../support/fixtures";
import { MWAA_P1 } from "../../src/check/rules/mwaa-p1";
import { MWAA_P10 } from "../../src/check/rules/mwaa-p10";
import { MWAA_P5 } from "../../src/check/rules/mwaa-p5";
import { MWAA_P6 } from "../../src/check/rules/mwaa-p6";
import { MWAA_P8 } from "../../src/check/rules/mwaa-p8";
import { MWAA_P9 } from "../../src/check/rules/mwaa-p9";
import { clone, resourcesOf, ruleViolations } from "../support/terraform-json";

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
    test.each<[Partial<ExistingNetworkProps>, string[]]>([
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
          '`privateSubnets[1].availabilityZone` must be an Availability Zone of the deployment\'s Region us-east-1, got: "eu-west-1b"',
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
});
