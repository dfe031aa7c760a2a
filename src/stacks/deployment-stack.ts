import { Construct, TerraformVariable } from "../cdk/cdktf";
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
import { EndpointZones } from "../constructs/endpoint-zones";
import { HubProfile } from "../constructs/hub-profile";
import { HubSpoke } from "../constructs/hub-spoke";
import { TransitGatewayHub } from "../constructs/transit-gateway-hub";
import type { DeploymentPlan, ProviderAlias, ProviderPlan, Warning } from "../plan/types";
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

    const providers = new Map<ProviderAlias | undefined, AwsProvider>(plan.providers.map((p) => [p.alias, this.provider(p)] as const));
    const by = (alias: ProviderAlias | undefined) => (alias === undefined ? undefined : providers.get(alias)!);
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    addBackend(this, plan.backend, plan.region, props.statePath);
    // cdktf writes the short form "aws"; the full address reads better and is what `terraform init` records.
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");

    const net =
      plan.network.kind === "new"
        ? new VpcNetwork(this, "network", plan.network.vpc)
        : new ExistingNetwork(this, "_network", plan.network.existing);
    this.network = net;
    if (plan.mwaa)
      this.mwaa = new MwaaNetwork(this, "mwaa", { ...plan.mwaa, network: net, endpointsProvider: by(plan.mwaa.endpointsMadeBy) });
    if (plan.mwaaEnvironment && this.mwaa)
      this.mwaaEnvironment = new MwaaEnvironment(this, "mwaa_environment", {
        ...plan.mwaaEnvironment,
        mwaaNetwork: this.mwaa,
        customerEndpointsProvider: by(plan.mwaaEnvironment.customerEndpointsMadeBy),
      });
    if (plan.endpoints)
      this.endpoints = new PrivateLinkEndpoints(this, "endpoints", {
        ...plan.endpoints,
        network: net,
        provider: by(plan.endpoints.madeBy),
      });
    if (plan.apprunner) {
      const gateways = this.endpoints?.gatewayEndpoints;
      const endpointPrefixListIds = plan.apprunner.connector.gatewayEndpoints.map((name) => gateways!.get(name)!.endpoint.prefixListId);
      this.apprunner = new AppRunner(this, "_apprunner", {
        ...plan.apprunner,
        network: net,
        endpointPrefixListIds,
        requestsEndpointProvider: by(plan.apprunner.requestsEndpoint?.madeBy),
      });
    }
    if (plan.hub) {
      new TransitGatewayHub(this, "hub_tgw", { ...plan.hub, network: net });
      const zones = new EndpointZones(this, "hub_zone", {
        vpcId: net.vpcId,
        zones: plan.hub.zones,
        endpoints: this.endpoints!.interfaceEndpoints,
      });
      if (plan.hub.profile)
        new HubProfile(this, "hub_profile", {
          name: plan.hub.profile.name,
          zones: zones.zones,
          shareWithAccounts: plan.hub.shareWithAccounts,
        });
    }
    if (plan.spoke) new HubSpoke(this, "spoke", { ...plan.spoke, network: net, hubProvider: by(plan.spoke.hubMadeBy) });
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

  /**
   * One AWS provider. An aliased one (another account) assumes its role through a variable whose
   * default is the configured ARN, so a pipeline can pass its own without a new synth; every
   * provider names the account its credentials must belong to (allowed_account_ids), so a
   * mix-up of credentials stops at plan instead of creating resources in the wrong account.
   */
  private provider(p: ProviderPlan): AwsProvider {
    const id = p.alias ? `aws_${p.alias}` : "aws";
    const session = `private-routing-${this.plan.name}`.slice(0, 64);
    const provider = new AwsProvider(this, id, {
      alias: p.alias,
      region: this.plan.region,
      defaultTags: [{ tags: { ...this.plan.defaultTags } }],
      ...(p.accountId && p.alias ? { allowedAccountIds: [p.accountId] } : {}),
      ...(p.roleArn && !p.alias ? { assumeRole: [{ roleArn: p.roleArn, sessionName: session }] } : {}),
    });
    if (p.alias && p.roleArn) {
      // Empty: no role is assumed, the credentials Terraform runs with act for this account (an
      // offline plan with mock credentials; a run that already holds the owner's credentials).
      const role = new TerraformVariable(this, `${p.alias}_role_arn`, {
        type: "string",
        default: p.roleArn,
        description: `Role the ${p.alias} provider assumes in account ${p.accountId} to make ${p.makes}. Empty: assume none, use the credentials Terraform runs with`,
      });
      const arn = role.stringValue;
      provider.addOverride("dynamic.assume_role", {
        for_each: `\${${arn} == null || ${arn} == "" ? [] : [${arn}]}`,
        content: { role_arn: "${assume_role.value}", session_name: session },
      });
    }
    return provider;
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
