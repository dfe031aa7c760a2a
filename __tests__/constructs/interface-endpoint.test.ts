/**
 * InterfaceEndpoint on its own: one construct in a test stack, asserted on cdktf's synthesized
 * JSON with its matchers (snake_case keys, as Terraform spells them).
 */
import { VpcEndpoint } from "../../src/cdk/aws";
import { TerraformStack, Testing } from "../../src/cdk/cdktf";
import { InterfaceEndpoint, InterfaceEndpointProps } from "../../src/constructs/interface-endpoint";

const base = {
  region: "eu-west-1",
  vpcId: "vpc-0123456789abcdef0",
  subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
  securityGroupIds: ["sg-0cccccccccccccccc"],
};

function synth(props: InterfaceEndpointProps): { text: string; endpoint: InterfaceEndpoint } {
  const stack = new TerraformStack(Testing.app(), "test");
  const endpoint = new InterfaceEndpoint(stack, "sqs", props);
  return { text: Testing.synth(stack), endpoint };
}

describe("InterfaceEndpoint", () => {
  test("a catalogue service: its regional service name, the catalogue's private DNS, the given subnets and groups, an allow-all policy", () => {
    const { text, endpoint } = synth({ service: "sqs", ...base });
    expect(text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.eu-west-1.sqs",
      vpc_endpoint_type: "Interface",
      vpc_id: "vpc-0123456789abcdef0",
      subnet_ids: base.subnetIds,
      security_group_ids: base.securityGroupIds,
      private_dns_enabled: true,
      policy:
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "AllowAll", "Effect" = "Allow", "Principal" = "*", "Action" = "*", "Resource" = "*"}]})}',
    });
    expect(endpoint.serviceName).toBe("com.amazonaws.eu-west-1.sqs");
    // The provider's default address type: nothing written unless asked for.
    const [resource] = Object.values(JSON.parse(text).resource.aws_vpc_endpoint) as Record<string, unknown>[];
    expect(resource.ip_address_type).toBeUndefined();
    expect(resource.dns_options).toBeUndefined();
  });

  test("a service whose catalogue entry has no private DNS (DynamoDB's interface endpoint) gets none; an explicit choice wins", () => {
    expect(synth({ service: "dynamodb", ...base }).text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.eu-west-1.dynamodb",
      private_dns_enabled: false,
    });
    expect(synth({ service: "sqs", ...base, privateDnsEnabled: false }).text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.eu-west-1.sqs",
      private_dns_enabled: false,
    });
  });

  test("dual-stack: the address type is set on the endpoint and on its DNS records", () => {
    expect(synth({ service: "sqs", ...base, ipAddressType: "dualstack" }).text).toHaveResourceWithProperties(VpcEndpoint, {
      ip_address_type: "dualstack",
      dns_options: { dns_record_ip_type: "dualstack" },
    });
  });

  test("a custom PrivateLink service: its own service name, no private DNS and no policy unless asked, tags as given", () => {
    const { text } = synth({
      service: "partner",
      customServiceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
      ...base,
      policy: "none",
      tags: { Name: "partner" },
    });
    expect(text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0",
      private_dns_enabled: false,
      tags: { Name: "partner" },
    });
    expect(JSON.stringify(JSON.parse(text).resource.aws_vpc_endpoint)).not.toContain('"policy"');
  });

  test("its own invariants, every one at once, with paths relative to its props", () => {
    expect(() =>
      synth({ service: "airflow-fips.api", ...base, subnetIds: [], securityGroupIds: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"] }),
    ).toThrow(
      [
        '`service` names a FIPS endpoint, offered only in US and Canada Regions, not in eu-west-1, got: "airflow-fips.api"',
        "`subnetIds` must name at least one subnet, got: []",
        '`securityGroupIds` must name 1 to 5 security groups, got: ["sg-1","sg-2","sg-3","sg-4","sg-5","sg-6"]',
      ].join("\n"),
    );
  });
});
