import { Construct, LocalBackend, TerraformOutput } from "../cdk/cdktf";
import { AwsProvider } from "../cdk/aws";
import type { DeploymentConfig } from "../config/schema";
import { MwaaNetwork } from "../constructs/mwaa-network";
import { PrivateNetwork } from "../constructs/private-network";
import { ReadableStack } from "./readable-stack";

/** The Terraform version range the generated root modules are written for. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5.0";

export interface DeploymentStackProps {
  readonly deployment: DeploymentConfig;
  /**
   * Local state path to write into the backend block, relative to the folder Terraform runs in.
   * @default - the deployment's `backend.path`
   */
  readonly statePath?: string;
}

/**
 * One deployment: one VPC and the features enabled on it, as one Terraform root module. The stack
 * owns the provider, the backend and the outputs; constructs own resources.
 */
export class DeploymentStack extends ReadableStack {
  readonly deployment: DeploymentConfig;
  readonly network: PrivateNetwork;
  readonly mwaa?: MwaaNetwork;
  /** Compliance profiles this stack is meant to satisfy, recorded in the generated JSON. */
  readonly profiles: readonly string[];

  constructor(scope: Construct, props: DeploymentStackProps) {
    const d = props.deployment;
    super(scope, d.name);
    this.deployment = d;

    new AwsProvider(this, "aws", {
      region: d.region,
      defaultTags: [{ tags: { ...d.tags, ManagedBy: "private-routing", Deployment: d.name } }],
    });
    // Explicit and relative: cdktf's default local backend writes the synth machine's absolute path.
    new LocalBackend(this, { path: props.statePath ?? d.backend.path });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    // cdktf writes the short form "aws"; the full address reads better and is what `terraform init` records.
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");

    this.network = new PrivateNetwork(this, "network", {
      region: d.region,
      namePrefix: d.name,
      cidrBlock: d.network.cidrBlock,
      availabilityZones: d.network.availabilityZones,
      privateSubnetCidrs: d.network.privateSubnetCidrs,
    });
    const profiles = ["network-private"];

    new TerraformOutput(this, "vpc_id", { value: this.network.vpcId, description: "ID of the VPC" });
    new TerraformOutput(this, "private_subnet_ids", {
      value: this.network.privateSubnetIds,
      description: `IDs of the private subnets, in Availability Zone order (${d.network.availabilityZones.join(", ")})`,
    });
    new TerraformOutput(this, "private_route_table_ids", {
      value: this.network.privateRouteTableIds,
      description: "IDs of the private route tables (VPC-local route only, plus gateway endpoint routes)",
    });

    if (d.mwaa) {
      const mwaa = new MwaaNetwork(this, "mwaa", { network: this.network, ...d.mwaa });
      this.mwaa = mwaa;
      profiles.push("mwaa-private");
      const interfaceEndpoints = [...mwaa.interfaceEndpoints.entries()];
      new TerraformOutput(this, "mwaa_security_group_id", {
        value: mwaa.securityGroupId,
        description: "Security group for the MWAA environment (network_configuration.security_group_ids) and its endpoints",
      });
      new TerraformOutput(this, "mwaa_subnet_ids", {
        value: mwaa.environmentSubnets.map((s) => s.subnetId),
        description: "The two private subnets for the MWAA environment (network_configuration.subnet_ids)",
      });
      new TerraformOutput(this, "mwaa_interface_endpoint_ids", {
        value: Object.fromEntries(interfaceEndpoints.map(([name, e]) => [name, e.endpointId])),
        description: "Interface VPC endpoint IDs, by service short name",
      });
      new TerraformOutput(this, "mwaa_interface_endpoint_dns_entries", {
        value: Object.fromEntries(interfaceEndpoints.map(([name, e]) => [name, e.dnsEntries])),
        description: "DNS entries of each interface endpoint (regional name first, then one per AZ), by service short name",
      });
      new TerraformOutput(this, "mwaa_s3_gateway_endpoint_id", {
        value: mwaa.s3GatewayEndpoint.endpointId,
        description: "ID of the S3 gateway endpoint on the private route table",
      });
    }
    this.profiles = profiles;
  }
}
