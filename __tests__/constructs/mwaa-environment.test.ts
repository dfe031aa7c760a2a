import { MwaaEnvironment as MwaaEnvironmentResource } from "../../src/cdk/aws";
import type { DeploymentConfig } from "../../src/config/schema";
import { mwaaDeployment, mwaaEnvironmentConfig, mwaaOptions, net, planOf, planProblems, synthDeployment } from "../support/fixtures";
import { MWAA_G1 } from "../../src/check/rules/mwaa-g1";
import { MWAA_G4 } from "../../src/check/rules/mwaa-g4";
import { Testing } from "../../src/cdk/cdktf";
import { planDeployment } from "../../src/plan/plan-deployments";
import type { LocalFiles } from "../../src/plan/types";
import { formatProblem } from "../../src/problems";
import { DeploymentStack } from "../../src/stacks/deployment-stack";
import { synthesize } from "../../src/synth/synthesize";
import { MWAA_P10 } from "../../src/check/rules/mwaa-p10";
import { MWAA_P11 } from "../../src/check/rules/mwaa-p11";
import { Attrs, clone, decodeJsonencode, ref, resourcesOf, ruleViolations, TerraformJson } from "../support/terraform-json";

type EnvConfig = NonNullable<NonNullable<DeploymentConfig["mwaa"]>["environment"]>;
const envDefaults: EnvConfig = mwaaEnvironmentConfig();

function withEnvironment(env: Partial<EnvConfig> = {}, overrides: Partial<DeploymentConfig> = {}): TerraformJson {
  const base = mwaaDeployment({ accountId: "123456789012", ...overrides });
  return synthDeployment({ ...base, ...mwaaOptions({ ...base.mwaa, environment: { ...envDefaults, ...env } }) }).tf;
}

const tf = withEnvironment();
const env = () => resourcesOf(tf, "aws_mwaa_environment").mwaa_environment;

describe("MwaaEnvironment", () => {
  describe("environment", () => {
    test("MWAA-G1: exactly the two environment subnets, in two AZs, and the environment's security group", () => {
      expect(ruleViolations(MWAA_G1, tf)).toEqual([]);
      expect(env().network_configuration).toEqual({
        subnet_ids: [ref("aws_subnet", "network_private_us_east_1a"), ref("aws_subnet", "network_private_us_east_1b")],
        security_group_ids: [ref("aws_security_group", "mwaa")],
      });
    });

    test("MWAA-G1 (failing case): both subnets in one AZ, or six security groups, is a violation", () => {
      const broken = clone(tf);
      const nc = broken.resource!.aws_mwaa_environment.mwaa_environment.network_configuration;
      nc.subnet_ids = [nc.subnet_ids[0], nc.subnet_ids[0]];
      nc.security_group_ids = ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"];
      expect(ruleViolations(MWAA_G1, broken)).toEqual([
        "aws_mwaa_environment.mwaa_environment: both subnets are in one Availability Zone",
        "aws_mwaa_environment.mwaa_environment: names 6 security groups, need 1 to 5",
      ]);
    });

    test("MWAA-P11: with private routing the web server is PRIVATE_ONLY", () => {
      expect(env().webserver_access_mode).toBe("PRIVATE_ONLY");
      expect(ruleViolations(MWAA_P11, tf)).toEqual([]);
      const broken = clone(tf);
      broken.resource!.aws_mwaa_environment.mwaa_environment.webserver_access_mode = "PUBLIC_ONLY";
      expect(ruleViolations(MWAA_P11, broken)).toEqual([
        'aws_mwaa_environment.mwaa_environment: webserver_access_mode is "PUBLIC_ONLY" in a network without internet access',
      ]);
    });

    test("MWAA-P10: the S3 gateway endpoint allows this environment's own bucket, not just any bucket", () => {
      expect(ruleViolations(MWAA_P10, tf)).toEqual([]);
      const broken = clone(tf);
      broken.resource!.aws_s3_bucket.mwaa_environment_source.bucket = "another-dag-bucket";
      expect(ruleViolations(MWAA_P10, broken)).toEqual([
        "aws_vpc_endpoint.mwaa_s3: the policy does not allow arn:aws:s3:::another-dag-bucket, the environment's DAG bucket",
        "aws_vpc_endpoint.mwaa_s3: the policy does not allow arn:aws:s3:::another-dag-bucket/*, the environment's DAG bucket",
      ]);
    });

    test("MWAA-P11 (failing case): PUBLIC_ONLY with private routing is rejected; with public routing it is allowed", () => {
      expect(
        planProblems({
          accountId: "123456789012",
          mwaa: { environmentName: "env", sourceBucketName: "bucket-name", environment: { webserverAccessMode: "PUBLIC_ONLY" } },
        }),
      ).toEqual([
        '`mwaa.environment.webserverAccessMode` must be PRIVATE_ONLY with private routing: a network with no internet access cannot serve a public web server (MWAA-P11), got: "PUBLIC_ONLY"',
      ]);
      const pub = withEnvironment(
        { webserverAccessMode: "PUBLIC_ONLY" },
        { network: net({ routing: "public", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] }) },
      );
      expect(resourcesOf(pub, "aws_mwaa_environment").mwaa_environment.webserver_access_mode).toBe("PUBLIC_ONLY");
    });

    test("all five log types are enabled at the configured level; class, version, workers, schedulers and maintenance window are set", () => {
      const debug = resourcesOf(withEnvironment({ logLevel: "DEBUG" }), "aws_mwaa_environment").mwaa_environment;
      const log = { enabled: true, log_level: "DEBUG" };
      expect(debug.logging_configuration).toEqual({
        dag_processing_logs: log,
        scheduler_logs: log,
        task_logs: log,
        webserver_logs: log,
        worker_logs: log,
      });
      expect(env()).toMatchObject({
        name: "test-env",
        airflow_version: "2.10.3",
        environment_class: "mw1.small",
        min_workers: 1,
        max_workers: 10,
        schedulers: 2,
        weekly_maintenance_window_start: "SUN:03:00",
        dag_s3_path: "dags/",
        endpoint_management: "SERVICE",
        source_bucket_arn: ref("aws_s3_bucket", "mwaa_environment_source", "arn"),
        execution_role_arn: ref("aws_iam_role", "mwaa_environment_execution", "arn"),
      });
    });

    test("the environment waits for its role policy, its compliant bucket, its security group's rules and every endpoint (else it hangs in creating)", () => {
      const deps: string[] = env().depends_on;
      expect(deps.filter((d) => !d.startsWith("aws_vpc_endpoint."))).toEqual([
        "aws_iam_role_policy.mwaa_environment_execution",
        "aws_s3_bucket_versioning.mwaa_environment_source",
        "aws_s3_bucket_public_access_block.mwaa_environment_source",
        "aws_s3_bucket_server_side_encryption_configuration.mwaa_environment_source",
        "aws_s3_bucket_policy.mwaa_environment_source",
        "aws_vpc_security_group_ingress_rule.mwaa_ingress_self",
        "aws_vpc_security_group_egress_rule.mwaa_egress_all",
      ]);
      expect(deps.filter((d) => d.startsWith("aws_vpc_endpoint."))).toEqual([
        "aws_vpc_endpoint.mwaa_airflow_api",
        "aws_vpc_endpoint.mwaa_airflow_env",
        "aws_vpc_endpoint.mwaa_airflow_ops",
        "aws_vpc_endpoint.mwaa_ecr_api",
        "aws_vpc_endpoint.mwaa_ecr_dkr",
        "aws_vpc_endpoint.mwaa_kms",
        "aws_vpc_endpoint.mwaa_logs",
        "aws_vpc_endpoint.mwaa_monitoring",
        "aws_vpc_endpoint.mwaa_sqs",
        "aws_vpc_endpoint.mwaa_s3",
      ]);
      expect(tf).toBeDefined();
      // No data source outside the preflight check blocks: nothing the plan needs can fail to be read.
      expect((tf as Record<string, unknown>).data).toBeUndefined();
      const { check, ...rest } = tf as Record<string, unknown>;
      expect(Object.keys(check as object).every((name) => name.startsWith("preflight_"))).toBe(true);
      expect(JSON.stringify(rest)).not.toContain("data.aws_");
    });

    test("uses cdktf's matcher on the environment resource (TEST-1)", () => {
      const { text } = synthDeployment({ ...mwaaDeployment({ accountId: "123456789012" }), ...mwaaOptions({ environment: envDefaults }) });
      expect(text).toHaveResourceWithProperties(MwaaEnvironmentResource, {
        webserver_access_mode: "PRIVATE_ONLY",
        endpoint_management: "SERVICE",
      });
    });
  });

  describe("endpoint management", () => {
    test("MWAA-G2: SERVICE creates no endpoints of its own", () => {
      expect(Object.keys(resourcesOf(tf, "aws_vpc_endpoint")).filter((n) => n.startsWith("mwaa_environment"))).toEqual([]);
    });

    test("MWAA-G2: CUSTOMER creates the database and web server endpoints to the environment's endpoint services", () => {
      const customer = withEnvironment({ endpointManagement: "CUSTOMER" });
      const endpoints = resourcesOf(customer, "aws_vpc_endpoint");
      expect(endpoints.mwaa_environment_database).toMatchObject({
        service_name: ref("aws_mwaa_environment", "mwaa_environment", "database_vpc_endpoint_service"),
        vpc_endpoint_type: "Interface",
        subnet_ids: [ref("aws_subnet", "network_private_us_east_1a"), ref("aws_subnet", "network_private_us_east_1b")],
        security_group_ids: [ref("aws_security_group", "mwaa")],
      });
      expect(endpoints.mwaa_environment_webserver.service_name).toBe(
        ref("aws_mwaa_environment", "mwaa_environment", "webserver_vpc_endpoint_service"),
      );
      expect(resourcesOf(customer, "aws_mwaa_environment").mwaa_environment.endpoint_management).toBe("CUSTOMER");
    });

    test("MWAA-G2 (failing case): a public web server has no web server endpoint service, so only the database endpoint is made", () => {
      const pub = withEnvironment(
        { endpointManagement: "CUSTOMER", webserverAccessMode: "PUBLIC_ONLY" },
        { network: net({ routing: "public", cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] }) },
      );
      expect(Object.keys(resourcesOf(pub, "aws_vpc_endpoint")).filter((n) => n.startsWith("mwaa_environment"))).toEqual([
        "mwaa_environment_database",
      ]);
    });
  });

  describe("source bucket", () => {
    test("MWAA-G4: versioning on and all public access blocked; encrypted; TLS only", () => {
      expect(ruleViolations(MWAA_G4, tf)).toEqual([]);
      expect(resourcesOf(tf, "aws_s3_bucket").mwaa_environment_source).toEqual({ bucket: "test-dag-bucket" });
      expect(resourcesOf(tf, "aws_s3_bucket_server_side_encryption_configuration").mwaa_environment_source.rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
      ]);
      const policy = decodeJsonencode(resourcesOf(tf, "aws_s3_bucket_policy").mwaa_environment_source.policy);
      expect(policy.Statement[0]).toMatchObject({
        Effect: "Deny",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      });
    });

    test("MWAA-G4 (failing case): suspended versioning or one public access setting off is a violation", () => {
      const broken = clone(tf);
      broken.resource!.aws_s3_bucket_versioning.mwaa_environment_source.versioning_configuration.status = "Suspended";
      broken.resource!.aws_s3_bucket_public_access_block.mwaa_environment_source.restrict_public_buckets = false;
      expect(ruleViolations(MWAA_G4, broken)).toEqual([
        "aws_s3_bucket.mwaa_environment_source: versioning is not enabled",
        "aws_s3_bucket.mwaa_environment_source: does not block all public access",
      ]);
    });

    test("an existing bucket is referenced by name and not created", () => {
      const existing = withEnvironment({ createSourceBucket: false });
      expect(resourcesOf(existing, "aws_s3_bucket")).toEqual({});
      expect(resourcesOf(existing, "aws_mwaa_environment").mwaa_environment.source_bucket_arn).toBe("arn:aws:s3:::test-dag-bucket");
    });

    test("kmsKey create: a rotating key encrypts the bucket and the environment", () => {
      const kms = withEnvironment({ kmsKey: "create" });
      const key = resourcesOf(kms, "aws_kms_key").mwaa_environment;
      expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(decodeJsonencode(key.policy).Statement[1]).toMatchObject({
        Principal: { Service: "logs.us-east-1.amazonaws.com" },
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:*" } },
      });
      const keyArn = ref("aws_kms_key", "mwaa_environment", "arn");
      expect(resourcesOf(kms, "aws_mwaa_environment").mwaa_environment.kms_key).toBe(keyArn);
      expect(resourcesOf(kms, "aws_s3_bucket_server_side_encryption_configuration").mwaa_environment_source.rule[0]).toEqual({
        apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: keyArn },
        bucket_key_enabled: true,
      });
    });
  });

  describe("execution role", () => {
    const role = () => resourcesOf(tf, "aws_iam_role").mwaa_environment_execution;
    const statements = (t: TerraformJson): Attrs[] =>
      decodeJsonencode(resourcesOf(t, "aws_iam_role_policy").mwaa_environment_execution.policy).Statement;

    test("only MWAA assumes it", () => {
      expect(role().name).toBe("mwaa-test-env-execution");
      expect(decodeJsonencode(role().assume_role_policy).Statement).toEqual([
        { Effect: "Allow", Principal: { Service: ["airflow.amazonaws.com", "airflow-env.amazonaws.com"] }, Action: "sts:AssumeRole" },
      ]);
    });

    test("least privilege: resources scoped to this environment, its bucket, its logs and its queues; * only where AWS allows nothing narrower", () => {
      const byId = Object.fromEntries(statements(tf).map((s) => [s.Sid, s]));
      const bucket = ref("aws_s3_bucket", "mwaa_environment_source", "arn");
      expect(byId.PublishMetrics.Resource).toBe("arn:aws:airflow:us-east-1:123456789012:environment/test-env");
      expect(byId.ReadSourceBucket.Resource).toEqual([bucket, `${bucket}/*`]);
      expect(byId.WriteOwnLogs.Resource).toBe("arn:aws:logs:us-east-1:123456789012:log-group:airflow-test-env-*");
      expect(byId.CeleryQueues.Resource).toBe("arn:aws:sqs:us-east-1:*:airflow-celery-*");
      expect(byId.KmsForSqs).toMatchObject({
        NotResource: "arn:aws:kms:*:123456789012:key/*",
        Condition: { StringLike: { "kms:ViaService": ["sqs.us-east-1.amazonaws.com"] } },
      });
      const star = statements(tf)
        .filter((s) => s.Resource === "*")
        .map((s) => s.Action);
      expect(star).toEqual(["logs:DescribeLogGroups", "s3:GetAccountPublicAccessBlock", "cloudwatch:PutMetricData"]);
      expect(statements(tf).some((s) => s.Action === "*" || (Array.isArray(s.Action) && s.Action.includes("*")))).toBe(false);
    });

    test("with Airflow's Secrets Manager backend, the role reads secrets under its prefixes only; without it, no secretsmanager action", () => {
      expect(statements(tf).some((x) => JSON.stringify(x.Action).includes("secretsmanager:"))).toBe(false);
      const backend = "airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend";
      const withBackend = withEnvironment({ airflowConfigurationOptions: { "secrets.backend": backend } });
      expect(statements(withBackend).find((x) => x.Sid === "ReadAirflowSecrets")).toEqual({
        Sid: "ReadAirflowSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: [
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:airflow/connections/*",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:airflow/variables/*",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:airflow/config/*",
        ],
      });
      const ownPrefixes = withEnvironment({
        airflowConfigurationOptions: {
          "secrets.backend": backend,
          "secrets.backend_kwargs": '{"connections_prefix": "data/conns/", "variables_prefix": null, "config_prefix": null}',
        },
      });
      expect(statements(ownPrefixes).find((x) => x.Sid === "ReadAirflowSecrets")!.Resource).toEqual([
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:data/conns/*",
      ]);
    });

    test.each([
      ["not JSON", "{connections_prefix: x}", "must be a JSON object (Airflow parses secrets.backend_kwargs as JSON)"],
      [
        "a prefix that is not a name",
        '{"connections_prefix": 7}',
        "must give connections_prefix as a secret name prefix (letters, digits, / _ + = . @ -) or null",
      ],
    ])("secrets.backend_kwargs %s is a configuration problem", (_what, kwargs, rule) => {
      const options = {
        "secrets.backend": "airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend",
        "secrets.backend_kwargs": kwargs,
      };
      expect(
        planProblems({
          accountId: "123456789012",
          mwaa: { environmentName: "env", sourceBucketName: "bucket-name", environment: { airflowConfigurationOptions: options } },
        }),
      ).toEqual([`\`mwaa.environment.airflowConfigurationOptions.secrets.backend_kwargs\` ${rule}, got: ${JSON.stringify(kwargs)}`]);
    });

    test("with a customer-managed key, KMS use is limited to that key via SQS and S3", () => {
      const keyArn = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666";
      const kms = statements(withEnvironment({ kmsKey: keyArn })).find((s) => s.Sid === "KmsForSqsAndS3")!;
      expect(kms).toMatchObject({
        Resource: keyArn,
        Condition: { StringLike: { "kms:ViaService": ["sqs.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"] } },
      });
    });
  });

  describe("props validation", () => {
    test.each<[Record<string, unknown>, string[]]>([
      [{ accountId: "12345" }, ['`accountId` must be a 12-digit AWS account ID, got: "12345"']],
      [
        { environmentName: "e".repeat(50) },
        [
          `\`mwaa.environmentName\` must be at most 49 characters when the environment is created (its execution role name is mwaa-<name>-execution), got: "${"e".repeat(50)}"`,
        ],
      ],
      [{ minWorkers: 0 }, ["`mwaa.environment.minWorkers` must be a whole number of at least 1, got: 0"]],
      [{ minWorkers: 5, maxWorkers: 2 }, ["`mwaa.environment.maxWorkers` must be at least minWorkers (5), got: 2"]],
      [
        { schedulers: 6 },
        [
          "`mwaa.environment.schedulers` must be a whole number from 2 to 5 for mw1.small (MWAA API Reference, CreateEnvironment, read 2026-12-02), got: 6",
        ],
      ],
      [
        { environmentClass: "mw1.micro", schedulers: 2, minWebservers: 2 },
        [
          "`mwaa.environment.schedulers` must be a whole number equal to 1 for mw1.micro (MWAA API Reference, CreateEnvironment, read 2026-12-02), got: 2",
          "`mwaa.environment.minWebservers` must be a whole number equal to 1 for mw1.micro (MWAA API Reference, CreateEnvironment, read 2026-12-02), got: 2",
        ],
      ],
      [
        { minWebservers: 1, maxWebservers: 6 },
        [
          "`mwaa.environment.minWebservers` must be a whole number from 2 to 5 for mw1.small (MWAA API Reference, CreateEnvironment, read 2026-12-02), got: 1",
          "`mwaa.environment.maxWebservers` must be a whole number from 2 to 5 for mw1.small (MWAA API Reference, CreateEnvironment, read 2026-12-02), got: 6",
        ],
      ],
      [{ minWebservers: 4, maxWebservers: 3 }, ["`mwaa.environment.maxWebservers` must be at least minWebservers (4), got: 3"]],
      [
        { webserverAccessMode: "PUBLIC_AND_PRIVATE" },
        [
          '`mwaa.environment.webserverAccessMode` must be PRIVATE_ONLY or PUBLIC_ONLY: PUBLIC_AND_PRIVATE (MWAA API Reference, CreateEnvironment, Airflow 3.2 and later) is refused by hashicorp/aws 5.100.0, the provider this project runs (its validation takes PRIVATE_ONLY and PUBLIC_ONLY only); a hashicorp/aws 6.x release takes it (6.53.0 was seen accepting it, terraform-provider-aws #48909), see docs/cdktf-status.md, got: "PUBLIC_AND_PRIVATE"',
        ],
      ],
      [
        { airflowVersion: "2.6.3" },
        [
          '`mwaa.environment.airflowVersion` must be a version MWAA creates environments with: 2.6.3 reached its end of support on 2025-12-30 (MWAA User Guide, Apache Airflow versions on Amazon MWAA, read 2026-12-02); offered: 3.3.1, 3.2.1, 3.0.6, 2.11.2, 2.11.0, 2.10.3, 2.10.1, 2.9.2, 2.8.1, 2.7.2, got: "2.6.3"',
        ],
      ],
      [
        {
          airflowVersion: "3.3.1",
          airflowConfigurationOptions: { "triggerer.default_capacity": "500", "webserver.default_ui_timezone": "UTC" },
        },
        [
          '`mwaa.environment.airflowConfigurationOptions.triggerer.default_capacity` is refused with Airflow 3.3.1: triggerer.default_capacity is the Airflow 2 name: Airflow 3 on MWAA takes triggerer.capacity (MWAA User Guide, Using Apache Airflow configuration options on Amazon MWAA, read 2026-12-02), got: "500"',
          '`mwaa.environment.airflowConfigurationOptions.webserver.default_ui_timezone` is refused with Airflow 3.3.1: webserver.default_ui_timezone is not available in Airflow 3 on MWAA (MWAA User Guide, Using Apache Airflow configuration options on Amazon MWAA, read 2026-12-02), got: "UTC"',
        ],
      ],
      [{ airflowVersion: "2.11.2", airflowConfigurationOptions: { "triggerer.default_capacity": "500" } }, []],
      [
        { weeklyMaintenanceWindowStart: "SUNDAY:03:00" },
        [
          '`mwaa.environment.weeklyMaintenanceWindowStart` must be DAY:HH:MM in UTC on the hour or half hour, e.g. SUN:03:00, got: "SUNDAY:03:00"',
        ],
      ],
      [
        { airflowVersion: "latest" },
        [
          '`mwaa.environment.airflowVersion` must be a version MWAA creates environments with: 3.3.1, 3.2.1, 3.0.6, 2.11.2, 2.11.0, 2.10.3, 2.10.1, 2.9.2, 2.8.1, 2.7.2 (MWAA User Guide, Apache Airflow versions on Amazon MWAA, read 2026-12-02), got: "latest"',
        ],
      ],
      [
        { requirementsS3Path: "/requirements.txt" },
        ['`mwaa.environment.requirementsS3Path` must be a key inside the source bucket (no leading /, no ..), got: "/requirements.txt"'],
      ],
      [{ pluginsS3Path: "plugins.tar" }, ['`mwaa.environment.pluginsS3Path` must name a .zip file, got: "plugins.tar"']],
      [
        { requirementsS3Path: "requirements.txt" },
        [
          '`mwaa.environment.requirementsS3Path` points into the source bucket this deployment creates, which is empty when MWAA creates the environment (it reads the file then, and fails): give the local file as requirementsFile (the module uploads it first), or use an existing bucket that holds it (createSourceBucket: false), got: "requirements.txt"',
        ],
      ],
      [{ createSourceBucket: false, startupScriptS3Path: "startup.sh", pluginsS3Path: "plugins.zip" }, []],
      [
        { kmsKey: "alias/mine" },
        ['`mwaa.environment.kmsKey` must be "create" or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got: "alias/mine"'],
      ],
      [
        { additionalSecurityGroupIds: ["sg-0a1b2c3d", "sg-0a1b2c3e", "sg-0a1b2c3f", "sg-0a1b2c40", "sg-0a1b2c41"] },
        [
          '`mwaa.environment.additionalSecurityGroupIds` must name at most 4 groups (MWAA accepts 1 to 5 security groups, and the environment\'s own is one), got: ["sg-0a1b2c3d","sg-0a1b2c3e","sg-0a1b2c3f","sg-0a1b2c40","sg-0a1b2c41"]',
        ],
      ],
      [
        { additionalSecurityGroupIds: ["group-1"] },
        ['`mwaa.environment.additionalSecurityGroupIds[0]` must be a security group ID (sg- and 8 or 17 hex digits), got: "group-1"'],
      ],
    ])("rejects %j", (override, messages) => {
      const { accountId, environmentName, ...environment } = override;
      expect(
        planProblems({
          accountId: accountId ?? "123456789012",
          mwaa: { environmentName: environmentName ?? "env", sourceBucketName: "bucket-name", environment },
        }),
      ).toEqual(messages);
    });
  });

  test("with private routing, requirements from an existing bucket come with a warning that PyPI is out of reach", () => {
    const d = mwaaDeployment({ accountId: "123456789012" });
    const plan = planOf({
      ...d,
      ...mwaaOptions({ environment: { ...envDefaults, createSourceBucket: false, requirementsS3Path: "requirements.txt" } }),
    });
    expect(plan.warnings.map((w) => w.path)).toEqual(["mwaa.environment.requirementsS3Path"]);
    expect(plan.warnings[0].message).toMatch(
      /^cannot verify that requirements.txt installs without internet access \(it is in S3, not read here\): pip on a VPC with no route to the internet cannot reach the Python Package Index/,
    );
    const pub = planOf({
      ...d,
      network: net({ routing: "public" }),
      ...mwaaOptions({
        environment: {
          ...envDefaults,
          createSourceBucket: false,
          requirementsS3Path: "requirements.txt",
          webserverAccessMode: "PUBLIC_ONLY",
        },
      }),
    });
    // Public routing and a public web server reach PyPI (a private web server would not: mwaa-requirements.test.ts).
    expect(pub.warnings).toEqual([]);
  });

  describe("local files uploaded ahead of the environment", () => {
    const files = new Map([["airflow/requirements.txt", Buffer.from("--no-index\n")]]);
    const withFile = () => {
      const d = mwaaDeployment({ accountId: "123456789012" });
      return { ...d, ...mwaaOptions({ environment: { ...envDefaults, requirementsFile: "airflow/requirements.txt" } }) };
    };

    test("the module uploads the file from its files/ folder, and the environment reads that object's version", () => {
      const result = planDeployment(withFile(), files);
      if ("problems" in result) throw new Error(JSON.stringify(result.problems));
      expect(result.plan.mwaaEnvironment!.uploads).toEqual([
        { kind: "requirements", key: "requirements.txt", content: files.get("airflow/requirements.txt") },
      ]);
      const t = JSON.parse(Testing.synth(new DeploymentStack(Testing.app(), { plan: result.plan }))) as TerraformJson;
      expect(resourcesOf(t, "aws_s3_object").mwaa_environment_requirements).toMatchObject({
        bucket: ref("aws_s3_bucket", "mwaa_environment_source"),
        key: "requirements.txt",
        source: "${path.module}/files/requirements.txt",
        source_hash: '${filemd5("${path.module}/files/requirements.txt")}',
      });
      const e = resourcesOf(t, "aws_mwaa_environment").mwaa_environment;
      expect(e).toMatchObject({
        requirements_s3_path: "${aws_s3_object.mwaa_environment_requirements.key}",
        requirements_s3_object_version: "${aws_s3_object.mwaa_environment_requirements.version_id}",
      });
      expect(e.depends_on).toContain("aws_s3_object.mwaa_environment_requirements");
      // The synth writes the file beside both twins.
      const out = synthesize([result.plan]).files;
      expect(out.get("json/test-mwaa/files/requirements.txt")).toEqual(Buffer.from("--no-index\n"));
      expect(out.get("hcl/test-mwaa/files/requirements.txt")).toEqual(Buffer.from("--no-index\n"));
    });

    test.each<[string, Record<string, unknown>, LocalFiles, string[]]>([
      [
        "a file that cannot be read",
        { requirementsFile: "nope.txt" },
        new Map([["nope.txt", { problem: "cannot be read (ENOENT) relative to the configuration file's folder" }]]),
        ['`mwaa.environment.requirementsFile` cannot be read (ENOENT) relative to the configuration file\'s folder, got: "nope.txt"'],
      ],
      [
        "a file and an S3 path for the same thing",
        { createSourceBucket: false, requirementsFile: "r.txt", requirementsS3Path: "r.txt" },
        new Map([["r.txt", Buffer.from("")]]),
        ['`mwaa.environment.requirementsFile` must be left out with requirementsS3Path: give the file one way, got: "r.txt"'],
      ],
      [
        "a plugins file that is not a .zip",
        { pluginsFile: "plugins.tar" },
        new Map([["plugins.tar", Buffer.from("")]]),
        ['`mwaa.environment.pluginsFile` must name a .zip file, got: "plugins.tar"'],
      ],
    ])("%s is a configuration problem", (_what, env, localFiles, messages) => {
      const d = withFile();
      const result = planDeployment({ ...d, ...mwaaOptions({ environment: { ...envDefaults, ...env } }) }, localFiles);
      expect("problems" in result ? result.problems.map(formatProblem) : []).toEqual(messages);
    });
  });
});
