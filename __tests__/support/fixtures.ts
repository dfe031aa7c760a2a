import { Testing } from "../../src/cdk/cdktf";
import type { DeploymentConfig, NetworkConfig } from "../../src/config/schema";
import { DeploymentStack } from "../../src/stacks/deployment-stack";
import type { TerraformJson } from "./terraform-json";

/** A valid MWAA private-routing deployment; tests override what they exercise. */
export function mwaaDeployment(overrides: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return {
    name: "test-mwaa",
    region: "us-east-1",
    tags: { Team: "data" },
    network: net({}),
    mwaa: {
      environmentName: "test-env",
      sourceBucketName: "test-dag-bucket",
      hardenedSecurityGroup: false,
      extraEndpoints: [],
      fipsAirflowEndpoints: false,
    },
    backend: { type: "local", path: "terraform.tfstate" },
    ...overrides,
  };
}

/** A new-VPC network configuration with the schema's defaults; tests override what they exercise. */
export function net(overrides: Partial<NetworkConfig>): NetworkConfig {
  return { routing: "private", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"], ipv6: "none", allowSingleAz: false, ...overrides };
}

export function mwaaOptions(overrides: Partial<NonNullable<DeploymentConfig["mwaa"]>>): Partial<DeploymentConfig> {
  return { mwaa: { ...mwaaDeployment().mwaa!, ...overrides } };
}

/** Synthesizes a deployment with cdktf's Testing.synth; returns the JSON text and its parse. */
export function synthDeployment(deployment: DeploymentConfig): { text: string; tf: TerraformJson; stack: DeploymentStack } {
  const stack = new DeploymentStack(Testing.app(), { deployment });
  const text = Testing.synth(stack);
  return { text, tf: JSON.parse(text) as TerraformJson, stack };
}
