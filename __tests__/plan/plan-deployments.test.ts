import { parseConfig } from "../../src/config/load";
import { formatProblem } from "../../src/problems";
import { planDeployments } from "../../src/plan/plan-deployments";
import type { DeploymentsConfig } from "../../src/config/schema";
import { configProblems, mwaaDeployment, mwaaEnvironmentConfig, mwaaOptions, net, planOf } from "../support/fixtures";

const network = { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] };

describe("planDeployments", () => {
  test("a file with five independent mistakes reports all five at once (schema and planner, two deployments)", () => {
    const config = {
      deployments: [
        {
          name: "one",
          region: "us-east-1",
          network: { ...network, availabilityZones: ["us-east-1a", "eu-west-1b"] }, // 1: an AZ of another Region (planner)
          apprunner: { connectorName: "c", services: [] }, // 2: a connector name too short (planner)
          backend: { type: "local", path: "../state.tfstate" }, // 3: a state path outside the folder (planner)
          endpoints: { services: ["stss"] }, // 4: no such service (planner)
        },
        {
          name: "two",
          region: "us-east-1",
          network,
          // 5: not a boolean (schema). The planner still checks the other deployment, and the
          // other features of this one (see the next tests).
          mwaa: { environmentName: "env", sourceBucketName: "bucket-name", hardenedSecurityGroup: "yes" },
        },
      ],
    };
    let messages: string[] = [];
    try {
      parseConfig(JSON.stringify(config), "five.json");
    } catch (e) {
      messages = (e as { problems: Parameters<typeof formatProblem>[0][] }).problems.map(formatProblem);
    }
    expect(messages).toHaveLength(5);
    expect(messages[0]).toBe('`deployments[1].mwaa.hardenedSecurityGroup` must be a boolean, got: "yes"');
    expect(messages.slice(1).map((m) => m.split("` ")[0])).toEqual([
      "`deployments[0].network.availabilityZones[1]",
      "`deployments[0].backend.path",
      "`deployments[0].endpoints.services[0].service",
      "`deployments[0].apprunner.connectorName",
    ]);
  });

  test("in one deployment, a schema mistake in one feature does not hide the planner's findings on another", () => {
    expect(
      configProblems({
        network,
        mwaa: { environmentName: "env", sourceBucketName: "bucket-name", hardenedSecurityGroup: "yes" }, // schema
        endpoints: { services: ["stss"] }, // planner, beside it
        backend: { type: "local", path: "../state.tfstate" }, // planner, beside it
      }),
    ).toEqual([
      '`deployments[0].mwaa.hardenedSecurityGroup` must be a boolean, got: "yes"',
      expect.stringMatching(/^`deployments\[0\]\.backend\.path` /),
      expect.stringMatching(/^`deployments\[0\]\.endpoints\.services\[0\]\.service` must name an AWS service in the endpoint catalogue/),
    ]);
  });

  test("features that refer to each other are set aside together: a connection's schema mistake does not make its state machine's reference look broken", () => {
    const problems = configProblems({
      network,
      accountId: "444455556666",
      lattice: {
        serviceNetwork: { name: "sn" },
        consume: [
          {
            name: "svc",
            resourceConfigurationArn: "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0",
            via: "serviceNetwork",
            ports: [443],
          },
        ],
      },
      eventBridge: { connections: [{ name: "Conn", resourceConfiguration: "svc", authorization: { basic: { username: 7 } } }] }, // schema
      stepFunctions: { stateMachines: [{ name: "sm", connection: "Conn", endpoint: "https://svc.example.com/", method: "GET" }] },
      backend: { type: "local", path: "../state.tfstate" }, // planner, independent
    });
    expect(problems).toEqual([
      '`deployments[0].eventBridge.connections[0].authorization.basic.username` must be a string: quote it ("7"), got: 7',
      expect.stringMatching(/^`deployments\[0\]\.backend\.path` /),
    ]);
  });

  test("two deployments that create the same S3 bucket: the second is refused (bucket names are global)", () => {
    const deployment = (name: string) => ({
      name,
      region: "us-east-1",
      accountId: "123456789012",
      network,
      mwaa: { environmentName: `env-${name}`, sourceBucketName: "shared-dag-bucket", environment: {} },
    });
    let messages: string[] = [];
    try {
      parseConfig(JSON.stringify({ deployments: [deployment("one"), deployment("two")] }), "two.json");
    } catch (e) {
      messages = (e as { problems: Parameters<typeof formatProblem>[0][] }).problems.map(formatProblem);
    }
    expect(messages).toEqual([
      '`deployments[1].mwaa.sourceBucketName` is also created by deployments[0] (one): S3 bucket names are global, so only one apply can create it, got: "shared-dag-bucket"',
    ]);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    [
      "an existing VPC without cidrBlock and a private App Runner service (was a terraform validate error)",
      {
        existingNetwork: {
          vpcId: "vpc-0a1b2c3d",
          privateSubnets: [
            { subnetId: "subnet-0a1b2c3d", availabilityZone: "us-east-1a" },
            { subnetId: "subnet-0a1b2c3e", availabilityZone: "us-east-1b" },
          ],
          routeTableIds: ["rtb-0a1b2c3d"],
        },
        apprunner: {
          connectorName: "orders-connector",
          awsServices: ["sts"],
          services: [{ name: "orders-api", image: { identifier: "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1" }, private: true }],
        },
      },
      [
        "`deployments[0].existingNetwork.cidrBlock` is required with interface endpoints (their security group admits the VPC's block)",
        '`deployments[0].apprunner.services` private services need the VPC\'s IPv4 block (existingNetwork.cidrBlock): their requests endpoint admits HTTPS from it (APR-8), got: ["orders-api"]',
      ],
    ],
    [
      "MWAA on a single-AZ network the network itself allows",
      {
        network: { ...network, availabilityZones: ["us-east-1a"], allowSingleAz: true },
        mwaa: { environmentName: "env", sourceBucketName: "bucket-name" },
      },
      [
        '`deployments[0].mwaa` needs two private subnets in two different Availability Zones (MWAA-P2): the network has fewer, got: ["us-east-1a"]',
      ],
    ],
    [
      "a state machine naming a connection that does not exist, and a repeated connection name",
      {
        network,
        eventBridge: {
          connections: [
            {
              name: "api",
              resourceConfigurationArn: "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0",
              authorization: { apiKey: { name: "x-api-key" } },
            },
            {
              name: "api",
              resourceConfigurationArn: "arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0",
              authorization: { apiKey: { name: "x-api-key" } },
            },
          ],
        },
        stepFunctions: { stateMachines: [{ name: "call", connection: "nope", endpoint: "https://api.example.com/", method: "GET" }] },
      },
      [
        '`deployments[0].eventBridge.connections[1].name` must be unique (Terraform addresses use it); connections[0] has the same name, got: "api"',
        '`deployments[0].stepFunctions.stateMachines[0].connection` must name one of eventBridge.connections: api, api, got: "nope"',
      ],
    ],
  ])("%s", (_label, entry, expected) => {
    expect(configProblems(entry)).toEqual(expected);
  });
});

describe("names unique in an account", () => {
  // IAM role names are per account, not per Region: the second deployment's apply would fail with EntityAlreadyExists.
  const withEnvironment = (name: string, region: string, bucket: string, accountId?: string) =>
    mwaaDeployment({
      name,
      region,
      accountId,
      network: net({ availabilityZones: [`${region}a`, `${region}b`] }),
      ...mwaaOptions({ sourceBucketName: bucket, environment: mwaaEnvironmentConfig() }),
    });

  test("two MWAA environments of one name in two Regions of one account: their execution roles collide", () => {
    const result = planDeployments({
      deployments: [
        withEnvironment("east", "us-east-1", "east-dags", "111122223333"),
        withEnvironment("west", "us-west-2", "west-dags", "111122223333"),
      ],
    } as DeploymentsConfig);
    expect((result.problems ?? []).map(formatProblem)).toEqual([
      '`deployments[1].mwaa.environmentName` gives the IAM role name mwaa-test-env-execution, which deployments[0] (east) also creates: IAM role names are unique in an account across Regions; rename one, got: "test-env"',
    ]);
  });

  test("in two accounts they do not", () => {
    const result = planDeployments({
      deployments: [
        withEnvironment("east", "us-east-1", "east-dags", "111122223333"),
        withEnvironment("west", "us-west-2", "west-dags", "444455556666"),
      ],
    } as DeploymentsConfig);
    expect((result.problems ?? []).map(formatProblem)).toEqual([]);
  });
});

// A KMS key is Regional, but no AWS page read here (2026-11-23) says MWAA or S3 refuse a key of
// another Region: a warning that says so, not a refusal (src/plan/kms-key-regions.ts).
test("a KMS key of another Region (MWAA environment, S3 state bucket) is a warning that names its field; same Region, none", () => {
  const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const config = (mwaaKey: string, stateKey: string) =>
    JSON.stringify({
      deployments: [
        {
          name: "k",
          region: "us-east-1",
          accountId: "123456789012",
          network,
          mwaa: { environmentName: "k-env", sourceBucketName: "k-dags-bucket", environment: { kmsKey: mwaaKey } },
          backend: { type: "s3", bucket: "state-bucket", key: "k.tfstate", region: "eu-central-1", kmsKeyId: stateKey },
        },
      ],
    });
  const warnings = parseConfig(config(key("eu-west-1"), key("us-east-1")), "k.json").plans[0].warnings.filter((w) =>
    w.message.includes("KMS key"),
  );
  const note =
    "a KMS key belongs to one Region; whether the service accepts a key of another Region is not in the facts catalogue (no AWS source found): if the apply fails, use a key of the same Region";
  expect(warnings.map((w) => [w.path, w.message])).toEqual([
    ["mwaa.environment.kmsKey", `mwaa.environment.kmsKey is in eu-west-1, the environment in us-east-1: ${note}`],
    // The state key is compared with the bucket's Region (eu-central-1), not the deployment's.
    ["backend.kmsKeyId", `backend.kmsKeyId is in us-east-1, the state bucket in eu-central-1: ${note}`],
  ]);
  expect(
    parseConfig(config(key("us-east-1"), key("eu-central-1")), "k.json").plans[0].warnings.filter((w) => w.message.includes("KMS key")),
  ).toEqual([]);
});

describe("a VPC block in an address range with a special meaning (issue 31)", () => {
  test.each([
    ["169.254.0.0/16", "169.254.0.0/16, link-local (instance metadata and the Amazon DNS resolver use it)"],
    ["127.0.0.0/16", "127.0.0.0/8, loopback"],
    ["224.0.0.0/16", "224.0.0.0/4, multicast"],
  ])("%s is warned about (not refused: EC2's refusal was not confirmed against an AWS page)", (cidrBlock, range) => {
    const plan = planOf(mwaaDeployment({ network: net({ cidrBlock }) }));
    expect(plan.warnings.filter((w) => w.path === "network.cidrBlock").map((w) => w.message)).toEqual([
      `${cidrBlock} is in ${range}: not a block for a VPC (the VPC user guide recommends RFC 1918 blocks); EC2 may refuse it at apply, which was not confirmed here`,
    ]);
  });

  test("an RFC 1918 block has no such warning", () => {
    expect(planOf(mwaaDeployment()).warnings.filter((w) => w.path === "network.cidrBlock")).toEqual([]);
  });
});
