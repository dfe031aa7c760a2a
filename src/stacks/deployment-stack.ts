import { Construct } from "../cdk/cdktf";
import { AwsProvider } from "../cdk/aws";
import { AppRunner } from "../constructs/apprunner";
import { ExistingNetwork } from "../constructs/existing-network";
import { Lattice } from "../constructs/lattice";
import { MwaaEnvironment } from "../constructs/mwaa-environment";
import { MwaaNetwork } from "../constructs/mwaa-network";
import { INetwork } from "../constructs/network";
import { Preflight } from "../constructs/preflight";
import { PrivateLinkEndpoints } from "../constructs/privatelink-endpoints";
import { VpcNetwork } from "../constructs/vpc-network";
import type { DeploymentPlan, Warning } from "../plan/types";
import { addBackend } from "./backend";
import { ReadableStack } from "../constructs/readable-names";
import { addOutput } from "../constructs/scope";
import { ACCEPTED_DEVIATIONS_OUTPUT } from "../outputs";

/** The Terraform version range the generated root modules are written for. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5.0";

export interface DeploymentStackProps {
  readonly plan: DeploymentPlan;
  /**
   * For a local backend: the state path to write into the backend block instead of `backend.path`.
   * @default - the deployment's `backend.path`
   */
  readonly statePath?: string;
}

/**
 * One deployment as one Terraform root module: renders a DeploymentPlan, making no decision of
 * its own. The stack owns the provider and the backend; constructs own resources and outputs.
 */
export class DeploymentStack extends ReadableStack {
  readonly plan: DeploymentPlan;
  readonly network: INetwork;
  readonly mwaa?: MwaaNetwork;
  readonly mwaaEnvironment?: MwaaEnvironment;
  readonly endpoints?: PrivateLinkEndpoints;
  readonly apprunner?: AppRunner;

  constructor(scope: Construct, props: DeploymentStackProps) {
    const plan = props.plan;
    super(scope, plan.name);
    this.plan = plan;

    new AwsProvider(this, "aws", { region: plan.region, defaultTags: [{ tags: { ...plan.defaultTags } }] });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    addBackend(this, plan.backend, plan.region, props.statePath);
    // cdktf writes the short form "aws"; the full address reads better and is what `terraform init` records.
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");

    const net =
      plan.network.kind === "new"
        ? new VpcNetwork(this, "network", plan.network.vpc)
        : new ExistingNetwork(this, "_network", plan.network.existing);
    this.network = net;
    if (plan.mwaa) this.mwaa = new MwaaNetwork(this, "mwaa", { ...plan.mwaa, network: net });
    if (plan.mwaaEnvironment && this.mwaa)
      this.mwaaEnvironment = new MwaaEnvironment(this, "mwaa_environment", { ...plan.mwaaEnvironment, mwaaNetwork: this.mwaa });
    if (plan.endpoints) this.endpoints = new PrivateLinkEndpoints(this, "endpoints", { ...plan.endpoints, network: net });
    if (plan.apprunner) {
      const gateways = this.endpoints?.gatewayEndpoints;
      const endpointPrefixListIds = plan.apprunner.connector.gatewayEndpoints.map((name) => gateways!.get(name)!.endpoint.prefixListId);
      this.apprunner = new AppRunner(this, "_apprunner", { ...plan.apprunner, network: net, endpointPrefixListIds });
    }
    if (plan.lattice) new Lattice(this, "_lattice", { ...plan.lattice, network: net });
    new Preflight(this, "_preflight", { region: plan.region, checks: plan.preflight });
    if (Object.keys(plan.accepted).length > 0)
      addOutput(
        this,
        ACCEPTED_DEVIATIONS_OUTPUT,
        { ...plan.accepted },
        "Requirements this deployment relaxes on purpose (rule ID: why); private-routing check reports them as accepted warnings, on a plan too",
      );
  }

  /** Compliance profiles this stack is meant to satisfy, recorded in the generated JSON. */
  get profiles(): readonly string[] {
    return this.plan.profiles;
  }

  /** Advice that does not stop the synth, from the plan. */
  get warnings(): readonly Warning[] {
    return this.plan.warnings;
  }
}
