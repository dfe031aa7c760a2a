import { z } from "zod";
import { suggest } from "../suggest";
import { KNOWN_REGIONS } from "../aws/regions";
import { DEFAULT_AIRFLOW_VERSION } from "../aws/mwaa-versions";
import { IP_ADDRESS_TYPES, LATTICE_IP_ADDRESS_TYPES } from "../net/ip-address-type";
import { parseIpv4Cidr } from "../net/ipv4-cidr";
import { APPRUNNER_CPU, APPRUNNER_MEMORY, HTTP_METHODS, MWAA_ENVIRONMENT_CLASSES, MWAA_LOG_LEVELS, OAUTH_HTTP_METHODS } from "../aws/names";
import { ValueRuleId, VALUE_RULES, valueProblem } from "../aws/value-rules";

/**
 * Deployment names become a Terraform stack name, a folder under generated/ and the prefix of
 * AWS Name tags: lowercase (folders must not collide on case-insensitive file systems), a letter
 * first, then letters, digits, `-` or `_`, at most 40 characters.
 */
export const DEPLOYMENT_NAME_RE = /^[a-z][a-z0-9_-]{0,39}$/;

const CIDR_PATTERN = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\/\d{1,2}$/;

/** An IPv4 CIDR block: the pattern (published in the JSON Schema) and the arithmetic rules. */
const cidr = (example: string) =>
  z
    .string()
    .regex(CIDR_PATTERN, { error: `must be an IPv4 CIDR block such as ${example}` })
    .superRefine((value, ctx) => {
      const parsed = parseIpv4Cidr(value);
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
    });

/**
 * A string AWS constrains (src/aws/value-rules.ts): the loader reports the rule it breaks, and the
 * published JSON Schema carries its length and characters so editors flag it too.
 */
function awsString(ruleId: ValueRuleId) {
  const rule = VALUE_RULES[ruleId];
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = valueProblem(rule, value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .meta({
      minLength: rule.minLength,
      ...(rule.maxLength < Number.MAX_SAFE_INTEGER ? { maxLength: rule.maxLength } : {}),
      ...(rule.allowedChar ? { pattern: `^${rule.allowedChar.source}*$` } : {}),
    });
}

const tags = z
  .record(awsString("tag.key"), awsString("tag.value"))
  .describe("Tags for every resource (the AWS provider's default_tags). ManagedBy and Deployment are added.");

const extraRoute = z
  .strictObject({
    destinationCidr: cidr("10.20.0.0/16").describe("The network reached through the target: outside the VPC's block, not a default route."),
    transitGatewayId: z.string().optional().describe("tgw-…: a Transit Gateway attachment of this VPC (made beside the module)."),
    vpcPeeringConnectionId: z.string().optional().describe("pcx-…: an active VPC peering connection of this VPC."),
    vpnGatewayId: z.string().optional().describe("vgw-…: a virtual private gateway attached to this VPC."),
  })
  .describe("A route on every private route table to one network outside the VPC; exactly one target.");

const network = z
  .strictObject({
    routing: z
      .enum(["private", "public"], { error: 'must be "private" or "public"' })
      .default("private")
      .describe("private: no path to the internet (endpoints only). public: public subnets, an internet gateway and a NAT gateway per AZ."),
    cidrBlock: cidr("10.0.0.0/16").describe("The VPC's IPv4 CIDR block, /16 to /28."),
    availabilityZones: z
      .array(z.string())
      .describe("2 to 6 Availability Zones of the deployment's Region (us-east-1a, …); one private subnet in each, in this order."),
    privateSubnetCidrs: z
      .array(cidr("10.0.0.0/20"))
      .optional()
      .describe("One CIDR block per Availability Zone, inside cidrBlock. Default: carved from cidrBlock (block i of 16 equal blocks)."),
    publicSubnetCidrs: z
      .array(cidr("10.0.128.0/20"))
      .optional()
      .describe("Public routing only: one CIDR block per Availability Zone. Default: carved (block 8 + i of 16)."),
    ipv6: z
      .enum(["none", "dualstack", "ipv6-only"], { error: 'must be "none", "dualstack" or "ipv6-only"' })
      .default("none")
      .describe(
        "dualstack: Amazon-provided IPv6 /56 on the VPC, a /64 per private subnet. ipv6-only: private subnets with only IPv6. Private routing only.",
      ),
    allowSingleAz: z
      .boolean()
      .default(false)
      .describe("Accept a single Availability Zone (non-production: that AZ is a single point of failure)."),
    extraRoutes: z
      .array(extraRoute)
      .default([])
      .describe(
        "Routes on the private route tables to networks outside the VPC (peering, Transit Gateway, VPN); destinations security group rules name must be routed here. Never to an internet or NAT gateway.",
      ),
  })
  .describe("A VPC this deployment creates. Give either network or existingNetwork.");

const existingNetwork = z
  .strictObject({
    vpcId: z.string().describe("ID of the existing VPC (vpc-…). It must have no internet access and DNS support and hostnames on."),
    cidrBlock: cidr("10.0.0.0/16").optional().describe("The VPC's IPv4 CIDR block (optional, for rules that admit the VPC)."),
    privateSubnets: z
      .array(
        z.strictObject({
          subnetId: z.string().describe("subnet-…"),
          availabilityZone: z.string().describe("The subnet's Availability Zone (stated: reading it would need an AWS call at plan time)."),
        }),
      )
      .describe("2 to 6 private subnets in different AZs; the first two become the MWAA environment's subnets."),
    routeTableIds: z.array(z.string()).describe("Route tables of those subnets (rtb-…): the S3 gateway endpoint attaches to them."),
    owner: z
      .strictObject({
        accountId: z.string().describe("12-digit ID of the account that owns the VPC."),
        roleArn: z
          .string()
          .describe(
            "Role in that account the module's second provider (alias vpc_owner) assumes to make what only the owner may make: the VPC endpoints and their security group.",
          ),
      })
      .optional()
      .describe(
        "A shared VPC: the VPC belongs to this account and its subnets are shared with the deployment's accountId through AWS RAM. Participants cannot create VPC endpoints, so the owner's provider makes them.",
      ),
    existingEndpoints: z
      .array(z.string())
      .default([])
      .describe(
        "Endpoint services the VPC already has an endpoint for, by catalogue name (logs, kms, sts, ecr.api, s3, …): none is made for them (a second private-DNS endpoint for the same service fails), and checks count them as provided by the VPC.",
      ),
  })
  .describe("An existing VPC without internet access: only security groups and endpoints are added to it (MWAA-G3).");

const policyPreset = z
  .union(
    [
      z.literal("allow-all"),
      z.strictObject({ account: z.union([z.string(), z.array(z.string())]) }),
      z.strictObject({ organization: z.string() }),
      z.strictObject({ custom: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
    ],
    { error: 'must be "allow-all", {account: …}, {organization: …} or {custom: …}' },
  )
  .describe("Endpoint policy: allow-all (AWS default), {account: <id or ids>}, {organization: o-…}, or {custom: <policy document>}.");

const endpointRequest = z.union(
  [
    z.string(),
    z.strictObject({
      service: z.string().optional().describe("Catalogue name, e.g. secretsmanager, ecr.dkr, s3."),
      serviceName: z.string().optional().describe("Custom PrivateLink service: com.amazonaws.vpce.<region>.vpce-svc-…"),
      name: z.string().optional().describe("Address suffix: aws_vpc_endpoint.endpoints_<name>. Required with serviceName."),
      type: z.enum(["Interface", "Gateway"], { error: "must be Interface or Gateway" }).optional(),
      privateDns: z.boolean().optional(),
      policy: z.union([policyPreset, z.literal("none")]).optional(),
      excludeAvailabilityZones: z.array(z.string()).optional().describe("AZs the service does not offer."),
      ipAddressType: z.enum(IP_ADDRESS_TYPES, { error: "must be ipv4, dualstack or ipv6" }).optional(),
      ports: z.array(z.number()).optional().describe("Custom services only: ports to open (default 443)."),
    }),
  ],
  { error: "must be a service name or an object with service or serviceName" },
);

const endpoints = z
  .strictObject({
    policy: policyPreset.default("allow-all"),
    services: z
      .array(endpointRequest)
      .min(1, { error: "must list at least one service" })
      .describe("Services to reach privately: names, or objects with options."),
    resolverInboundEndpoint: z
      .strictObject({ allowedCidrs: z.array(z.string()).describe("Networks that may query it (53/TCP and UDP).") })
      .optional()
      .describe("A Route 53 Resolver inbound endpoint so on-premises DNS resolves the private endpoint names."),
  })
  .describe("PrivateLink endpoints for any AWS service (or a custom PrivateLink service) in this deployment's network.");

const appRunnerService = z.strictObject({
  name: z.string().describe("Service name, 4-40 characters."),
  image: z.strictObject({
    identifier: z.string().describe("<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>, or public.ecr.aws/<alias>/<repo>:<tag>"),
    repositoryType: z.enum(["ECR", "ECR_PUBLIC"], { error: "must be ECR or ECR_PUBLIC" }).default("ECR"),
    port: z.number().default(8080),
    startCommand: z.string().optional(),
  }),
  cpu: z.enum(APPRUNNER_CPU, { error: `must be one of ${APPRUNNER_CPU.join(", ")}` }).default("1 vCPU"),
  memory: z.enum(APPRUNNER_MEMORY, { error: `must be one of ${APPRUNNER_MEMORY.join(", ")}` }).default("2 GB"),
  environment: z.record(z.string(), z.string()).optional().describe("Plain settings; never secrets."),
  secrets: z
    .record(z.string(), z.string())
    .optional()
    .describe("Environment variables from Secrets Manager or SSM Parameter Store, by ARN."),
  healthCheck: z
    .strictObject({
      protocol: z.enum(["TCP", "HTTP"], { error: "must be TCP or HTTP" }).optional(),
      path: z.string().optional(),
      interval: z.number().optional(),
      timeout: z.number().optional(),
      healthyThreshold: z.number().optional(),
      unhealthyThreshold: z.number().optional(),
    })
    .optional(),
  autoScaling: z.strictObject({ minSize: z.number(), maxSize: z.number(), maxConcurrency: z.number() }).optional(),
  private: z
    .boolean()
    .default(false)
    .describe("No public endpoint: reachable only inside the VPC, through a VPC ingress connection (APR-8)."),
});

const appRunner = z
  .strictObject({
    connectorName: z.string().describe("The VPC connector's name, 4-40 characters; one connector for every service (APR-7)."),
    excludeAvailabilityZones: z.array(z.string()).default([]).describe("AZs App Runner does not support in this Region (APR-5)."),
    securityGroupIds: z
      .array(z.string())
      .optional()
      .describe("Existing groups for the connector (1-5). Default: a dedicated group with the egress rules below."),
    egress: z
      .array(
        z.strictObject({
          cidr: z.string().optional(),
          securityGroupId: z.string().optional(),
          port: z.number(),
          protocol: z.enum(["tcp", "udp"], { error: "must be tcp or udp" }).optional(),
          description: z.string().optional(),
        }),
      )
      .default([])
      .describe("Destinations the services call (APR-9): a CIDR or a security group (which gets the matching inbound rule), and a port."),
    awsServices: z
      .array(z.string())
      .default([])
      .describe("AWS services the application calls, reached through VPC endpoints when the network has no NAT (APR-4)."),
    services: z.array(appRunnerService).default([]),
  })
  .describe("AWS App Runner: a VPC connector for outgoing traffic, services using it, private services.");

const mwaaEnvironment = z
  .strictObject({
    createSourceBucket: z
      .boolean()
      .default(true)
      .describe("Create the source bucket (versioned, public access blocked, encrypted, TLS only)."),
    airflowVersion: z
      .string()
      .optional()
      .describe(
        `Apache Airflow version, one MWAA creates environments with (src/aws/mwaa-versions.ts). Default: the newest, ${DEFAULT_AIRFLOW_VERSION}.`,
      ),
    airflowVersionChange: z
      .enum(["upgraded-outside-terraform", "replace"], { error: "must be upgraded-outside-terraform or replace" })
      .optional()
      .describe(
        "Allows a change of major Airflow version from the module last generated: upgraded-outside-terraform (the environment already runs it), or replace (a new environment; its metadata database is lost).",
      ),
    environmentClass: z
      .enum(MWAA_ENVIRONMENT_CLASSES, { error: `must be one of ${MWAA_ENVIRONMENT_CLASSES.join(", ")}` })
      .default("mw1.small"),
    minWorkers: z.number().optional().describe("Default: 1."),
    maxWorkers: z.number().optional().describe("Default: 10; 1 for mw1.micro (no auto scaling)."),
    schedulers: z.number().optional().describe("2 to 5 (default 2); mw1.micro: 1."),
    minWebservers: z.number().optional().describe("2 to 5; mw1.micro: 1. Default: MWAA's for the class."),
    maxWebservers: z.number().optional().describe("2 to 5, at least minWebservers; mw1.micro: 1. Default: MWAA's for the class."),
    webserverAccessMode: z
      .enum(["PRIVATE_ONLY", "PUBLIC_ONLY", "PUBLIC_AND_PRIVATE"], { error: "must be PRIVATE_ONLY or PUBLIC_ONLY" })
      .default("PRIVATE_ONLY")
      .describe("PUBLIC_ONLY needs public routing. PUBLIC_AND_PRIVATE needs hashicorp/aws 6.x (refused)."),
    endpointManagement: z
      .enum(["SERVICE", "CUSTOMER"], { error: "must be SERVICE or CUSTOMER" })
      .optional()
      .describe(
        "CUSTOMER: the stack creates the database and web server endpoints MWAA waits for (required in a shared VPC, where it is the default). Default: SERVICE.",
      ),
    logLevel: z
      .enum(MWAA_LOG_LEVELS, { error: `must be one of ${MWAA_LOG_LEVELS.join(", ")}` })
      .default("INFO")
      .describe("Level of all five log types, all enabled."),
    weeklyMaintenanceWindowStart: z.string().default("SUN:03:00").describe("DAY:HH:MM, UTC."),
    airflowConfigurationOptions: z
      .record(z.string(), z.string())
      .optional()
      .describe('Airflow configuration overrides, e.g. {"core.load_examples": "false"}.'),
    dagS3Path: z.string().default("dags/"),
    pluginsS3Path: z.string().optional().describe("A plugins.zip already in an existing source bucket (createSourceBucket: false)."),
    requirementsS3Path: z
      .string()
      .optional()
      .describe("A requirements.txt already in an existing source bucket (createSourceBucket: false)."),
    startupScriptS3Path: z
      .string()
      .optional()
      .describe("A startup script (.sh) already in an existing source bucket (createSourceBucket: false)."),
    pluginsFile: z
      .string()
      .optional()
      .describe(
        "A local plugins.zip (path relative to this file): copied into the module and uploaded to the source bucket ahead of the environment.",
      ),
    requirementsFile: z
      .string()
      .optional()
      .describe("A local requirements.txt (path relative to this file): copied into the module and uploaded ahead of the environment."),
    startupScriptFile: z
      .string()
      .optional()
      .describe("A local startup script (.sh, path relative to this file): copied into the module and uploaded ahead of the environment."),
    kmsKey: z.string().optional().describe('"create" for a new customer-managed key, or a key ARN. Default: AWS owned keys.'),
    additionalSecurityGroupIds: z.array(z.string()).default([]).describe("Up to 4 more security groups for the environment."),
  })
  .describe("The Amazon MWAA environment itself. Needs the deployment's accountId.");

const mwaa = z
  .strictObject({
    environmentName: awsString("mwaa.environment-name").describe("Name of the Amazon MWAA environment that will run in this network."),
    sourceBucketName: awsString("s3.bucket-name").describe(
      "The environment's source (DAG) bucket; the S3 gateway endpoint policy allows it.",
    ),
    hardenedSecurityGroup: z
      .boolean()
      .default(false)
      .describe("Limit the security group's inbound rules to TCP 443 and 5432 from itself (default: all traffic from itself)."),
    extraEndpoints: z
      .array(z.string())
      .default([])
      .describe("More interface endpoints by catalogue name, e.g. secretsmanager (Secrets Manager backend), sts."),
    fipsAirflowEndpoints: z
      .boolean()
      .default(false)
      .describe("Also create the FIPS Airflow endpoints airflow-fips.api and airflow-fips.env (US and Canada Regions only)."),
    airflowOpsEndpoint: z
      .boolean()
      .optional()
      .describe(
        "Create the airflow.ops endpoint (private routing). Default: where the facts catalogue says the Region offers it, and (with a warning) where it does not know.",
      ),
    environment: mwaaEnvironment.optional(),
  })
  .describe("Amazon MWAA: its security group, the endpoints it needs without internet access, and optionally the environment.");

const resourceConfiguration = z.strictObject({
  name: z.string().describe("Resource configuration name: 3-40 lowercase letters, digits and -."),
  dnsName: z.string().optional().describe("The resource by DNS name (e.g. service1.example.com). Give one of dnsName, ipAddress and arn."),
  ipAddress: z.string().optional().describe("The resource by IP address."),
  arn: z.string().optional().describe("The resource by ARN (an AWS resource such as an RDS database)."),
  portRanges: z
    .array(z.string())
    .default([])
    .describe(
      'Ports shared, e.g. ["80", "443"] or ["8000-8100"]; TCP. With arn: only the ports the gateway\'s security group opens (AWS takes an ARN resource\'s ports from the resource).',
    ),
  targetSecurityGroupId: z
    .string()
    .optional()
    .describe(
      "The resource's security group: it gets inbound rules from the gateway's group on these ports. Without it (and a targetCidr inside the VPC, or none) a group for the resource to carry is made in the VPC, admitting these ports from the gateway's group (output lattice_target_security_group_ids).",
    ),
  targetCidr: z
    .string()
    .optional()
    .describe("Where the resource lives (IPv4 CIDR): the gateway's outbound rules go there. Default: the VPC's block."),
  allowAssociationToShareableServiceNetwork: z
    .boolean()
    .default(true)
    .describe("Allow association with service networks that can be shared (EventBridge and Step Functions need it)."),
});

const latticeConsume = z.strictObject({
  name: z.string().describe("Local name: address suffix and output key."),
  resourceConfigurationArn: z
    .string()
    .describe("ARN of the (shared) resource configuration: the owner's resource_configuration_arns output."),
  via: z
    .enum(["endpoint", "serviceNetwork"], { error: 'must be "endpoint" or "serviceNetwork"' })
    .default("endpoint")
    .describe(
      "endpoint: a VPC endpoint of type Resource. serviceNetwork: associate it with the deployment's service network, reached through one ServiceNetwork endpoint.",
    ),
  ports: z
    .array(z.number())
    .default([443])
    .describe("Ports the VPC's clients use: the endpoint's security group admits them from the VPC."),
  privateDns: z.boolean().default(true).describe("Private DNS on the endpoint, where the resource supports it."),
});

const lattice = z
  .strictObject({
    resourceGateway: z
      .strictObject({
        name: z.string().describe("Resource gateway name: 3-40 lowercase letters, digits and -."),
        ipAddressType: z
          .enum(LATTICE_IP_ADDRESS_TYPES, { error: "must be IPV4, IPV6 or DUALSTACK" })
          .optional()
          .describe("Default: follows the subnets (network.ipv6)."),
        securityGroupIds: z
          .array(z.string())
          .default([])
          .describe("Existing security groups added to the gateway's own group: at most 4 (5 in all)."),
        eventBridgeRules: z
          .boolean()
          .default(false)
          .describe(
            "Give the gateway's group the inbound rules EventBridge asks of a provider whose APIs EventBridge or Step Functions call: all TCP from 0.0.0.0/0 (and ::/0 with IPv6). Recorded as an accepted SEC-1 deviation; without them those calls may time out (docs/lattice.md).",
          ),
      })
      .optional()
      .describe("Resource owner: a resource gateway in the private subnets (LAT-1). Fixed at creation: changes replace it."),
    resourceConfigurations: z.array(resourceConfiguration).default([]).describe("Resources reachable through the gateway (LAT-2)."),
    share: z
      .strictObject({
        name: z.string().describe("RAM resource share name, e.g. shared-services."),
        principals: z.array(z.string()).describe("Account IDs, organization or OU ARNs to share with."),
        allowExternalPrincipals: z
          .boolean()
          .default(false)
          .describe("Allow principals outside your organization (written explicitly either way)."),
      })
      .optional()
      .describe("Share every resource configuration through AWS RAM (LAT-3)."),
    serviceNetwork: z
      .strictObject({ name: z.string() })
      .optional()
      .describe("Consumer: the service network for consume entries with via: serviceNetwork (LAT-4)."),
    consume: z
      .array(latticeConsume)
      .default([])
      .describe("Consumer: resource configurations shared with this account, reached from this VPC (LAT-4)."),
  })
  .describe("VPC Lattice resource sharing: owner (gateway, configurations, RAM share) and/or consumer side.");

const httpParameters = z.record(z.string(), z.string());
const httpMethod = z.enum(HTTP_METHODS, { error: `must be an HTTP method: one of ${HTTP_METHODS.join(", ")}` });

const eventBridgeConnection = z.strictObject({
  name: z.string().describe("Connection name: 1-64 letters, digits, ., - and _."),
  description: z.string().optional(),
  resourceConfiguration: z
    .string()
    .optional()
    .describe("A resource configuration of this deployment by name (lattice.resourceConfigurations or lattice.consume)."),
  resourceConfigurationArn: z.string().optional().describe("Or a shared resource configuration by ARN."),
  authorization: z
    .strictObject({
      basic: z
        .strictObject({ username: z.string() })
        .optional()
        .describe("Basic: the password comes from the sensitive variable <connection>_password."),
      apiKey: z
        .strictObject({ name: z.string().describe("Header name, e.g. x-api-key.") })
        .optional()
        .describe("API key: the value comes from the sensitive variable <connection>_api_key."),
      oauth: z
        .strictObject({
          authorizationEndpoint: z.string().describe("https://… token URL."),
          httpMethod: z.enum(OAUTH_HTTP_METHODS, { error: `must be one of ${OAUTH_HTTP_METHODS.join(", ")}` }),
          clientId: z.string(),
          bodyParameters: httpParameters.describe(
            "Non-secret parameters for the token request, at least one (the AWS provider requires one), e.g. {scope: forecast.read}.",
          ),
        })
        .optional()
        .describe("OAuth client credentials: the client secret comes from the sensitive variable <connection>_client_secret."),
    })
    .describe("Exactly one of basic, apiKey and oauth. Secret values are never in the configuration."),
  invocationParameters: z
    .strictObject({ queryString: httpParameters.optional(), headers: httpParameters.optional(), body: httpParameters.optional() })
    .optional()
    .describe("Non-secret parameters added to every call, e.g. queryString: {Action: Forecast}."),
  apiDestination: z
    .strictObject({
      endpoint: z.string().describe("https:// URL of the private API."),
      httpMethod: httpMethod,
      rateLimitPerSecond: z.number().optional(),
      rule: z
        .strictObject({
          eventBusName: z.string().default("default"),
          eventPattern: z.record(z.string(), z.unknown()).describe("Events to send to the API destination."),
        })
        .optional()
        .describe("A rule on a bus that targets the API destination."),
    })
    .optional()
    .describe("An EventBridge API destination using the connection (LAT-6), optionally with a rule."),
});

const stateMachine = z.strictObject({
  name: z.string().describe("State machine name."),
  connection: z.string().describe("Name of an eventBridge.connections entry of this deployment."),
  endpoint: z.string().describe("https:// URL the HTTP Task calls; the role may invoke it and nothing else."),
  method: httpMethod,
  logLevel: z.enum(["ALL", "ERROR", "FATAL"], { error: "must be ALL, ERROR or FATAL" }).default("ALL").describe("CloudWatch Logs level."),
  includeExecutionData: z.boolean().default(false).describe("Log inputs and outputs (off: responses may hold personal data)."),
  logRetentionDays: z.number().default(30),
});

const localBackend = z
  .strictObject({
    type: z.literal("local"),
    path: z.string().default("terraform.tfstate").describe("State file path, relative to the stack's folder."),
  })
  .describe("State in a local file.");

const s3Backend = z
  .strictObject({
    type: z.literal("s3"),
    bucket: z.string().describe("State bucket."),
    key: z.string().describe("State object key, relative (no leading /), e.g. network/mwaa.tfstate."),
    region: z.string().optional().describe("The bucket's Region. Default: the deployment's Region."),
    kmsKeyId: z.string().optional().describe("KMS key ARN for server-side encryption of the state. Default: SSE-S3."),
  })
  .describe("State in S3, encrypted, locked with an S3 lock file (use_lockfile; no DynamoDB table).");

const cloudBackend = z
  .strictObject({
    type: z.literal("cloud"),
    organization: z.string().describe("HCP Terraform organization."),
    workspace: z.string().optional().describe("One workspace by name. Give this or workspaceTags."),
    workspaceTags: z.array(z.string()).optional().describe("Workspaces with all of these tags. Give this or workspace."),
    project: z.string().optional().describe("HCP Terraform project of the workspace(s)."),
    hostname: z.string().optional().describe("Default app.terraform.io; your Terraform Enterprise host otherwise."),
  })
  .describe(
    "HCP Terraform / Terraform Enterprise (the cloud block). The token comes from terraform login or TF_TOKEN_*, never from files.",
  );

const backend = z
  .discriminatedUnion("type", [localBackend, s3Backend, cloudBackend], { error: 'must be "local", "s3" or "cloud"' })
  .describe("Where Terraform keeps this deployment's state.");

const hub = z
  .strictObject({
    services: z
      .array(z.string())
      .min(1, { error: "must list at least one interface endpoint service" })
      .describe(
        "Interface endpoint services, by catalogue name (sqs, logs, ecr.api, airflow.env, …), made once here with private DNS off and a private hosted zone per service name for the spokes.",
      ),
    dns: z
      .enum(["zone-associations", "profile"], { error: 'must be "zone-associations" or "profile"' })
      .default("zone-associations")
      .describe(
        "How spokes resolve the hub's zones. zone-associations: each spoke's VPC is associated with each zone (another account's after an authorization per zone). profile: the zones are put in one Route 53 Profile, shared through RAM with the spokes' other accounts, and each spoke associates the Profile with its VPC (a VPC can have only one Profile).",
      ),
    transitGatewayId: z
      .string()
      .optional()
      .describe(
        "tgw-…: a Transit Gateway of the hub's account to use instead of making one (a landing zone's). The hub makes its two route tables and its attachment in it; its default route table association and propagation must be disabled (checked at plan).",
      ),
  })
  .describe(
    "A central endpoint hub: interface endpoints in this deployment's VPC, a Route 53 private hosted zone per service with an alias to the endpoint, and a Transit Gateway the spokes attach to (deployments with endpointsFrom naming this one).",
  );

const endpointsFrom = z
  .strictObject({
    hub: z.string().describe("Name of the deployment (in this configuration) that is the hub."),
    roleArn: z
      .string()
      .optional()
      .describe(
        "A role in the hub's account that the module's provider alias hub assumes, when the hub is in another account: it adds this spoke to the hub's Transit Gateway route tables and authorizes the association with the hub's zones.",
      ),
  })
  .describe(
    "A spoke of a central endpoint hub: no interface endpoints of its own for the hub's services (gateway endpoints stay local); its VPC is attached to the hub's Transit Gateway and associated with the hub's private hosted zones.",
  );

export const deploymentSchema = z.strictObject({
  name: z
    .string()
    .regex(DEPLOYMENT_NAME_RE, {
      error: "must be a lowercase name for a Terraform stack and folder: a letter, then letters, digits, - or _, at most 40 characters",
    })
    .describe("Stack and folder name under generated/; prefix of Name tags."),
  region: z
    .enum(KNOWN_REGIONS as [string, ...string[]], {
      error: (issue) =>
        `must be a known AWS Region of the aws partition${typeof issue.input === "string" ? suggest(issue.input, KNOWN_REGIONS) : ""}, e.g. us-east-1`,
    })
    .describe("AWS Region."),
  accountId: z
    .string()
    .optional()
    .describe(
      "12-digit AWS account ID the module's default provider acts in; needed to scope ARNs when an MWAA environment is created, and for a shared VPC.",
    ),
  roleArn: z
    .string()
    .optional()
    .describe(
      "A role in accountId for the default provider to assume (a pipeline that runs in another account). Default: the credentials Terraform runs with.",
    ),
  tags: tags.default({}),
  network: network.optional(),
  existingNetwork: existingNetwork.optional(),
  mwaa: mwaa.optional(),
  endpoints: endpoints.optional(),
  apprunner: appRunner.optional(),
  lattice: lattice.optional(),
  hub: hub.optional(),
  endpointsFrom: endpointsFrom.optional(),
  eventBridge: z
    .strictObject({ connections: z.array(eventBridgeConnection).min(1, { error: "must list at least one connection" }) })
    .optional()
    .describe("EventBridge connections to private APIs (LAT-5), with API destinations and rules."),
  stepFunctions: z
    .strictObject({ stateMachines: z.array(stateMachine).min(1, { error: "must list at least one state machine" }) })
    .optional()
    .describe("Step Functions state machines calling a private API with an HTTP Task (LAT-6)."),
  backend: backend.default({ type: "local", path: "terraform.tfstate" }),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of this file's JSON Schema, for editors."),
    deployments: z
      .array(deploymentSchema)
      .min(1, { error: "must list at least one deployment" })
      .describe("One VPC each, with its features; one Terraform root module each."),
  })
  .describe("private-routing configuration: the deployments to generate Terraform for.");

export type DeploymentsConfig = z.output<typeof configSchema>;
export type DeploymentConfig = DeploymentsConfig["deployments"][number];
export type MwaaConfig = NonNullable<DeploymentConfig["mwaa"]>;
export type NetworkConfig = NonNullable<DeploymentConfig["network"]>;
export type ExistingNetworkConfig = NonNullable<DeploymentConfig["existingNetwork"]>;
export type LatticeConfig = NonNullable<DeploymentConfig["lattice"]>;
export type EventBridgeConnectionConfig = NonNullable<DeploymentConfig["eventBridge"]>["connections"][number];
export type StateMachineConfig = NonNullable<DeploymentConfig["stepFunctions"]>["stateMachines"][number];

/** The configuration's JSON Schema (draft 2020-12), as published in schema/. */
export function configJsonSchema(): object {
  return { ...z.toJSONSchema(configSchema, { io: "input" }), title: "private-routing configuration" };
}
export type BackendConfig = DeploymentConfig["backend"];
export type AppRunnerConfig = NonNullable<DeploymentConfig["apprunner"]>;
export type AppRunnerServiceConfig = AppRunnerConfig["services"][number];
export type EndpointsConfig = NonNullable<DeploymentConfig["endpoints"]>;
export type HubConfig = NonNullable<DeploymentConfig["hub"]>;
export type EndpointsFromConfig = NonNullable<DeploymentConfig["endpointsFrom"]>;
export type MwaaEnvironmentConfig = NonNullable<MwaaConfig["environment"]>;
