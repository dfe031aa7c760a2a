import { App, Testing } from "../src/cdk/cdktf";
import * as library from "../src/index";

// docs/library.md's example, run as written against the package entry point (src/index.ts, which
// the built package exposes as "private-routing").
describe("library entry point", () => {
  test("the documented example renders one root module with the MWAA endpoints", () => {
    const { plans } = library.parseConfig(
      `deployments:
  - name: airflow-network
    region: eu-west-1
    network: { cidrBlock: 10.20.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
    mwaa: { environmentName: airflow, sourceBucketName: airflow-dags-123456789012 }
`,
      "inline.yaml",
    );
    const app = Testing.app();
    const [stack] = plans.map((plan) => new library.DeploymentStack(app, { plan }));
    const tf = JSON.parse(Testing.synth(stack));
    // MWAA-P5 in eu-west-1: nine interface endpoints (airflow.ops offered there) and the S3 gateway.
    expect(Object.keys(tf.resource.aws_vpc_endpoint)).toEqual([
      "mwaa_airflow_api",
      "mwaa_airflow_env",
      "mwaa_airflow_ops",
      "mwaa_ecr_api",
      "mwaa_ecr_dkr",
      "mwaa_kms",
      "mwaa_logs",
      "mwaa_monitoring",
      "mwaa_s3",
      "mwaa_sqs",
    ]);
    expect(stack.mwaa?.interfaceEndpoints.has("kms")).toBe(true);
    expect(app).toBeInstanceOf(App);
  });

  test("every construct the docs name is exported", () => {
    for (const name of [
      "VpcNetwork",
      "ExistingNetwork",
      "MwaaNetwork",
      "MwaaEnvironment",
      "PrivateLinkEndpoints",
      "InterfaceEndpoint",
      "GatewayEndpoint",
      "AppRunner",
      "AppRunnerConnector",
      "AppRunnerService",
      "Lattice",
      "ResourceGateway",
      "ResourceConfiguration",
      "ResourceShare",
      "LatticeConsumer",
      "PrivateApiConnection",
      "HttpTaskStateMachine",
      "Preflight",
      "DeploymentStack",
      "planDeployments",
      "parseConfig",
      "loadModel",
      "runCheck",
    ])
      expect({ name, type: typeof (library as Record<string, unknown>)[name] }).toEqual({ name, type: "function" });
  });
});
