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
});
