import { Testing, TerraformStack } from "../../src/cdk/cdktf";
import { AwsProvider, SecurityGroup, VpcEndpoint, VpcSecurityGroupIngressRule } from "../../src/cdk/aws";
import { ExistingNetwork } from "../../src/constructs/existing-network";
import { MwaaNetwork } from "../../src/constructs/mwaa-network";
import { MWAA_P1 } from "../../src/check/rules/mwaa-p1";
import { MWAA_P8 } from "../../src/check/rules/mwaa-p8";
import { existingNet, mwaaDeployment, mwaaEnvironmentConfig, synthDeployment } from "../support/fixtures";
import { ref, resourcesOf, ruleViolations, TerraformJson } from "../support/terraform-json";

/** MwaaNetwork alone in a test stack, in an existing VPC, with the owner's provider for its endpoints. */
function sharedNetwork(): { text: string; tf: TerraformJson } {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const owner = new AwsProvider(stack, "owner", { region: "us-east-1", alias: "vpc_owner" });
  const network = new ExistingNetwork(stack, "network", { ...existingNet(), region: "us-east-1" });
  new MwaaNetwork(stack, "mwaa", {
    environmentName: "env",
    sourceBucketName: "env-dags",
    hardenedSecurityGroup: false,
    interfaceServices: ["sqs", "logs"],
    s3GatewayEndpoint: true,
    network,
    endpointsProvider: owner,
  });
  const text = Testing.synth(stack);
  return { text, tf: JSON.parse(text) as TerraformJson };
}

describe("MwaaNetwork in a shared VPC (endpointsProvider)", () => {
  const { text, tf } = sharedNetwork();

  test("the endpoints and the S3 gateway endpoint are the owner's, in a group of the owner's that admits only HTTPS from the VPC", () => {
    const endpoints = Object.values(resourcesOf(tf, "aws_vpc_endpoint"));
    expect(endpoints).toHaveLength(3);
    for (const e of endpoints) expect(e.provider).toBe("aws.vpc_owner");
    const groups = resourcesOf(tf, "aws_security_group");
    const [environmentGroup, endpointGroup] = Object.keys(groups).sort();
    expect(groups[environmentGroup].provider).toBeUndefined();
    expect(groups[endpointGroup].provider).toBe("aws.vpc_owner");
    expect(text).toHaveResourceWithProperties(VpcEndpoint, {
      vpc_endpoint_type: "Interface",
      security_group_ids: [ref("aws_security_group", endpointGroup)],
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: ref("aws_security_group", endpointGroup),
      cidr_ipv4: "10.0.0.0/16",
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      provider: "aws.vpc_owner",
    });
    expect(text).toHaveResourceWithProperties(SecurityGroup, { name: "env-mwaa-endpoints", provider: "aws.vpc_owner" });
  });

  test("the environment's group is the participant's and still meets MWAA-P1; MWAA-P8 names the endpoints that do not carry it", () => {
    expect(ruleViolations(MWAA_P1, tf)).toEqual([]);
    expect(ruleViolations(MWAA_P8, tf).sort()).toEqual([
      expect.stringMatching(/^aws_vpc_endpoint\.\S+logs\S*: does not carry aws_security_group\./),
      expect.stringMatching(/^aws_vpc_endpoint\.\S+sqs\S*: does not carry aws_security_group\./),
    ]);
  });
});

describe("a shared-VPC deployment (stack)", () => {
  const { tf } = synthDeployment(
    mwaaDeployment({
      network: undefined,
      accountId: "444455556666",
      existingNetwork: existingNet({ owner: { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/net" } }),
      mwaa: { ...mwaaDeployment().mwaa!, environment: mwaaEnvironmentConfig() },
    }),
  );

  test("CUSTOMER endpoint management, and the database and web server endpoints made by the owner from the environment's service names", () => {
    expect(resourcesOf(tf, "aws_mwaa_environment").mwaa_environment).toMatchObject({ endpoint_management: "CUSTOMER" });
    const endpoints = resourcesOf(tf, "aws_vpc_endpoint");
    expect(endpoints.mwaa_environment_database).toMatchObject({
      service_name: "${aws_mwaa_environment.mwaa_environment.database_vpc_endpoint_service}",
      security_group_ids: [ref("aws_security_group", "mwaa_endpoints")],
      provider: "aws.vpc_owner",
    });
    expect(endpoints.mwaa_environment_webserver).toMatchObject({
      service_name: "${aws_mwaa_environment.mwaa_environment.webserver_vpc_endpoint_service}",
      provider: "aws.vpc_owner",
    });
    expect(resourcesOf(tf, "aws_vpc_security_group_ingress_rule").mwaa_environment_database_ingress_postgres_vpc).toMatchObject({
      security_group_id: ref("aws_security_group", "mwaa_endpoints"),
      from_port: 5432,
      cidr_ipv4: "10.0.0.0/16",
      provider: "aws.vpc_owner",
    });
    // Nothing of the participant's is made by the owner.
    for (const type of ["aws_mwaa_environment", "aws_iam_role", "aws_s3_bucket"])
      for (const r of Object.values(resourcesOf(tf, type))) expect(r.provider).toBeUndefined();
  });

  test("two providers: the owner's is restricted to its account and assumes the role through a variable that can be emptied", () => {
    const providers = (tf as { provider: { aws: Record<string, unknown>[] } }).provider.aws;
    expect(providers).toHaveLength(2);
    const owner = providers.find((p) => p.alias === "vpc_owner")!;
    expect(owner.allowed_account_ids).toEqual(["111122223333"]);
    expect(owner.dynamic).toEqual({
      assume_role: {
        for_each: '${var.vpc_owner_role_arn == null || var.vpc_owner_role_arn == "" ? [] : [var.vpc_owner_role_arn]}',
        content: { role_arn: "${assume_role.value}", session_name: "private-routing-test-mwaa" },
      },
    });
    expect((tf as { variable: Record<string, { default: string }> }).variable.vpc_owner_role_arn.default).toBe(
      "arn:aws:iam::111122223333:role/net",
    );
    // Preflight asks the owner's account (its VPC, its AZ names, its endpoint services).
    const checks = Object.values((tf as { check: Record<string, { data: Record<string, Record<string, { provider?: string }>> }> }).check);
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks)
      for (const byName of Object.values(c.data)) for (const d of Object.values(byName)) expect(d.provider).toBe("aws.vpc_owner");
  });
});
