import { exclusionsOf, resourcesOfJson } from "../../src/synth/emulator-gaps";

describe("emulator gaps: what the apply tier leaves out", () => {
  test("a type moto lacks, and everything that refers to it, directly or not", () => {
    const resources = resourcesOfJson({
      resource: {
        aws_vpc: { network: { cidr_block: "10.0.0.0/16" } },
        aws_sfn_state_machine: { flow: { name: "flow" } },
        aws_iam_role_policy: { flow: { policy: '{"Resource":"${aws_sfn_state_machine.flow.arn}"}' } },
        aws_cloudwatch_log_group: { flow: { name: "/x", depends_on: ["aws_iam_role_policy.flow"] } },
        aws_security_group: { sg: { vpc_id: "${aws_vpc.network.id}" } },
      },
    });
    expect(exclusionsOf(resources)).toEqual([
      { address: "aws_cloudwatch_log_group.flow", reason: "refers to aws_iam_role_policy.flow, which is left out" },
      { address: "aws_iam_role_policy.flow", reason: "refers to aws_sfn_state_machine.flow, which is left out" },
      { address: "aws_sfn_state_machine.flow", reason: "moto 5.2.1 lacks ValidateStateMachineDefinition, which the provider calls" },
    ]);
  });

  test("gaps that depend on arguments: IPv6 subnets and Lattice endpoint types, not IPv4 subnets or Interface endpoints", () => {
    const resources = resourcesOfJson({
      resource: {
        aws_subnet: {
          v4: { cidr_block: "10.0.0.0/24" },
          v6: { cidr_block: "10.0.1.0/24", ipv6_cidr_block: "${cidrsubnet(aws_vpc.network.ipv6_cidr_block, 8, 1)}" },
        },
        aws_vpc_endpoint: {
          kms: { vpc_endpoint_type: "Interface" },
          rc: { vpc_endpoint_type: "Resource" },
          sn: { vpc_endpoint_type: "ServiceNetwork" },
        },
      },
    });
    expect(exclusionsOf(resources).map((x) => x.address)).toEqual(["aws_subnet.v6", "aws_vpc_endpoint.rc", "aws_vpc_endpoint.sn"]);
  });
  test("a spoke's attachment is left out only where a hub provider says the hub is another account's", () => {
    const spoke = (withHubProvider: boolean) =>
      resourcesOfJson({
        resource: {
          aws_ec2_transit_gateway_vpc_attachment: { spoke_attachment: { transit_gateway_id: "${var.hub_transit_gateway_id}" } },
          aws_route: {
            to_hub: {
              transit_gateway_id: "${var.hub_transit_gateway_id}",
              depends_on: ["aws_ec2_transit_gateway_vpc_attachment.spoke_attachment"],
            },
          },
          aws_ec2_transit_gateway_route_table_association: {
            spoke_association: {
              transit_gateway_attachment_id: "${aws_ec2_transit_gateway_vpc_attachment.spoke_attachment.id}",
              ...(withHubProvider ? { provider: "aws.hub" } : {}),
            },
          },
        },
      });
    expect(exclusionsOf(spoke(false))).toEqual([]);
    expect(exclusionsOf(spoke(true)).map((x) => x.address)).toEqual([
      "aws_ec2_transit_gateway_route_table_association.spoke_association",
      "aws_ec2_transit_gateway_vpc_attachment.spoke_attachment",
      "aws_route.to_hub",
    ]);
    expect(exclusionsOf(spoke(true))[1].reason).toMatch(/^moto 5\.2\.1 keeps a transit gateway in its owner's account only/);
  });

  test("a zone association authorization is left out (moto answers 404), and the association that waits for it", () => {
    const resources = resourcesOfJson({
      resource: {
        aws_route53_vpc_association_authorization: { a: { zone_id: "Z1", vpc_id: "vpc-1", provider: "aws.hub" } },
        aws_route53_zone_association: {
          a: { zone_id: "Z1", vpc_id: "vpc-1", depends_on: ["aws_route53_vpc_association_authorization.a"] },
        },
      },
    });
    expect(exclusionsOf(resources)).toEqual([
      { address: "aws_route53_vpc_association_authorization.a", reason: expect.stringMatching(/CreateVPCAssociationAuthorization/) },
      { address: "aws_route53_zone_association.a", reason: "refers to aws_route53_vpc_association_authorization.a, which is left out" },
    ]);
  });
});
