import { Testing } from "../../src/cdk/cdktf";
import type { DeploymentConfig, ExistingNetworkConfig, NetworkConfig } from "../../src/config/schema";
import { planDeployment } from "../../src/plan/plan-deployments";
import type { DeploymentPlan } from "../../src/plan/types";
import { formatProblem, ValidationError } from "../../src/problems";
import { deploymentSchema } from "../../src/config/schema";
import { ConfigError, parseConfig } from "../../src/config/load";
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
  return {
    routing: "private",
    cidrBlock: "10.0.0.0/16",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    ipv6: "none",
    allowSingleAz: false,
    extraRoutes: [],
    ...overrides,
  };
}

/** An existing VPC with placeholder IDs, two private subnets in us-east-1a and us-east-1b; tests override what they exercise. */
export function existingNet(overrides: Partial<ExistingNetworkConfig> = {}): ExistingNetworkConfig {
  return {
    vpcId: "vpc-0a1b2c3d4e5f67890",
    cidrBlock: "10.0.0.0/16",
    privateSubnets: [
      { subnetId: "subnet-0a1b2c3d4e5f67890", availabilityZone: "us-east-1a" },
      { subnetId: "subnet-0b1c2d3e4f5a67891", availabilityZone: "us-east-1b" },
    ],
    routeTableIds: ["rtb-0a1b2c3d4e5f67890"],
    existingEndpoints: [],
    ...overrides,
  };
}

type MwaaEnvironmentConfig = NonNullable<NonNullable<DeploymentConfig["mwaa"]>["environment"]>;

/** An MWAA environment configuration with the schema's defaults; tests override what they exercise. */
export function mwaaEnvironmentConfig(overrides: Partial<MwaaEnvironmentConfig> = {}): MwaaEnvironmentConfig {
  return {
    createSourceBucket: true,
    airflowVersion: "2.10.3",
    environmentClass: "mw1.small",
    minWorkers: 1,
    maxWorkers: 10,
    schedulers: 2,
    webserverAccessMode: "PRIVATE_ONLY",
    logLevel: "INFO",
    weeklyMaintenanceWindowStart: "SUN:03:00",
    dagS3Path: "dags/",
    additionalSecurityGroupIds: [],
    ...overrides,
  };
}

export function mwaaOptions(overrides: Partial<NonNullable<DeploymentConfig["mwaa"]>>): Partial<DeploymentConfig> {
  return { mwaa: { ...mwaaDeployment().mwaa!, ...overrides } };
}

/** The shipped planner's plan of one deployment; its problems (paths relative to it) as a ValidationError. */
export function planOf(deployment: DeploymentConfig): DeploymentPlan {
  const result = planDeployment(deployment);
  if ("problems" in result) throw new ValidationError(result.problems);
  return result.plan;
}

/** Synthesizes a deployment with cdktf's Testing.synth; returns the JSON text and its parse. */
export function synthDeployment(deployment: DeploymentConfig): { text: string; tf: TerraformJson; stack: DeploymentStack } {
  const stack = new DeploymentStack(Testing.app(), { plan: planOf(deployment) });
  const text = Testing.synth(stack);
  return { text, tf: JSON.parse(text) as TerraformJson, stack };
}

export const SHARED_RC_ARN = "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0";

/** A VPC Lattice resource owner (the AWS News Blog post of docs/requirements.md): gateway, one configuration, a RAM share. */
export function latticeOwner(
  overrides: Partial<NonNullable<DeploymentConfig["lattice"]>> = {},
  deployment: Partial<DeploymentConfig> = {},
): DeploymentConfig {
  return mwaaDeployment({
    name: "owner",
    mwaa: undefined,
    lattice: {
      resourceGateway: { name: "main-rg", securityGroupIds: [], eventBridgeRules: false },
      resourceConfigurations: [
        {
          name: "rc-service1",
          dnsName: "service1.example.com",
          portRanges: ["80", "443"],
          targetCidr: "10.0.0.0/20",
          allowAssociationToShareableServiceNetwork: true,
        },
      ],
      share: { name: "shared-services", principals: ["444455556666"], allowExternalPrincipals: false },
      consume: [],
      ...overrides,
    },
    ...deployment,
  });
}

/** A consumer: the shared configuration through a service network, an EventBridge connection, a state machine. */
export function latticeConsumer(deployment: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return mwaaDeployment({
    name: "consumer",
    accountId: "444455556666",
    mwaa: undefined,
    lattice: {
      resourceConfigurations: [],
      serviceNetwork: { name: "shared-services-sn" },
      consume: [{ name: "service1", resourceConfigurationArn: SHARED_RC_ARN, via: "serviceNetwork", ports: [443], privateDns: true }],
    },
    eventBridge: {
      connections: [
        {
          name: "MyService1",
          resourceConfiguration: "service1",
          authorization: { basic: { username: "forecast-client" } },
          invocationParameters: { queryString: { Action: "Forecast" } },
          apiDestination: {
            endpoint: "https://service1.example.com/forecast",
            httpMethod: "POST",
            rule: { eventBusName: "default", eventPattern: { source: ["com.example.orders"] } },
          },
        },
      ],
    },
    stepFunctions: {
      stateMachines: [
        {
          name: "forecast",
          connection: "MyService1",
          endpoint: "https://service1.example.com/forecast",
          method: "GET",
          logLevel: "ALL",
          includeExecutionData: false,
          logRetentionDays: 30,
        },
      ],
    },
    ...deployment,
  });
}

/**
 * The shipped path from a configuration entry as a user writes it (schema defaults applied) to
 * the planner's problems, as messages. The entry is merged over a valid private-routing deployment
 * in us-east-1 with three AZs.
 */
export function planProblems(entry: Record<string, unknown>): string[] {
  const raw = {
    name: "t",
    region: "us-east-1",
    network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] },
    ...entry,
  };
  const parsed = deploymentSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`fixture does not pass the schema: ${parsed.error.message}`);
  const result = planDeployment(parsed.data);
  return "problems" in result ? result.problems.map(formatProblem) : [];
}

/** Every problem the shipped loader reports for a one-deployment configuration file (schema and planner). */
export function configProblems(entry: Record<string, unknown>): string[] {
  const raw = { name: "t", region: "us-east-1", ...entry };
  try {
    parseConfig(JSON.stringify({ deployments: [raw] }), "t.json");
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

/** A configuration file's text: one single-AZ deployment (allowSingleAz) with a kms endpoint, the case PL-1 accepts. */
export const SINGLE_AZ_YAML = [
  "deployments:",
  "  - name: single",
  "    region: us-east-1",
  "    network: { cidrBlock: 10.20.0.0/16, availabilityZones: [us-east-1a], allowSingleAz: true }",
  "    endpoints: { services: [kms] }",
  "",
].join("\n");
