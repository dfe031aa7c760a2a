/**
 * Preflight on its own in a test stack: the Terraform check blocks it writes (what the planner
 * asks for is in __tests__/plan; the conditions are evaluated on an emulated account in
 * __tests__/apply/preflight.apply.ts).
 */
import { TerraformStack, Testing } from "../../src/cdk/cdktf";
import { Preflight } from "../../src/constructs/preflight";
import type { PreflightCheck } from "../../src/plan/types";
import { existingNet, mwaaDeployment, mwaaEnvironmentConfig, net, planOf } from "../support/fixtures";

function checksOf(checks: PreflightCheck[]): Record<string, unknown> {
  const stack = new TerraformStack(Testing.app(), "test");
  new Preflight(stack, "_preflight", { region: "eu-west-1", checks });
  return JSON.parse(Testing.synth(stack)).check;
}

describe("Preflight", () => {
  test("an AZ check reads the account's available zones and names the configuration path to change", () => {
    expect(
      checksOf([{ kind: "availability-zones", zones: ["eu-west-1a", "eu-west-1b"], configPath: "network.availabilityZones" }]),
    ).toEqual({
      preflight_availability_zones: {
        data: { aws_availability_zones: { preflight: { state: "available" } } },
        assert: [
          {
            condition: '${length(sort(setsubtract(["eu-west-1a", "eu-west-1b"], data.aws_availability_zones.preflight.names))) == 0}',
            error_message:
              'Availability Zones ${join(", ", sort(setsubtract(["eu-west-1a", "eu-west-1b"], data.aws_availability_zones.preflight.names)))} are not available to this account in eu-west-1 (it has ${join(", ", data.aws_availability_zones.preflight.names)}): change network.availabilityZones and synthesize again.',
          },
        ],
      },
    });
  });

  test("a dual-stack endpoint's check also asserts the service supports ipv4 and ipv6; an IPv4 one asserts zones only", () => {
    const checks = checksOf([
      {
        kind: "endpoint-service",
        label: "endpoints_sqs",
        serviceName: "com.amazonaws.eu-west-1.sqs",
        zones: ["eu-west-1a"],
        configPath: "endpoints.services",
        ipAddressType: "dualstack",
      },
      {
        kind: "endpoint-service",
        label: "endpoints_kms",
        serviceName: "com.amazonaws.eu-west-1.kms",
        zones: ["eu-west-1a"],
        configPath: "endpoints.services",
      },
    ]) as Record<string, { assert: { condition: string }[] }>;
    expect(checks.preflight_endpoint_endpoints_sqs.assert.map((a) => a.condition)).toEqual([
      '${length(sort(setsubtract(["eu-west-1a"], data.aws_vpc_endpoint_service.preflight_endpoints_sqs.availability_zones))) == 0}',
      '${length(setsubtract(["ipv4", "ipv6"], data.aws_vpc_endpoint_service.preflight_endpoints_sqs.supported_ip_address_types)) == 0}',
    ]);
    expect(checks.preflight_endpoint_endpoints_kms.assert).toHaveLength(1);
  });

  test("every dual-stack endpoint of the committed privatelink-dualstack module carries the IPv6 preflight", () => {
    const tf = require("../../generated/json/privatelink-dualstack/main.tf.json") as {
      resource: { aws_vpc_endpoint: Record<string, { ip_address_type?: string; vpc_endpoint_type: string }> };
      check: Record<string, { assert: { condition: string }[] }>;
    };
    const dualstack = Object.entries(tf.resource.aws_vpc_endpoint).filter(([, e]) => e.ip_address_type === "dualstack");
    expect(dualstack.length).toBeGreaterThanOrEqual(14);
    for (const [name] of dualstack)
      expect([
        name,
        tf.check[`preflight_endpoint_${name}`]?.assert.some((a) => a.condition.includes(`preflight_${name}.supported_ip_address_types`)),
      ]).toEqual([name, true]);
  });

  test("a given Transit Gateway's check reads it by ID: default tables off, shared attachments accepted, the hub account's", () => {
    expect(
      checksOf([
        {
          kind: "transit-gateway",
          transitGatewayId: "tgw-0a1b2c3d",
          ownerAccountId: "111122223333",
          autoAccept: true,
          configPath: "hub.transitGatewayId",
        },
      ]),
    ).toEqual({
      preflight_transit_gateway: {
        data: { aws_ec2_transit_gateway: { preflight: { id: "tgw-0a1b2c3d" } } },
        assert: [
          {
            condition:
              '${data.aws_ec2_transit_gateway.preflight.default_route_table_association == "disable" && data.aws_ec2_transit_gateway.preflight.default_route_table_propagation == "disable" && data.aws_ec2_transit_gateway.preflight.auto_accept_shared_attachments == "enable" && data.aws_ec2_transit_gateway.preflight.owner_id == "111122223333"}',
            error_message:
              "tgw-0a1b2c3d (hub.transitGatewayId) must have its default route table association and propagation disabled (they are ${data.aws_ec2_transit_gateway.preflight.default_route_table_association} and ${data.aws_ec2_transit_gateway.preflight.default_route_table_propagation}): the hub's own route tables keep spokes from reaching each other; it must accept shared attachments automatically for the spokes of other accounts (it is ${data.aws_ec2_transit_gateway.preflight.auto_accept_shared_attachments}); and be the hub account's 111122223333 (it is ${data.aws_ec2_transit_gateway.preflight.owner_id}'s): change the gateway, or leave hub.transitGatewayId out to have the hub make its own.",
          },
        ],
      },
    });
  });

  test("an endpoint-service check reads the interface service by its full name and compares its AZs with the endpoint's", () => {
    const check = checksOf([
      {
        kind: "endpoint-service",
        label: "endpoints_sts",
        serviceName: "com.amazonaws.eu-west-1.sts",
        zones: ["eu-west-1a"],
        configPath: "endpoints.services",
      },
    ]) as Record<string, { data: unknown; assert: { condition: string }[] }>;
    expect(Object.keys(check)).toEqual(["preflight_endpoint_endpoints_sts"]);
    expect(check.preflight_endpoint_endpoints_sts.data).toEqual({
      aws_vpc_endpoint_service: { preflight_endpoints_sts: { service_name: "com.amazonaws.eu-west-1.sts", service_type: "Interface" } },
    });
    expect(check.preflight_endpoint_endpoints_sts.assert[0].condition).toBe(
      '${length(sort(setsubtract(["eu-west-1a"], data.aws_vpc_endpoint_service.preflight_endpoints_sts.availability_zones))) == 0}',
    );
  });

  test("the planner asks for the AZs, every interface endpoint's service in its AZs, and an existing VPC's DNS settings", () => {
    const plan = planOf(mwaaDeployment({ network: net({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] }) }));
    expect(plan.preflight[0]).toEqual({
      kind: "availability-zones",
      zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      configPath: "network.availabilityZones",
    });
    // MWAA's endpoints are in the environment's two subnets: the first two AZs.
    expect(plan.preflight.slice(1).map((c) => (c.kind === "endpoint-service" ? `${c.label} ${c.zones.join(",")}` : c.kind))).toEqual(
      ["airflow_api", "airflow_env", "airflow_ops", "ecr_api", "ecr_dkr", "kms", "logs", "monitoring", "sqs"].map(
        (s) => `mwaa_${s} us-east-1a,us-east-1b`,
      ),
    );
    const existing = planOf(
      mwaaDeployment({
        network: undefined,
        existingNetwork: {
          vpcId: "vpc-0a1b2c3d",
          cidrBlock: "10.0.0.0/16",
          privateSubnets: [
            { subnetId: "subnet-0a1b2c3d", availabilityZone: "us-east-1a" },
            { subnetId: "subnet-0a1b2c3e", availabilityZone: "us-east-1b" },
          ],
          routeTableIds: ["rtb-0a1b2c3d"],
          existingEndpoints: [],
        },
      }),
    );
    expect(existing.preflight[0]).toMatchObject({ kind: "availability-zones", configPath: "existingNetwork.privateSubnets" });
    expect(existing.preflight.at(-1)).toEqual({ kind: "vpc-dns", vpcId: "vpc-0a1b2c3d", configPath: "existingNetwork.vpcId" });
    // A group named by ID in an existing VPC: the account says whether it is that VPC's.
    const withGroup = planOf(
      mwaaDeployment({
        accountId: "123456789012",
        network: undefined,
        existingNetwork: existingNet({ vpcId: "vpc-0a1b2c3d" }),
        mwaa: { ...mwaaDeployment().mwaa!, environment: mwaaEnvironmentConfig({ additionalSecurityGroupIds: ["sg-0a1b2c3d4e5f67890"] }) },
      }),
    );
    expect(withGroup.preflight.at(-1)).toEqual({
      kind: "security-group-in-vpc",
      label: "mwaa_environment_additional_security_group_ids_0",
      groupId: "sg-0a1b2c3d4e5f67890",
      vpcId: "vpc-0a1b2c3d",
      configPath: "mwaa.environment.additionalSecurityGroupIds[0]",
    });
    expect(checksOf([withGroup.preflight.at(-1)!])).toEqual({
      preflight_group_mwaa_environment_additional_security_group_ids_0: {
        data: { aws_security_group: { preflight_mwaa_environment_additional_security_group_ids_0: { id: "sg-0a1b2c3d4e5f67890" } } },
        assert: [
          {
            condition: '${data.aws_security_group.preflight_mwaa_environment_additional_security_group_ids_0.vpc_id == "vpc-0a1b2c3d"}',
            error_message:
              "sg-0a1b2c3d4e5f67890 is in ${data.aws_security_group.preflight_mwaa_environment_additional_security_group_ids_0.vpc_id}, not in vpc-0a1b2c3d: name a group of vpc-0a1b2c3d in mwaa.environment.additionalSecurityGroupIds[0] and synthesize again.",
          },
        ],
      },
    });
  });
});
