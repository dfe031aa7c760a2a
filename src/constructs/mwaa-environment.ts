import { Construct, Fn, ITerraformDependable } from "../cdk/cdktf";
import {
  IamRole,
  IamRolePolicy,
  KmsKey,
  MwaaEnvironment as MwaaEnvironmentResource,
  S3Bucket,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketVersioningA,
  VpcEndpoint,
} from "../cdk/aws";
import { PolicyDocument, PolicyStatement, s3BucketArn } from "../aws/iam-policy";
import { MWAA_ENVIRONMENT_CLASSES, MWAA_LOG_LEVELS, SECURITY_GROUP_ID_RE, SECURITY_GROUP_ID_RULE } from "../aws/names";
import { assertNoProblems, Problem } from "../problems";
import type { MwaaNetwork } from "./mwaa-network";
import { group } from "./scope";

export type WebserverAccessMode = "PRIVATE_ONLY" | "PUBLIC_ONLY";
export type EndpointManagement = "SERVICE" | "CUSTOMER";

export interface MwaaEnvironmentProps {
  /** The environment's network: its security group and two subnets. */
  readonly mwaaNetwork: MwaaNetwork;
  /** `private` routing (new or existing VPC without internet) allows only a private web server (MWAA-P11). */
  readonly routing: "private" | "public";
  readonly region: string;
  /** The AWS account the environment runs in: ARNs in the execution role and key policy are scoped to it. */
  readonly accountId: string;
  readonly environmentName: string;
  readonly sourceBucketName: string;
  /**
   * Create the source bucket (versioned, public access blocked, encrypted, TLS only, MWAA-G4).
   * With false the bucket must already exist and meet MWAA-G4.
   * @default true
   */
  readonly createSourceBucket?: boolean;
  /** @default "2.10.3" */
  readonly airflowVersion?: string;
  /** @default "mw1.small" */
  readonly environmentClass?: (typeof MWAA_ENVIRONMENT_CLASSES)[number];
  /** @default 1 */
  readonly minWorkers?: number;
  /** @default 10 */
  readonly maxWorkers?: number;
  /** @default 2 */
  readonly schedulers?: number;
  /**
   * Web server access. `PUBLIC_ONLY` only with public routing.
   * @default "PRIVATE_ONLY"
   */
  readonly webserverAccessMode?: WebserverAccessMode;
  /**
   * `SERVICE`: MWAA creates the database and web server endpoints. `CUSTOMER`: this construct
   * creates them (shared VPCs, MWAA-G2).
   * @default "SERVICE"
   */
  readonly endpointManagement?: EndpointManagement;
  /** Level of all five log types (DAG processing, scheduler, task, web server, worker), all enabled. @default "INFO" */
  readonly logLevel?: (typeof MWAA_LOG_LEVELS)[number];
  /** `DAY:HH:MM` in UTC, on the hour or half hour. @default "SUN:03:00" */
  readonly weeklyMaintenanceWindowStart?: string;
  /** @default - none */
  readonly airflowConfigurationOptions?: Readonly<Record<string, string>>;
  /** @default "dags/" */
  readonly dagS3Path?: string;
  /** @default - no plugins */
  readonly pluginsS3Path?: string;
  /** @default - no requirements file */
  readonly requirementsS3Path?: string;
  /** @default - no startup script */
  readonly startupScriptS3Path?: string;
  /**
   * Customer-managed KMS key: `create` makes one (rotation on) for the environment and the bucket,
   * or give an existing key's ARN.
   * @default - AWS owned keys
   */
  readonly kmsKey?: "create" | string;
  /** Up to 4 more security groups for the environment (MWAA accepts 1–5). @default - none */
  readonly additionalSecurityGroupIds?: readonly string[];
}

const DAY_TIME_RE = /^(MON|TUE|WED|THU|FRI|SAT|SUN):([01]\d|2[0-3]):(00|30)$/;
const S3_KEY_RE = /^[^/].*$/;

/** Problems with the environment's props; paths relative to the props (config: `mwaa.environment`). */
export function checkMwaaEnvironmentProps(p: Omit<MwaaEnvironmentProps, "mwaaNetwork">): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, rule: string) => problems.push({ path, value, rule });
  if (!/^\d{12}$/.test(p.accountId)) add("accountId", p.accountId, "must be a 12-digit AWS account ID");
  if (executionRoleName(p.environmentName).length > 64) {
    add("environmentName", p.environmentName, `must be at most ${64 - executionRoleName("").length} characters when the environment is created (its execution role name is ${executionRoleName("<name>")})`);
  }
  if (p.webserverAccessMode === "PUBLIC_ONLY" && p.routing === "private") {
    add("webserverAccessMode", p.webserverAccessMode, "must be PRIVATE_ONLY with private routing: a network with no internet access cannot serve a public web server (MWAA-P11)");
  }
  const min = p.minWorkers ?? 1;
  const max = p.maxWorkers ?? 10;
  if (!Number.isInteger(min) || min < 1 || min > 25) add("minWorkers", p.minWorkers, "must be a whole number from 1 to 25");
  if (!Number.isInteger(max) || max < 1 || max > 25) add("maxWorkers", p.maxWorkers, "must be a whole number from 1 to 25");
  else if (max < min) add("maxWorkers", p.maxWorkers, `must be at least minWorkers (${min})`);
  const schedulers = p.schedulers ?? 2;
  if (!Number.isInteger(schedulers) || schedulers < 1 || schedulers > 5) add("schedulers", p.schedulers, "must be a whole number from 1 to 5");
  if (p.weeklyMaintenanceWindowStart !== undefined && !DAY_TIME_RE.test(p.weeklyMaintenanceWindowStart)) {
    add("weeklyMaintenanceWindowStart", p.weeklyMaintenanceWindowStart, "must be DAY:HH:MM in UTC on the hour or half hour, e.g. SUN:03:00");
  }
  if (p.airflowVersion !== undefined && !/^\d+\.\d+\.\d+$/.test(p.airflowVersion)) add("airflowVersion", p.airflowVersion, "must be an Apache Airflow version such as 2.10.3");
  const paths: [string, string | undefined, string][] = [
    ["dagS3Path", p.dagS3Path, ""],
    ["pluginsS3Path", p.pluginsS3Path, ".zip"],
    ["requirementsS3Path", p.requirementsS3Path, ".txt"],
    ["startupScriptS3Path", p.startupScriptS3Path, ".sh"],
  ];
  for (const [field, value, ext] of paths) {
    if (value === undefined) continue;
    if (!S3_KEY_RE.test(value) || value.includes("..")) add(field, value, "must be a key inside the source bucket (no leading /, no ..)");
    else if (ext && !value.endsWith(ext)) add(field, value, `must name a ${ext} file`);
  }
  if (p.kmsKey !== undefined && p.kmsKey !== "create" && !/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/.test(p.kmsKey)) {
    add("kmsKey", p.kmsKey, 'must be "create" or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)');
  }
  const extra = p.additionalSecurityGroupIds ?? [];
  if (extra.length > 4) add("additionalSecurityGroupIds", extra, "must name at most 4 groups (MWAA accepts 1 to 5 security groups, and the environment's own is one)");
  extra.forEach((id, i) => {
    if (!SECURITY_GROUP_ID_RE.test(id)) add(`additionalSecurityGroupIds[${i}]`, id, SECURITY_GROUP_ID_RULE);
  });
  return problems;
}

export function executionRoleName(environmentName: string): string {
  return `mwaa-${environmentName}-execution`;
}

/**
 * An Amazon MWAA environment wired to its network: the environment in the network's two subnets
 * with its security group (MWAA-G1), the source bucket MWAA accepts (MWAA-G4), an execution role
 * with the permissions AWS documents, scoped to this environment, and with CUSTOMER endpoint
 * management the two interface endpoints MWAA waits for (MWAA-G2).
 */
export class MwaaEnvironment extends Construct {
  readonly environment: MwaaEnvironmentResource;
  readonly executionRole: IamRole;
  readonly sourceBucketArn: string;
  readonly kmsKeyArn?: string;
  readonly databaseEndpoint?: VpcEndpoint;
  readonly webserverEndpoint?: VpcEndpoint;

  constructor(scope: Construct, id: string, props: MwaaEnvironmentProps) {
    super(scope, id);
    assertNoProblems(checkMwaaEnvironmentProps(props));
    const { region, accountId, environmentName } = props;
    const net = props.mwaaNetwork;
    const webserverAccessMode = props.webserverAccessMode ?? "PRIVATE_ONLY";
    const endpointManagement = props.endpointManagement ?? "SERVICE";
    const environmentArn = `arn:aws:airflow:${region}:${accountId}:environment/${environmentName}`;

    if (props.kmsKey === "create") {
      const key = new KmsKey(group(this, "_key"), "Default", {
        description: `Amazon MWAA environment ${environmentName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: Fn.jsonencode(mwaaKeyPolicy(region, accountId)),
      });
      this.kmsKeyArn = key.arn;
    } else {
      this.kmsKeyArn = props.kmsKey;
    }

    this.sourceBucketArn = s3BucketArn(props.sourceBucketName);
    const bucketReady: ITerraformDependable[] = [];
    if (props.createSourceBucket ?? true) {
      const bucket = new S3Bucket(this, "source", { bucket: props.sourceBucketName });
      this.sourceBucketArn = bucket.arn;
      bucketReady.push(
        new S3BucketVersioningA(group(this, "_versioning"), "source", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }),
        new S3BucketPublicAccessBlock(group(this, "_public_access_block"), "source", {
          bucket: bucket.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        }),
        new S3BucketServerSideEncryptionConfigurationA(group(this, "_encryption"), "source", {
          bucket: bucket.id,
          rule: [
            {
              applyServerSideEncryptionByDefault: this.kmsKeyArn ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.kmsKeyArn } : { sseAlgorithm: "AES256" },
              bucketKeyEnabled: this.kmsKeyArn ? true : undefined,
            },
          ],
        }),
        new S3BucketPolicy(group(this, "_policy"), "source", {
          bucket: bucket.id,
          policy: Fn.jsonencode({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [this.sourceBucketArn, `${this.sourceBucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          }),
        }),
      );
    }

    this.executionRole = new IamRole(this, "execution", {
      name: executionRoleName(environmentName),
      description: `Execution role of the Amazon MWAA environment ${environmentName}`,
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: ["airflow.amazonaws.com", "airflow-env.amazonaws.com"] }, Action: "sts:AssumeRole" }],
      }),
    });
    const rolePolicy = new IamRolePolicy(group(this, "_policy"), "execution", {
      name: "mwaa-execution",
      role: this.executionRole.id,
      policy: Fn.jsonencode(mwaaExecutionPolicy({ region, accountId, environmentName, environmentArn, bucketArn: this.sourceBucketArn, kmsKeyArn: this.kmsKeyArn })),
    });

    const level = props.logLevel ?? "INFO";
    const log = { enabled: true, logLevel: level };
    this.environment = new MwaaEnvironmentResource(this, "Default", {
      name: environmentName,
      airflowVersion: props.airflowVersion ?? "2.10.3",
      environmentClass: props.environmentClass ?? "mw1.small",
      executionRoleArn: this.executionRole.arn,
      sourceBucketArn: this.sourceBucketArn,
      dagS3Path: props.dagS3Path ?? "dags/",
      pluginsS3Path: props.pluginsS3Path,
      requirementsS3Path: props.requirementsS3Path,
      startupScriptS3Path: props.startupScriptS3Path,
      kmsKey: this.kmsKeyArn,
      networkConfiguration: {
        subnetIds: net.environmentSubnets.map((s) => s.subnetId),
        securityGroupIds: [net.securityGroupId, ...(props.additionalSecurityGroupIds ?? [])],
      },
      webserverAccessMode,
      endpointManagement,
      minWorkers: props.minWorkers ?? 1,
      maxWorkers: props.maxWorkers ?? 10,
      schedulers: props.schedulers ?? 2,
      weeklyMaintenanceWindowStart: props.weeklyMaintenanceWindowStart ?? "SUN:03:00",
      airflowConfigurationOptions: props.airflowConfigurationOptions ? { ...props.airflowConfigurationOptions } : undefined,
      loggingConfiguration: { dagProcessingLogs: log, schedulerLogs: log, taskLogs: log, webserverLogs: log, workerLogs: log },
      // The environment must not start before its role can act, its bucket is compliant and, with
      // private routing, its endpoints exist: otherwise it waits in "creating" and then fails.
      dependsOn: [rolePolicy, ...bucketReady, ...net.endpointResources()],
    });

    if (endpointManagement === "CUSTOMER") {
      // MWAA creates the endpoint services; the environment stays PENDING until these exist.
      const subnetIds = net.environmentSubnets.map((s) => s.subnetId);
      const endpoint = (name: string, serviceName: string) =>
        new VpcEndpoint(this, name, {
          vpcId: net.vpcId,
          serviceName,
          vpcEndpointType: "Interface",
          subnetIds,
          securityGroupIds: [net.securityGroupId],
          privateDnsEnabled: false,
          tags: { Name: `${environmentName}-${name}` },
        });
      this.databaseEndpoint = endpoint("database", this.environment.databaseVpcEndpointService);
      if (webserverAccessMode === "PRIVATE_ONLY") this.webserverEndpoint = endpoint("webserver", this.environment.webserverVpcEndpointService);
    }
  }
}

/** The execution role's policy, as the MWAA user guide documents it, scoped to this environment. */
export function mwaaExecutionPolicy(p: { region: string; accountId: string; environmentName: string; environmentArn: string; bucketArn: string; kmsKeyArn?: string }): PolicyDocument {
  const kms: PolicyStatement = p.kmsKeyArn
    ? {
        Sid: "KmsForSqsAndS3",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"],
        Resource: p.kmsKeyArn,
        Condition: { StringLike: { "kms:ViaService": [`sqs.${p.region}.amazonaws.com`, `s3.${p.region}.amazonaws.com`] } },
      }
    : {
        // AWS owned keys: any key outside this account, used through SQS only.
        Sid: "KmsForSqs",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"],
        NotResource: `arn:aws:kms:*:${p.accountId}:key/*`,
        Condition: { StringLike: { "kms:ViaService": [`sqs.${p.region}.amazonaws.com`] } },
      };
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "PublishMetrics", Effect: "Allow", Action: "airflow:PublishMetrics", Resource: p.environmentArn },
      { Sid: "NoBucketListing", Effect: "Deny", Action: "s3:ListAllMyBuckets", Resource: [p.bucketArn, `${p.bucketArn}/*`] },
      { Sid: "ReadSourceBucket", Effect: "Allow", Action: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"], Resource: [p.bucketArn, `${p.bucketArn}/*`] },
      {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:PutLogEvents", "logs:GetLogEvents", "logs:GetLogRecord", "logs:GetLogGroupFields", "logs:GetQueryResults"],
        Resource: `arn:aws:logs:${p.region}:${p.accountId}:log-group:airflow-${p.environmentName}-*`,
      },
      // These actions have no resource-level permissions: "*" is the narrowest AWS allows.
      { Sid: "DescribeLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
      { Sid: "CheckPublicAccessBlock", Effect: "Allow", Action: "s3:GetAccountPublicAccessBlock", Resource: "*" },
      { Sid: "PutMetrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" },
      {
        // The Celery queues live in an MWAA service account, hence the account wildcard.
        Sid: "CeleryQueues",
        Effect: "Allow",
        Action: ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:SendMessage"],
        Resource: `arn:aws:sqs:${p.region}:*:airflow-celery-*`,
      },
      kms,
    ],
  };
}

/** Key policy for a customer-managed key: the account administers it; CloudWatch Logs may use it for this account's log groups. */
export function mwaaKeyPolicy(region: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "CloudWatchLogs",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:*` } },
      },
    ],
  };
}
