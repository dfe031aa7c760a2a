import { SecurityGroup, VpcEndpoint, VpcSecurityGroupIngressRule } from "../../src/cdk/aws";
import type { DeploymentConfig } from "../../src/config/schema";
import { mwaaDeployment, mwaaOptions, net, planOf, planProblems, synthDeployment } from "../support/fixtures";
import { modelFromTerraformJson } from "../../src/check/model";
import { MWAA_P1 } from "../../src/check/rules/mwaa-p1";
import { MWAA_P10 } from "../../src/check/rules/mwaa-p10";
import { MWAA_P5 } from "../../src/check/rules/mwaa-p5";
import { MWAA_P6 } from "../../src/check/rules/mwaa-p6";
import { MWAA_P7 } from "../../src/check/rules/mwaa-p7";
import { MWAA_P8 } from "../../src/check/rules/mwaa-p8";
import { MWAA_P9 } from "../../src/check/rules/mwaa-p9";
import { SEC_NO_INGRESS_FROM_ANYWHERE } from "../../src/check/rules/sec-no-ingress-from-anywhere";
import { clone, decodeJsonencode, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

const { tf, text } = synthDeployment(mwaaDeployment());
const endpoints = resourcesOf(tf, "aws_vpc_endpoint");
const interfaceNames = Object.keys(endpoints).filter((n) => endpoints[n].vpc_endpoint_type === "Interface");
const sg = ref("aws_security_group", "mwaa");

describe("MwaaNetwork", () => {
  describe("security group", () => {
    test("MWAA-P1: self-referencing all-traffic inbound rule and all-traffic outbound rule to 0.0.0.0/0", () => {
      expect(ruleViolations(MWAA_P1, tf)).toEqual([]);
      expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        security_group_id: sg,
        referenced_security_group_id: sg,
        ip_protocol: "-1",
      });
      expect(Object.keys(resourcesOf(tf, "aws_security_group"))).toEqual(["mwaa"]);
      expect(resourcesOf(tf, "aws_security_group").mwaa).toMatchObject({ vpc_id: ref("aws_vpc", "network"), name: "test-env-mwaa" });
    });

    test("MWAA-P1 (failing case): a rule from 0.0.0.0/0 or a missing outbound rule is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_security_group_ingress_rule.mwaa_ingress_self.cidr_ipv4 = "0.0.0.0/0";
      delete broken.resource!.aws_vpc_security_group_ingress_rule.mwaa_ingress_self.referenced_security_group_id;
      delete broken.resource!.aws_vpc_security_group_egress_rule;
      expect(ruleViolations(MWAA_P1, broken)).toEqual([
        "aws_security_group.mwaa: no self-referencing inbound rule for all traffic (or for TCP 443 and 5432)",
        "aws_security_group.mwaa: no outbound rule allowing all traffic to 0.0.0.0/0",
      ]);
      // The open rule itself is the security rule's finding (SEC-1), on the same mutated synth.
      expect(ruleViolations(SEC_NO_INGRESS_FROM_ANYWHERE, broken)).toEqual([
        "aws_vpc_security_group_ingress_rule.mwaa_ingress_self: admits 0.0.0.0/0",
      ]);
    });

    test("MWAA-P1 hardening: inbound only TCP 443 and 5432 from the group itself", () => {
      const hardened = synthDeployment(mwaaDeployment(mwaaOptions({ hardenedSecurityGroup: true }))).tf;
      expect(ruleViolations(MWAA_P1, hardened)).toEqual([]);
      // Exactly two inbound rules, both from the group itself; nothing else is admitted.
      expect(resourcesOf(hardened, "aws_vpc_security_group_ingress_rule")).toEqual({
        mwaa_ingress_https_self: expect.objectContaining({
          security_group_id: sg,
          referenced_security_group_id: sg,
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
        }),
        mwaa_ingress_postgres_self: expect.objectContaining({
          security_group_id: sg,
          referenced_security_group_id: sg,
          ip_protocol: "tcp",
          from_port: 5432,
          to_port: 5432,
        }),
      });
    });

    test("no security group rule admits 0.0.0.0/0 inbound", () => {
      for (const r of Object.values(resourcesOf(tf, "aws_vpc_security_group_ingress_rule"))) {
        expect(r.cidr_ipv4).toBeUndefined();
        expect(r.cidr_ipv6).toBeUndefined();
      }
    });
  });

  describe("endpoints", () => {
    test("MWAA-P5: the S3 gateway endpoint and the nine required interface endpoints, in the Region", () => {
      expect(ruleViolations(MWAA_P5, tf)).toEqual([]);
      expect(Object.fromEntries(Object.entries(endpoints).map(([n, e]) => [n, `${e.vpc_endpoint_type} ${e.service_name}`]))).toEqual({
        mwaa_airflow_api: "Interface com.amazonaws.us-east-1.airflow.api",
        mwaa_airflow_env: "Interface com.amazonaws.us-east-1.airflow.env",
        mwaa_airflow_ops: "Interface com.amazonaws.us-east-1.airflow.ops",
        mwaa_ecr_api: "Interface com.amazonaws.us-east-1.ecr.api",
        mwaa_ecr_dkr: "Interface com.amazonaws.us-east-1.ecr.dkr",
        mwaa_kms: "Interface com.amazonaws.us-east-1.kms",
        mwaa_logs: "Interface com.amazonaws.us-east-1.logs",
        mwaa_monitoring: "Interface com.amazonaws.us-east-1.monitoring",
        mwaa_sqs: "Interface com.amazonaws.us-east-1.sqs",
        mwaa_s3: "Gateway com.amazonaws.us-east-1.s3",
      });
    });

    test("MWAA-P5 (failing case): dropping the kms endpoint is a violation", () => {
      const broken = clone(tf);
      delete broken.resource!.aws_vpc_endpoint.mwaa_kms;
      expect(ruleViolations(MWAA_P5, broken)).toEqual(["-: missing interface endpoint kms"]);
    });

    test("MWAA-P5 extras: secretsmanager, sts and the FIPS Airflow endpoints when asked", () => {
      const extra = synthDeployment(
        mwaaDeployment(mwaaOptions({ extraEndpoints: ["secretsmanager", "sts"], fipsAirflowEndpoints: true })),
      ).tf;
      const names = Object.values(resourcesOf(extra, "aws_vpc_endpoint")).map((e) => e.service_name);
      expect(names).toEqual(
        expect.arrayContaining([
          "com.amazonaws.us-east-1.secretsmanager",
          "com.amazonaws.us-east-1.sts",
          // As the MWAA user guide spells them (AWS PrivateLink for Amazon MWAA, FIPS endpoints);
          // it names no FIPS operations endpoint.
          "com.amazonaws.us-east-1.airflow-fips.api",
          "com.amazonaws.us-east-1.airflow-fips.env",
        ]),
      );
      expect(names).toHaveLength(14);
      expect(ruleViolations(MWAA_P6, extra)).toEqual([]);
      expect(ruleViolations(MWAA_P7, extra)).toEqual([]);
      expect(ruleViolations(MWAA_P8, extra)).toEqual([]);
    });

    test.each([
      ["us-east-1", true, []],
      [
        "us-west-1",
        false,
        ["no airflow.ops endpoint: MWAA does not offer it in us-west-1 (General Reference, MWAA endpoints table, read 2026-11-23)"],
      ],
      [
        "eu-central-1",
        true,
        [
          "the facts catalogue does not know whether MWAA's airflow.ops endpoint service is offered in eu-central-1 (source: the General Reference's MWAA endpoints table, read 2026-11-23 for us-east-1, us-east-2, us-west-1, us-west-2, af-south-1 only); it is created. If apply fails with an unknown service name, set mwaa.airflowOpsEndpoint: false; check with aws ec2 describe-vpc-endpoint-services --service-names com.amazonaws.eu-central-1.airflow.ops",
        ],
      ],
    ] as const)("MWAA-P5 in %s: airflow.ops made: %s, with what the planner says", (region, made, warnings) => {
      const plan = planOf(mwaaDeployment({ region, network: net({ availabilityZones: [`${region}a`, `${region}b`] }) }));
      expect(plan.mwaa!.interfaceServices.includes("airflow.ops")).toBe(made);
      expect(plan.mwaa!.interfaceServices).toHaveLength(made ? 9 : 8);
      expect(plan.warnings.map((w) => w.message)).toEqual(warnings);
    });

    test("MWAA-P5: airflow.ops can be turned off, but not on where MWAA does not offer it", () => {
      expect(planOf(mwaaDeployment(mwaaOptions({ airflowOpsEndpoint: false }))).mwaa!.interfaceServices).not.toContain("airflow.ops");
      expect(
        planProblems({
          region: "us-west-1",
          network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-west-1a", "us-west-1c"] },
          mwaa: { environmentName: "env", sourceBucketName: "bucket-name", airflowOpsEndpoint: true },
        }),
      ).toEqual([
        "`mwaa.airflowOpsEndpoint` must not be true in us-west-1: MWAA does not offer the airflow.ops endpoint service there (General Reference, MWAA endpoints table, read 2026-11-23), got: true",
      ]);
    });

    test("MWAA-P5 (the shipped rule): airflow.ops missing is a violation where it is offered, nothing where it is not, and cannot be verified where the catalogue does not know", () => {
      const withoutOps = (region: string) => {
        const t = clone(synthDeployment(mwaaDeployment({ region, network: net({ availabilityZones: [`${region}a`, `${region}b`] }) })).tf);
        delete t.resource!.aws_vpc_endpoint.mwaa_airflow_ops;
        return MWAA_P5.check(modelFromTerraformJson([t as Record<string, unknown>], "test", "json")).map(
          (f) => `${f.status}: ${f.message}`,
        );
      };
      expect(withoutOps("us-east-1")).toEqual(["fail: missing interface endpoint airflow.ops"]);
      expect(withoutOps("us-west-1")).toEqual([]);
      expect(withoutOps("eu-central-1")).toEqual([
        "unverifiable: no airflow.ops endpoint, and whether eu-central-1 offers it is not known to the facts catalogue",
      ]);
    });

    test("MWAA-P6: private DNS on every interface endpoint", () => {
      expect(interfaceNames).toHaveLength(9);
      expect(ruleViolations(MWAA_P6, tf)).toEqual([]);
      expect(text).toHaveResourceWithProperties(VpcEndpoint, { service_name: "com.amazonaws.us-east-1.sqs", private_dns_enabled: true });
    });

    test("MWAA-P6 (failing case): private DNS off on one endpoint is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_endpoint.mwaa_logs.private_dns_enabled = false;
      expect(ruleViolations(MWAA_P6, broken)).toEqual(["aws_vpc_endpoint.mwaa_logs: private DNS is off"]);
    });

    test("MWAA-P7: every interface endpoint is in both private subnets", () => {
      expect(ruleViolations(MWAA_P7, tf)).toEqual([]);
      for (const n of interfaceNames) {
        expect(endpoints[n].subnet_ids).toEqual([
          ref("aws_subnet", "network_private_us_east_1a"),
          ref("aws_subnet", "network_private_us_east_1b"),
        ]);
      }
    });

    test("MWAA-P7 (failing case): an endpoint in one subnet is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_endpoint.mwaa_sqs.subnet_ids = [ref("aws_subnet", "network_private_us_east_1a")];
      expect(ruleViolations(MWAA_P7, broken)).toEqual(["aws_vpc_endpoint.mwaa_sqs: not in two subnets of two AZs"]);
    });

    test("MWAA-P7: with three AZs the endpoints use the environment's two subnets", () => {
      const three = synthDeployment(
        mwaaDeployment({
          network: net({ routing: "private", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] }),
        }),
      ).tf;
      expect(Object.keys(resourcesOf(three, "aws_subnet"))).toHaveLength(3);
      expect(ruleViolations(MWAA_P7, three)).toEqual([]);
      expect(resourcesOf(three, "aws_vpc_endpoint").mwaa_sqs.subnet_ids).toEqual([
        ref("aws_subnet", "network_private_us_east_1a"),
        ref("aws_subnet", "network_private_us_east_1b"),
      ]);
    });

    test("MWAA-P8: every interface endpoint carries the environment's security group", () => {
      expect(ruleViolations(MWAA_P8, tf)).toEqual([]);
      for (const n of interfaceNames) expect(endpoints[n].security_group_ids).toEqual([sg]);
      expect(text).toHaveResource(SecurityGroup);
    });

    test("MWAA-P8 (failing case): an endpoint without the group is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_endpoint.mwaa_airflow_api.security_group_ids = [];
      expect(ruleViolations(MWAA_P8, broken)).toEqual(["aws_vpc_endpoint.mwaa_airflow_api: does not carry aws_security_group.mwaa"]);
    });

    test("MWAA-P9: every interface endpoint has an allow-all policy", () => {
      expect(ruleViolations(MWAA_P9, tf)).toEqual([]);
      expect(decodeJsonencode(endpoints.mwaa_sqs.policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowAll", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
      });
    });

    test("MWAA-P9 (failing case): a deny is a violation; no policy is not (AWS then attaches its full-access default)", () => {
      const broken = clone(tf);
      delete broken.resource!.aws_vpc_endpoint.mwaa_ecr_dkr.policy;
      broken.resource!.aws_vpc_endpoint.mwaa_ecr_api.policy =
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Deny", "Principal" = "*", "Action" = "*", "Resource" = "*"}]})}';
      expect(ruleViolations(MWAA_P9, broken)).toEqual([
        "aws_vpc_endpoint.mwaa_ecr_api: the policy does not allow all access to the service",
      ]);
    });

    test("MWAA-P10: the S3 gateway endpoint policy allows the DAG bucket and the ECR layer bucket", () => {
      expect(ruleViolations(MWAA_P10, tf)).toEqual([]);
      expect(decodeJsonencode(endpoints.mwaa_s3.policy).Statement).toEqual([
        {
          Sid: "MwaaSourceBucket",
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"],
          Resource: ["arn:aws:s3:::test-dag-bucket", "arn:aws:s3:::test-dag-bucket/*"],
        },
        {
          Sid: "EcrImageLayers",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*",
        },
      ]);
    });

    test("MWAA-P10 (failing case): a policy for another bucket or Region is a violation", () => {
      const noDagBucket = clone(tf);
      noDagBucket.resource!.aws_vpc_endpoint.mwaa_s3.policy =
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Principal" = "*", "Action" = "s3:GetObject", "Resource" = "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"}]})}';
      expect(ruleViolations(MWAA_P10, noDagBucket)).toEqual(["aws_vpc_endpoint.mwaa_s3: the policy allows no DAG bucket"]);
      const westTf = synthDeployment(
        mwaaDeployment({
          region: "us-west-2",
          network: net({ routing: "private", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-west-2a", "us-west-2b"] }),
        }),
      ).tf;
      const broken = clone(westTf);
      broken.resource!.aws_vpc_endpoint.mwaa_s3.policy = endpoints.mwaa_s3.policy; // us-east-1's layer bucket
      expect(ruleViolations(MWAA_P10, westTf)).toEqual([]);
      expect(ruleViolations(MWAA_P10, broken)).toEqual([
        "aws_vpc_endpoint.mwaa_s3: the policy does not allow arn:aws:s3:::prod-us-west-2-starport-layer-bucket/*",
      ]);
    });
  });

  describe("public routing", () => {
    test("MWAA-U1: the same security group; no required endpoints (the environment reaches AWS through NAT), extras still made", () => {
      const pub = synthDeployment(
        mwaaDeployment({
          network: net({ routing: "public", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] }),
          ...mwaaOptions({ extraEndpoints: ["sts"] }),
        }),
      ).tf;
      expect(ruleViolations(MWAA_P1, pub)).toEqual([]);
      expect(Object.keys(resourcesOf(pub, "aws_vpc_endpoint"))).toEqual(["mwaa_sts"]);
      expect(Object.keys(pub.output!)).not.toContain("mwaa_s3_gateway_endpoint_id");
    });
  });

  describe("validation by the planner (configuration paths)", () => {
    const plan = (mwaa: Partial<NonNullable<DeploymentConfig["mwaa"]>>, azs = ["eu-west-1a", "eu-west-1b"]) =>
      planOf(
        mwaaDeployment({
          region: "eu-west-1",
          network: net({ availabilityZones: azs, allowSingleAz: azs.length < 2 }),
          ...mwaaOptions({ environmentName: "env", sourceBucketName: "bucket-name", ...mwaa }),
        }),
      );

    test.each([
      [{ environmentName: "1env" }, '`mwaa.environmentName` must start with a letter (MWAA environment name), got: "1env"'],
      [
        { sourceBucketName: "Bad_Bucket" },
        '`mwaa.sourceBucketName` must be 3-63 characters of lowercase letters, digits, . and - (S3 bucket name; "B" "_" not allowed), got: "Bad_Bucket"',
      ],
      [
        { fipsAirflowEndpoints: true },
        "`mwaa.fipsAirflowEndpoints` needs a US or Canada Region; FIPS Airflow endpoints are not offered in eu-west-1, got: true",
      ],
      [
        { extraEndpoints: ["sqs"] },
        '`mwaa.extraEndpoints[0]` is already created (a required MWAA endpoint, or listed twice): remove it, got: "sqs"',
      ],
      [
        { extraEndpoints: ["s3"] },
        '`mwaa.extraEndpoints[0]` is already created (a required MWAA endpoint, or listed twice): remove it, got: "s3"',
      ],
      [
        { extraEndpoints: ["sts", "sts"] },
        '`mwaa.extraEndpoints[1]` is already created (a required MWAA endpoint, or listed twice): remove it, got: "sts"',
      ],
    ])("rejects %j", (override, message) => {
      expect(() => plan(override)).toThrow(message);
    });

    test("MWAA-P2: a single-AZ network (allowed for endpoints) is rejected for MWAA", () => {
      expect(() => plan({}, ["eu-west-1a"])).toThrow(
        '`mwaa` needs two private subnets in two different Availability Zones (MWAA-P2): the network has fewer, got: ["eu-west-1a"]',
      );
    });

    test("rejects an unknown extra endpoint, naming the catalogue", () => {
      expect(() => plan({ extraEndpoints: ["sqs2"] })).toThrow(
        /^`mwaa\.extraEndpoints\[0\]` must name an AWS service in the endpoint catalogue \(did you mean sqs\?\): airflow-fips\.api, .*, got: "sqs2"$/,
      );
    });
  });
});
