// The library entry point (`import { MwaaNetwork } from "private-routing"`): the constructs with
// their typed props for cdktf users, the planner that resolves a configuration into those props,
// and the checker. The command line is bin/private-routing.js. Reference: docs/library.md.
export { MwaaNetwork, type MwaaNetworkProps } from "./constructs/mwaa-network";
export { MwaaEnvironment, type MwaaEnvironmentProps } from "./constructs/mwaa-environment";
export { VpcNetwork, type VpcNetworkProps } from "./constructs/vpc-network";
export { ExistingNetwork, type ExistingNetworkProps } from "./constructs/existing-network";
export { InterfaceEndpoint, type InterfaceEndpointProps } from "./constructs/interface-endpoint";
export { GatewayEndpoint, type GatewayEndpointProps } from "./constructs/gateway-endpoint";
export { PrivateLinkEndpoints, type PrivateLinkEndpointsProps } from "./constructs/privatelink-endpoints";
export { AppRunner, type AppRunnerProps } from "./constructs/apprunner";
export { AppRunnerConnector, type AppRunnerConnectorProps } from "./constructs/apprunner-connector";
export { AppRunnerService, type AppRunnerServiceProps } from "./constructs/apprunner-service";
export { Lattice, type LatticeProps } from "./constructs/lattice";
export { LatticeConsumer, type LatticeConsumerProps } from "./constructs/lattice-consumer";
export { ResourceGateway, type ResourceGatewayProps } from "./constructs/resource-gateway";
export { ResourceConfiguration, type ResourceConfigurationProps } from "./constructs/resource-configuration";
export { ResourceShare, type ResourceShareProps } from "./constructs/resource-share";
export { PrivateApiConnection, type PrivateApiConnectionProps } from "./constructs/private-api-connection";
export { HttpTaskStateMachine, type HttpTaskStateMachineProps } from "./constructs/http-task-state-machine";
export { Preflight, type PreflightProps } from "./constructs/preflight";
export { DeploymentStack, type DeploymentStackProps } from "./stacks/deployment-stack";
export { planDeployments, planDeployment } from "./plan/plan-deployments";
export type { DeploymentPlan } from "./plan/types";
export { loadConfig, parseConfig, ConfigError } from "./config/load";
export { synthesize } from "./synth/synthesize";
export { loadModel, modelFromPlan } from "./check/model";
export { runCheck, type CheckResult } from "./check/run";
