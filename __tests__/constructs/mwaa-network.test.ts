import { SecurityGroup, VpcEndpoint, VpcSecurityGroupIngressRule } from "../../src/cdk/aws";
import type { DeploymentConfig } from "../../src/config/schema";
import { mwaaDeployment, mwaaOptions, net, planOf, synthDeployment } from "../support/fixtures";
import { mwaaP1, mwaaP10, mwaaP5, mwaaP6, mwaaP7, mwaaP8, mwaaP9 } from "../support/mwaa-requirements";
import { clone, decodeJsonencode, ref, resourcesOf } from "../support/terraform-json";

const { tf, text } = synthDeployment(mwaaDeployment());
const endpoints = resourcesOf(tf, "aws_vpc_endpoint");
const interfaceNames = Object.keys(endpoints).filter((n) => endpoints[n].vpc_endpoint_type === "Interface");
const sg = ref("aws_security_group", "mwaa");

describe("MwaaNetwork", () => {
  describe("security group", () => {
    test("MWAA-P1: self-referencing all-traffic inbound rule and all-traffic outbound rule to 0.0.0.0/0", () => {
      expect(mwaaP1(tf)).toEqual([]);
      expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: sg, referenced_security_group_id: sg, ip_protocol: "-1" });
      expect(Object.keys(resourcesOf(tf, "aws_security_group"))).toEqual(["mwaa"]);
      expect(resourcesOf(tf, "aws_security_group").mwaa).toMatchObject({ vpc_id: ref("aws_vpc", "network"), name: "test-env-mwaa" });
    });

    test("MWAA-P1 (failing case): a rule from 0.0.0.0/0 or a missing outbound rule is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_security_group_ingress_rule.mwaa_ingress_self.cidr_ipv4 = "0.0.0.0/0";
      delete broken.resource!.aws_vpc_security_group_ingress_rule.mwaa_ingress_self.referenced_security_group_id;
      delete broken.resource!.aws_vpc_security_group_egress_rule;
      expect(mwaaP1(broken)).toEqual([
        "an inbound rule admits traffic from outside the group",
        "no self-referencing all-traffic inbound rule",
        "no all-traffic outbound rule to 0.0.0.0/0",
      ]);
    });

    test("MWAA-P1 hardening: inbound only TCP 443 and 5432 from the group itself", () => {
      const hardened = synthDeployment(mwaaDeployment(mwaaOptions({ hardenedSecurityGroup: true }))).tf;
      expect(mwaaP1(hardened, true)).toEqual([]);
      expect(Object.keys(resourcesOf(hardened, "aws_vpc_security_group_ingress_rule")).sort()).toEqual(["mwaa_ingress_https_self", "mwaa_ingress_postgres_self"]);
      // The default group is not hardened, and the hardened check says so.
      expect(mwaaP1(tf, true)).toEqual(["hardened inbound must be tcp 443 and 5432 only, got -1/undefined-undefined"]);
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
      expect(mwaaP5(tf)).toEqual([]);
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
      expect(mwaaP5(broken)).toEqual(["missing interface endpoint kms"]);
    });

    test("MWAA-P5 extras: secretsmanager, sts and the FIPS Airflow endpoints when asked", () => {
      const extra = synthDeployment(mwaaDeployment(mwaaOptions({ extraEndpoints: ["secretsmanager", "sts"], fipsAirflowEndpoints: true }))).tf;
      const names = Object.values(resourcesOf(extra, "aws_vpc_endpoint")).map((e) => e.service_name);
      expect(names).toEqual(
        expect.arrayContaining([
          "com.amazonaws.us-east-1.secretsmanager",
          "com.amazonaws.us-east-1.sts",
          "com.amazonaws.us-east-1.airflow.api-fips",
          "com.amazonaws.us-east-1.airflow.env-fips",
          "com.amazonaws.us-east-1.airflow.ops-fips",
        ]),
      );
      expect(names).toHaveLength(15);
      expect(mwaaP6(extra)).toEqual([]);
      expect(mwaaP7(extra)).toEqual([]);
      expect(mwaaP8(extra)).toEqual([]);
    });

    test("MWAA-P6: private DNS on every interface endpoint", () => {
      expect(interfaceNames).toHaveLength(9);
      expect(mwaaP6(tf)).toEqual([]);
      expect(text).toHaveResourceWithProperties(VpcEndpoint, { service_name: "com.amazonaws.us-east-1.sqs", private_dns_enabled: true });
    });

    test("MWAA-P6 (failing case): private DNS off on one endpoint is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_endpoint.mwaa_logs.private_dns_enabled = false;
      expect(mwaaP6(broken)).toEqual(["aws_vpc_endpoint.mwaa_logs has private DNS off"]);
    });

    test("MWAA-P7: every interface endpoint is in both private subnets", () => {
      expect(mwaaP7(tf)).toEqual([]);
      for (const n of interfaceNames) {
        expect(endpoints[n].subnet_ids).toEqual([ref("aws_subnet", "network_private_us_east_1a"), ref("aws_subnet", "network_private_us_east_1b")]);
      }
    });

    test("MWAA-P7 (failing case): an endpoint in one subnet is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_endpoint.mwaa_sqs.subnet_ids = [ref("aws_subnet", "network_private_us_east_1a")];
      expect(mwaaP7(broken)).toEqual(["aws_vpc_endpoint.mwaa_sqs is not in two subnets of two AZs"]);
    });

    test("MWAA-P7: with three AZs the endpoints use the environment's two subnets", () => {
      const three = synthDeployment(mwaaDeployment({ network: net({ routing: "private", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] }) })).tf;
      expect(Object.keys(resourcesOf(three, "aws_subnet"))).toHaveLength(3);
      expect(mwaaP7(three)).toEqual([]);
      expect(resourcesOf(three, "aws_vpc_endpoint").mwaa_sqs.subnet_ids).toEqual([
        ref("aws_subnet", "network_private_us_east_1a"),
        ref("aws_subnet", "network_private_us_east_1b"),
      ]);
    });

    test("MWAA-P8: every interface endpoint carries the environment's security group", () => {
      expect(mwaaP8(tf)).toEqual([]);
      for (const n of interfaceNames) expect(endpoints[n].security_group_ids).toEqual([sg]);
      expect(text).toHaveResource(SecurityGroup);
    });

    test("MWAA-P8 (failing case): an endpoint without the group is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_vpc_endpoint.mwaa_airflow_api.security_group_ids = [];
      expect(mwaaP8(broken)).toEqual(["aws_vpc_endpoint.mwaa_airflow_api lacks the MWAA security group"]);
    });

    test("MWAA-P9: every interface endpoint has an allow-all policy", () => {
      expect(mwaaP9(tf)).toEqual([]);
      expect(decodeJsonencode(endpoints.mwaa_sqs.policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowAll", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
      });
    });

    test("MWAA-P9 (failing case): a missing policy or a deny is a violation", () => {
      const broken = clone(tf);
      delete broken.resource!.aws_vpc_endpoint.mwaa_ecr_dkr.policy;
      broken.resource!.aws_vpc_endpoint.mwaa_ecr_api.policy = '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Deny", "Principal" = "*", "Action" = "*", "Resource" = "*"}]})}';
      expect(mwaaP9(broken)).toEqual(["aws_vpc_endpoint.mwaa_ecr_api policy does not allow access to the service", "aws_vpc_endpoint.mwaa_ecr_dkr has no policy"]);
    });

    test("MWAA-P10: the S3 gateway endpoint policy allows the DAG bucket and the ECR layer bucket", () => {
      expect(mwaaP10(tf, "test-dag-bucket")).toEqual([]);
      expect(decodeJsonencode(endpoints.mwaa_s3.policy).Statement).toEqual([
        {
          Sid: "MwaaSourceBucket",
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"],
          Resource: ["arn:aws:s3:::test-dag-bucket", "arn:aws:s3:::test-dag-bucket/*"],
        },
        { Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*" },
      ]);
    });

    test("MWAA-P10 (failing case): a policy for another bucket or Region is a violation", () => {
      expect(mwaaP10(tf, "other-bucket")).toEqual(["S3 gateway policy does not allow arn:aws:s3:::other-bucket", "S3 gateway policy does not allow arn:aws:s3:::other-bucket/*"]);
      const westTf = synthDeployment(mwaaDeployment({ region: "us-west-2", network: net({ routing: "private", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-west-2a", "us-west-2b"] }) })).tf;
      const broken = clone(westTf);
      broken.resource!.aws_vpc_endpoint.mwaa_s3.policy = endpoints.mwaa_s3.policy; // us-east-1's layer bucket
      expect(mwaaP10(westTf, "test-dag-bucket")).toEqual([]);
      expect(mwaaP10(broken, "test-dag-bucket")).toEqual(["S3 gateway policy does not allow arn:aws:s3:::prod-us-west-2-starport-layer-bucket/*"]);
    });
  });

  describe("public routing", () => {
    test("MWAA-U1: the same security group; no required endpoints (the environment reaches AWS through NAT), extras still made", () => {
      const pub = synthDeployment(
        mwaaDeployment({ network: net({ routing: "public", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] }), ...mwaaOptions({ extraEndpoints: ["sts"] }) }),
      ).tf;
      expect(mwaaP1(pub)).toEqual([]);
      expect(Object.keys(resourcesOf(pub, "aws_vpc_endpoint"))).toEqual(["mwaa_sts"]);
      expect(Object.keys(pub.output!)).not.toContain("mwaa_s3_gateway_endpoint_id");
    });
  });

  describe("validation by the planner (configuration paths)", () => {
    const plan = (mwaa: Partial<NonNullable<DeploymentConfig["mwaa"]>>, azs = ["eu-west-1a", "eu-west-1b"]) =>
      planOf(mwaaDeployment({ region: "eu-west-1", network: net({ availabilityZones: azs, allowSingleAz: azs.length < 2 }), ...mwaaOptions({ environmentName: "env", sourceBucketName: "bucket-name", ...mwaa }) }));

    test.each([
      [{ environmentName: "1env" }, '`mwaa.environmentName` must start with a letter (MWAA environment name), got: "1env"'],
      [{ sourceBucketName: "Bad_Bucket" }, '`mwaa.sourceBucketName` must be 3-63 characters of lowercase letters, digits, . and - (S3 bucket name; "B" "_" not allowed), got: "Bad_Bucket"'],
      [{ fipsAirflowEndpoints: true }, "`mwaa.fipsAirflowEndpoints` needs a US or Canada Region; FIPS Airflow endpoints are not offered in eu-west-1, got: true"],
      [{ extraEndpoints: ["sqs"] }, '`mwaa.extraEndpoints[0]` is already created (a required MWAA endpoint, or listed twice): remove it, got: "sqs"'],
      [{ extraEndpoints: ["s3"] }, '`mwaa.extraEndpoints[0]` is already created (a required MWAA endpoint, or listed twice): remove it, got: "s3"'],
      [{ extraEndpoints: ["sts", "sts"] }, '`mwaa.extraEndpoints[1]` is already created (a required MWAA endpoint, or listed twice): remove it, got: "sts"'],
    ])("rejects %j", (override, message) => {
      expect(() => plan(override)).toThrow(message);
    });

    test("MWAA-P2: a single-AZ network (allowed for endpoints) is rejected for MWAA", () => {
      expect(() => plan({}, ["eu-west-1a"])).toThrow('`mwaa` needs two private subnets in two different Availability Zones (MWAA-P2): the network has fewer, got: ["eu-west-1a"]');
    });

    test("rejects an unknown extra endpoint, naming the catalogue", () => {
      expect(() => plan({ extraEndpoints: ["sqs2"] })).toThrow(/^`mwaa\.extraEndpoints\[0\]` must name an AWS service in the endpoint catalogue \(airflow\.api, .*\), got: "sqs2"$/);
    });
  });
});
