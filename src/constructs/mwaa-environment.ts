import { Construct, Fn, ITerraformDependable, TerraformProvider } from "../cdk/cdktf";
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
  S3Object,
  VpcEndpoint,
  VpcSecurityGroupIngressRule,
} from "../cdk/aws";
import { PolicyDocument, PolicyStatement, s3BucketArn } from "../aws/iam-policy";
import { executionRoleName } from "../aws/mwaa";
import type { MwaaEnvironmentPlan } from "../plan/types";
import type { MwaaNetwork } from "./mwaa-network";
import { addOutput, group } from "./scope";

export interface MwaaEnvironmentProps extends Omit<MwaaEnvironmentPlan, "customerEndpointsMadeBy"> {
  /** The environment's network: its security group and two subnets. */
  readonly mwaaNetwork: MwaaNetwork;
  /**
   * With CUSTOMER endpoint management, the provider that makes the database and web server
   * endpoints: a shared VPC's owner.
   * @default - the stack's default provider
   */
  readonly customerEndpointsProvider?: TerraformProvider;
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
    const { region, accountId, environmentName } = props;
    const net = props.mwaaNetwork;
    const webserverAccessMode = props.webserverAccessMode;
    const endpointManagement = props.endpointManagement;
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
    let bucketId = props.sourceBucketName;
    if (props.createSourceBucket) {
      const bucket = new S3Bucket(this, "source", { bucket: props.sourceBucketName });
      bucketId = bucket.id;
      this.sourceBucketArn = bucket.arn;
      bucketReady.push(
        new S3BucketVersioningA(group(this, "_versioning"), "source", {
          bucket: bucket.id,
          versioningConfiguration: { status: "Enabled" },
        }),
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
              applyServerSideEncryptionByDefault: this.kmsKeyArn
                ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.kmsKeyArn }
                : { sseAlgorithm: "AES256" },
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
        Statement: [
          { Effect: "Allow", Principal: { Service: ["airflow.amazonaws.com", "airflow-env.amazonaws.com"] }, Action: "sts:AssumeRole" },
        ],
      }),
    });
    const rolePolicy = new IamRolePolicy(group(this, "_policy"), "execution", {
      name: "mwaa-execution",
      role: this.executionRole.id,
      policy: Fn.jsonencode(
        mwaaExecutionPolicy({
          region,
          accountId,
          environmentName,
          environmentArn,
          bucketArn: this.sourceBucketArn,
          kmsKeyArn: this.kmsKeyArn,
          secretsManagerPrefixes: props.secretsManagerPrefixes,
        }),
      ),
    });

    // Local files (requirementsFile, pluginsFile, startupScriptFile): the module carries each in its
    // files/ folder and uploads it before the environment, which reads it at creation; the object
    // version pins the environment to this content (the bucket is versioned, MWAA-G4).
    const uploaded = new Map<string, S3Object>();
    for (const u of props.uploads) {
      const source = `\${path.module}/files/${u.key}`;
      uploaded.set(
        u.kind,
        new S3Object(
          this,
          u.kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
          {
            bucket: bucketId,
            key: u.key,
            source,
            sourceHash: `\${filemd5("${source}")}`,
            dependsOn: bucketReady,
          },
        ),
      );
    }
    const fileOf = (kind: string, s3Path: string | undefined) => {
      const o = uploaded.get(kind);
      return o ? { path: o.key, version: o.versionId } : { path: s3Path, version: undefined };
    };
    const plugins = fileOf("plugins", props.pluginsS3Path);
    const requirements = fileOf("requirements", props.requirementsS3Path);
    const startup = fileOf("startupScript", props.startupScriptS3Path);

    const level = props.logLevel;
    const log = { enabled: true, logLevel: level };
    this.environment = new MwaaEnvironmentResource(this, "Default", {
      name: environmentName,
      airflowVersion: props.airflowVersion,
      environmentClass: props.environmentClass,
      executionRoleArn: this.executionRole.arn,
      sourceBucketArn: this.sourceBucketArn,
      dagS3Path: props.dagS3Path,
      pluginsS3Path: plugins.path,
      pluginsS3ObjectVersion: plugins.version,
      requirementsS3Path: requirements.path,
      requirementsS3ObjectVersion: requirements.version,
      startupScriptS3Path: startup.path,
      startupScriptS3ObjectVersion: startup.version,
      kmsKey: this.kmsKeyArn,
      networkConfiguration: {
        subnetIds: net.environmentSubnets.map((s) => s.subnetId),
        securityGroupIds: [net.securityGroupId, ...props.additionalSecurityGroupIds],
      },
      webserverAccessMode,
      endpointManagement,
      minWorkers: props.minWorkers,
      maxWorkers: props.maxWorkers,
      schedulers: props.schedulers,
      // Unset: MWAA's default for the class (2, or 1 for mw1.micro).
      minWebservers: props.minWebservers,
      maxWebservers: props.maxWebservers,
      weeklyMaintenanceWindowStart: props.weeklyMaintenanceWindowStart,
      airflowConfigurationOptions: props.airflowConfigurationOptions ? { ...props.airflowConfigurationOptions } : undefined,
      loggingConfiguration: { dagProcessingLogs: log, schedulerLogs: log, taskLogs: log, webserverLogs: log, workerLogs: log },
      // The environment must not start before its role can act, its bucket is compliant, its
      // security group has its rules and, with private routing, its endpoints exist: otherwise it
      // waits in "creating" and then fails (MWAA validates the network when it creates it).
      dependsOn: [rolePolicy, ...bucketReady, ...uploaded.values(), ...net.securityGroupRules, ...net.endpointResources()],
    });

    if (endpointManagement === "CUSTOMER") {
      // MWAA creates the endpoint services; the environment stays PENDING until these exist. The
      // provider's create returns on PENDING (hashicorp/aws 5.68.0 changelog, "Fix creating
      // environments with endpoint_management = CUSTOMER", #39394), so one apply makes the
      // environment and then these. In a shared VPC the owner makes them, in the owner's group,
      // which then also admits PostgreSQL from the VPC (the database endpoint's port).
      const subnetIds = net.environmentSubnets.map((s) => s.subnetId);
      const provider = props.customerEndpointsProvider;
      if (net.endpointsSecurityGroup) {
        new VpcSecurityGroupIngressRule(this, "database_ingress_postgres_vpc", {
          securityGroupId: net.endpointsSecurityGroupId,
          cidrIpv4: net.vpcCidrBlock!,
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          description: "PostgreSQL to the database endpoint of the environment, from the VPC",
          provider,
        });
      }
      const endpoint = (name: string, serviceName: string) =>
        new VpcEndpoint(this, name, {
          vpcId: net.vpcId,
          serviceName,
          vpcEndpointType: "Interface",
          subnetIds,
          securityGroupIds: [net.endpointsSecurityGroupId],
          privateDnsEnabled: false,
          tags: { Name: `${environmentName}-${name}` },
          provider,
        });
      this.databaseEndpoint = endpoint("database", this.environment.databaseVpcEndpointService);
      if (webserverAccessMode === "PRIVATE_ONLY")
        this.webserverEndpoint = endpoint("webserver", this.environment.webserverVpcEndpointService);
    }
    const env = this.environment;
    addOutput(this, "mwaa_environment_arn", env.arn, "ARN of the MWAA environment");
    // Airflow 3 has no web server: its API server serves the UI, the REST API and the Task
    // Execution API the workers call. MWAA keeps the API's names (WebserverUrl, MinWebservers) and
    // runs the api-server as its "webserver" (aws/amazon-mwaa-docker-images, images/airflow/3.0.6,
    // execute_command.py, read 2026-12-02; no MWAA guide page found that says so).
    const airflow3 = Number(props.airflowVersion.split(".")[0]) >= 3;
    const server = airflow3
      ? "the Apache Airflow API server (Airflow 3: the UI, the REST API and the workers' Task Execution API; MWAA calls it the web server)"
      : "the Apache Airflow web server (the UI and the REST API)";
    const reach =
      props.webserverAccessMode === "PUBLIC_ONLY"
        ? "public: reachable from the internet, after IAM sign-in"
        : "private: reachable from inside the VPC only";
    addOutput(this, "mwaa_webserver_url", env.webserverUrl, `Host name of ${server} (${reach})`);
    addOutput(
      this,
      "mwaa_database_vpc_endpoint_service",
      env.databaseVpcEndpointService,
      "VPC endpoint service of the metadata database (endpoint management CUSTOMER)",
    );
    addOutput(
      this,
      "mwaa_webserver_vpc_endpoint_service",
      env.webserverVpcEndpointService,
      props.webserverAccessMode === "PUBLIC_ONLY"
        ? "VPC endpoint service of the web server: none with a public web server"
        : `VPC endpoint service of the ${airflow3 ? "API server (the web server)" : "web server"}, private web server`,
    );
    addOutput(this, "mwaa_execution_role_arn", this.executionRole.arn, "ARN of the environment's execution role");
    addOutput(this, "mwaa_source_bucket_arn", this.sourceBucketArn, "ARN of the environment's source bucket");
  }
}

/** The execution role's policy, as the MWAA user guide documents it, scoped to this environment. */
export function mwaaExecutionPolicy(p: {
  region: string;
  accountId: string;
  environmentName: string;
  environmentArn: string;
  bucketArn: string;
  kmsKeyArn?: string;
  /** Secret name prefixes a Secrets Manager secrets backend reads (MWAA guide, connections with Secrets Manager). */
  secretsManagerPrefixes?: readonly string[];
}): PolicyDocument {
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
      {
        Sid: "ReadSourceBucket",
        Effect: "Allow",
        Action: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"],
        Resource: [p.bucketArn, `${p.bucketArn}/*`],
      },
      {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: [
          "logs:CreateLogStream",
          "logs:CreateLogGroup",
          "logs:PutLogEvents",
          "logs:GetLogEvents",
          "logs:GetLogRecord",
          "logs:GetLogGroupFields",
          "logs:GetQueryResults",
        ],
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
        Action: [
          "sqs:ChangeMessageVisibility",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl",
          "sqs:ReceiveMessage",
          "sqs:SendMessage",
        ],
        Resource: `arn:aws:sqs:${p.region}:*:airflow-celery-*`,
      },
      kms,
      // With Airflow's Secrets Manager backend, the role reads connections, variables and config
      // under its prefixes, and nothing else (no ListSecrets: the backend asks by name).
      ...(p.secretsManagerPrefixes && p.secretsManagerPrefixes.length > 0
        ? [
            {
              Sid: "ReadAirflowSecrets",
              Effect: "Allow" as const,
              Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
              Resource: p.secretsManagerPrefixes.map((prefix) => `arn:aws:secretsmanager:${p.region}:${p.accountId}:secret:${prefix}/*`),
            },
          ]
        : []),
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
