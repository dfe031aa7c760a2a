import { AwsProvider } from "../../src/cdk/aws";
import { REQUIRED_TERRAFORM_VERSION } from "../../src/stacks/deployment-stack";
import { mwaaDeployment, synthDeployment } from "../support/fixtures";
import { ref } from "../support/terraform-json";

const { tf, text } = synthDeployment(mwaaDeployment());

describe("DeploymentStack", () => {
  describe("provider and backend", () => {
    test("the provider is in the deployment's Region and tags everything", () => {
      expect(text).toHaveProviderWithProperties(AwsProvider, {
        region: "us-east-1",
        default_tags: [{ tags: { Team: "data", ManagedBy: "private-routing", Deployment: "test-mwaa" } }],
      });
    });

    test("the local backend path is the configured relative path, never the synth machine's absolute path", () => {
      expect(tf.terraform).toEqual({
        backend: { local: { path: "terraform.tfstate" } },
        required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } },
        required_version: REQUIRED_TERRAFORM_VERSION,
      });
    });

    test("no data sources: the default output plans offline", () => {
      expect(tf.data).toBeUndefined();
    });
  });

  describe("outputs", () => {
    test("network and MWAA outputs, each with a description", () => {
      expect(Object.keys(tf.output!).sort()).toEqual([
        "mwaa_interface_endpoint_dns_entries",
        "mwaa_interface_endpoint_ids",
        "mwaa_s3_gateway_endpoint_id",
        "mwaa_security_group_id",
        "mwaa_subnet_ids",
        "private_route_table_ids",
        "private_subnet_ids",
        "vpc_id",
      ]);
      for (const o of Object.values(tf.output!)) expect(o.description).toMatch(/\w{3,}/);
      expect(tf.output!.vpc_id.value).toBe(ref("aws_vpc", "network"));
      expect(tf.output!.mwaa_security_group_id.value).toBe(ref("aws_security_group", "mwaa"));
      expect(tf.output!.private_subnet_ids.value).toEqual([
        ref("aws_subnet", "network_private_us_east_1a"),
        ref("aws_subnet", "network_private_us_east_1b"),
      ]);
      expect((tf.output!.mwaa_interface_endpoint_ids.value as Record<string, string>).sqs).toBe(ref("aws_vpc_endpoint", "mwaa_sqs"));
      expect((tf.output!.mwaa_interface_endpoint_dns_entries.value as Record<string, string>)["ecr.dkr"]).toBe(
        ref("aws_vpc_endpoint", "mwaa_ecr_dkr", "dns_entry"),
      );
    });

    test("a deployment without MWAA has only the network and its outputs", () => {
      const { tf: plain } = synthDeployment(mwaaDeployment({ mwaa: undefined }));
      expect(Object.keys(plain.output!).sort()).toEqual(["private_route_table_ids", "private_subnet_ids", "vpc_id"]);
      expect(plain.resource!.aws_vpc_endpoint).toBeUndefined();
      expect(plain.resource!.aws_security_group).toBeUndefined();
    });
  });
});
