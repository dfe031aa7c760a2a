/**
 * GatewayEndpoint on its own: one construct in a test stack, asserted on cdktf's synthesized JSON
 * with its matchers (snake_case keys, as Terraform spells them).
 */
import { VpcEndpoint } from "../../src/cdk/aws";
import { TerraformStack, Testing } from "../../src/cdk/cdktf";
import { GatewayEndpoint, GatewayEndpointProps } from "../../src/constructs/gateway-endpoint";

const base = { region: "us-west-2", vpcId: "vpc-0123456789abcdef0", routeTableIds: ["rtb-0aaaaaaaaaaaaaaaa"] };

function synth(props: GatewayEndpointProps): string {
  const stack = new TerraformStack(Testing.app(), "test");
  new GatewayEndpoint(stack, "s3", props);
  return Testing.synth(stack);
}

describe("GatewayEndpoint", () => {
  test("S3: a gateway endpoint on the given route tables, with no subnets, security groups or private DNS, and an allow-all policy", () => {
    const text = synth({ service: "s3", ...base });
    expect(text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.us-west-2.s3",
      vpc_endpoint_type: "Gateway",
      vpc_id: "vpc-0123456789abcdef0",
      route_table_ids: ["rtb-0aaaaaaaaaaaaaaaa"],
      policy:
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "AllowAll", "Effect" = "Allow", "Principal" = "*", "Action" = "*", "Resource" = "*"}]})}',
    });
    const [endpoint] = Object.values(JSON.parse(text).resource.aws_vpc_endpoint) as Record<string, unknown>[];
    expect(Object.keys(endpoint).sort()).toEqual(["policy", "route_table_ids", "service_name", "vpc_endpoint_type", "vpc_id"]);
  });

  test("DynamoDB with a given policy and tags", () => {
    const policy = {
      Version: "2012-10-17" as const,
      Statement: [{ Effect: "Allow" as const, Principal: "*" as const, Action: "dynamodb:GetItem", Resource: "*" }],
    };
    expect(synth({ service: "dynamodb", ...base, policy, tags: { Name: "ddb" } })).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.us-west-2.dynamodb",
      policy:
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Principal" = "*", "Action" = "dynamodb:GetItem", "Resource" = "*"}]})}',
      tags: { Name: "ddb" },
    });
  });

  test("its own invariant, relative to its props: at least one route table", () => {
    expect(() => synth({ service: "s3", ...base, routeTableIds: [] })).toThrow(
      "`routeTableIds` must name at least one route table, got: []",
    );
  });
});
