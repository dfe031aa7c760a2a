import { closest } from "../suggest";
import { hasFipsEndpoints } from "./regions";

export type EndpointType = "Interface" | "Gateway";

/** One AWS service reachable through a VPC endpoint. */
export interface EndpointService {
  /** Short name, the part after `com.amazonaws.<region>.`: `ecr.dkr`, `airflow.api`. */
  readonly name: string;
  /** Endpoint types the service offers. S3 and DynamoDB offer both. */
  readonly types: readonly EndpointType[];
  /**
   * Whether an interface endpoint of the service supports private DNS, and so gets it by default:
   * SDK calls to the public regional name then resolve to the endpoint's private IPs.
   */
  readonly privateDns: boolean;
  /** TCP ports clients use on an interface endpoint: 443 for AWS APIs; SMTP ports for email-smtp. */
  readonly ports: readonly number[];
  /** Only offered in US and Canada Regions (FIPS endpoints). */
  readonly fipsOnly?: boolean;
  /** What the service is for, one line (used in docs and outputs). */
  readonly summary: string;
}

const INTERFACE = ["Interface"] as const;
const GATEWAY_AND_INTERFACE = ["Gateway", "Interface"] as const;

/** What the catalogue says of one service; see EndpointService for each field. */
interface ServiceOptions {
  readonly types: readonly EndpointType[];
  readonly privateDns: boolean;
  /** @default [443] */
  readonly ports?: readonly number[];
  /** @default false */
  readonly fipsOnly?: boolean;
  readonly summary: string;
}

/**
 * The catalogue of endpoint services, keyed by short name. Every service name the project emits
 * comes from here; nothing else spells `com.amazonaws.…`.
 *
 * S3 interface endpoints need a gateway endpoint or `private_dns_only_for_inbound_resolver_endpoint`
 * to use private DNS, so S3 is offered here as a gateway first. DynamoDB's interface endpoint is
 * treated as having no private DNS (clients use its endpoint-specific DNS names).
 */
const CATALOGUE = {
  // MWAA's FIPS services, as the MWAA user guide spells them (see MWAA_FIPS_INTERFACE_ENDPOINTS).
  "airflow-fips.api": {
    types: INTERFACE,
    privateDns: true,
    fipsOnly: true,
    summary: "Amazon MWAA environment management, FIPS 140 endpoint",
  },
  "airflow-fips.env": { types: INTERFACE, privateDns: true, fipsOnly: true, summary: "Amazon MWAA Airflow environment, FIPS 140 endpoint" },
  "airflow.api": { types: INTERFACE, privateDns: true, summary: "Amazon MWAA environment management" },
  "airflow.env": { types: INTERFACE, privateDns: true, summary: "Amazon MWAA Airflow environment" },
  // Not offered in every MWAA Region: see AIRFLOW_OPS_OFFERED in mwaa.ts.
  "airflow.ops": { types: INTERFACE, privateDns: true, summary: "Amazon MWAA operations (environment health metrics)" },
  apprunner: { types: INTERFACE, privateDns: true, summary: "AWS App Runner API" },
  // Private App Runner services (APR-8): reached through a VPC ingress connection's own domain
  // name, so no private DNS; App Runner does not support endpoint policies here.
  "apprunner.requests": { types: INTERFACE, privateDns: false, summary: "AWS App Runner private service requests" },
  athena: { types: INTERFACE, privateDns: true, summary: "Amazon Athena" },
  autoscaling: { types: INTERFACE, privateDns: true, summary: "Amazon EC2 Auto Scaling" },
  backup: { types: INTERFACE, privateDns: true, summary: "AWS Backup" },
  cloudformation: { types: INTERFACE, privateDns: true, summary: "AWS CloudFormation" },
  "codeartifact.api": { types: INTERFACE, privateDns: true, summary: "AWS CodeArtifact API" },
  "codeartifact.repositories": { types: INTERFACE, privateDns: true, summary: "AWS CodeArtifact repositories" },
  codebuild: { types: INTERFACE, privateDns: true, summary: "AWS CodeBuild" },
  dynamodb: { types: GATEWAY_AND_INTERFACE, privateDns: false, summary: "Amazon DynamoDB" },
  ebs: { types: INTERFACE, privateDns: true, summary: "EBS direct APIs" },
  ec2: { types: INTERFACE, privateDns: true, summary: "Amazon EC2 API" },
  ec2messages: { types: INTERFACE, privateDns: true, summary: "Systems Manager agent messages" },
  "ecr.api": { types: INTERFACE, privateDns: true, summary: "Amazon ECR API" },
  "ecr.dkr": { types: INTERFACE, privateDns: true, summary: "Amazon ECR Docker registry" },
  ecs: { types: INTERFACE, privateDns: true, summary: "Amazon ECS" },
  "ecs-agent": { types: INTERFACE, privateDns: true, summary: "Amazon ECS container agent" },
  "ecs-telemetry": { types: INTERFACE, privateDns: true, summary: "Amazon ECS telemetry" },
  elasticfilesystem: { types: INTERFACE, privateDns: true, summary: "Amazon EFS API" },
  elasticloadbalancing: { types: INTERFACE, privateDns: true, summary: "Elastic Load Balancing API" },
  elasticmapreduce: { types: INTERFACE, privateDns: true, summary: "Amazon EMR" },
  "email-smtp": { types: INTERFACE, privateDns: true, ports: [25, 465, 587, 2465, 2587], summary: "Amazon SES SMTP" },
  events: { types: INTERFACE, privateDns: true, summary: "Amazon EventBridge" },
  "execute-api": { types: INTERFACE, privateDns: true, summary: "Amazon API Gateway private APIs" },
  glue: { types: INTERFACE, privateDns: true, summary: "AWS Glue" },
  "kinesis-firehose": { types: INTERFACE, privateDns: true, summary: "Amazon Data Firehose" },
  "kinesis-streams": { types: INTERFACE, privateDns: true, summary: "Amazon Kinesis Data Streams" },
  kms: { types: INTERFACE, privateDns: true, summary: "AWS KMS" },
  lambda: { types: INTERFACE, privateDns: true, summary: "AWS Lambda" },
  logs: { types: INTERFACE, privateDns: true, summary: "Amazon CloudWatch Logs" },
  monitoring: { types: INTERFACE, privateDns: true, summary: "Amazon CloudWatch metrics" },
  rds: { types: INTERFACE, privateDns: true, summary: "Amazon RDS API" },
  "rds-data": { types: INTERFACE, privateDns: true, summary: "Amazon RDS Data API" },
  "redshift-data": { types: INTERFACE, privateDns: true, summary: "Amazon Redshift Data API" },
  s3: { types: GATEWAY_AND_INTERFACE, privateDns: false, summary: "Amazon S3" },
  "sagemaker.api": { types: INTERFACE, privateDns: true, summary: "Amazon SageMaker API" },
  "sagemaker.runtime": { types: INTERFACE, privateDns: true, summary: "Amazon SageMaker Runtime" },
  secretsmanager: { types: INTERFACE, privateDns: true, summary: "AWS Secrets Manager" },
  servicecatalog: { types: INTERFACE, privateDns: true, summary: "AWS Service Catalog" },
  sns: { types: INTERFACE, privateDns: true, summary: "Amazon SNS" },
  sqs: { types: INTERFACE, privateDns: true, summary: "Amazon SQS" },
  ssm: { types: INTERFACE, privateDns: true, summary: "AWS Systems Manager" },
  ssmmessages: { types: INTERFACE, privateDns: true, summary: "Systems Manager Session Manager" },
  states: { types: INTERFACE, privateDns: true, summary: "AWS Step Functions" },
  sts: { types: INTERFACE, privateDns: true, summary: "AWS STS" },
  xray: { types: INTERFACE, privateDns: true, summary: "AWS X-Ray" },
} as const satisfies Record<string, ServiceOptions>;

/** A service in the catalogue: `sqs`, `ecr.dkr`, `airflow.api`. */
export type EndpointServiceName = keyof typeof CATALOGUE;
/** The services offered as gateway endpoints. */
export type GatewayServiceName = {
  [K in EndpointServiceName]: "Gateway" extends (typeof CATALOGUE)[K]["types"][number] ? K : never;
}[EndpointServiceName];

export const ENDPOINT_SERVICES: readonly EndpointService[] = Object.entries(CATALOGUE).map(([name, o]: [string, ServiceOptions]) => ({
  name,
  types: o.types,
  privateDns: o.privateDns,
  ports: o.ports ?? [443],
  summary: o.summary,
  ...(o.fipsOnly ? { fipsOnly: true } : {}),
}));

const BY_NAME = new Map(ENDPOINT_SERVICES.map((s) => [s.name, s]));

export function findEndpointService(name: string): EndpointService | undefined {
  return BY_NAME.get(name);
}

export function isEndpointServiceName(name: string): name is EndpointServiceName {
  return BY_NAME.has(name);
}

export function isGatewayServiceName(name: string): name is GatewayServiceName {
  return BY_NAME.get(name)?.types.includes("Gateway") ?? false;
}

/** A name the planner has already checked against the catalogue (any other name is a bug), typed as such. */
export function cataloguedName(name: string): EndpointServiceName {
  if (!isEndpointServiceName(name)) throw new Error(`endpoint service "${name}" is not in the catalogue`);
  return name;
}

/** As cataloguedName, for a gateway endpoint. */
export function gatewayServiceName(name: string): GatewayServiceName {
  if (!isGatewayServiceName(name)) throw new Error(`endpoint service "${name}" is not offered as a gateway endpoint`);
  return name;
}

/** A service the type system knows is in the catalogue. */
export function endpointService(name: EndpointServiceName): EndpointService {
  return BY_NAME.get(name)!;
}

/** `com.amazonaws.<region>.<name>`: the only place the prefix is spelled. */
export function endpointServiceName(region: string, name: string): string {
  return `com.amazonaws.${region}.${name}`;
}

/**
 * Why `name` cannot be an endpoint of `type` in `region`, or undefined when it can. The message is a
 * rule without a field name, for callers to prefix with theirs.
 */
export function endpointServiceProblem(name: string, type: EndpointType, region: string): string | undefined {
  const s = BY_NAME.get(name);
  if (!s) {
    const names = ENDPOINT_SERVICES.map((e) => e.name);
    const near = closest(name, names);
    return `must name an AWS service in the endpoint catalogue${near ? ` (did you mean ${near}?)` : ""}: ${names.join(", ")}`;
  }
  if (!s.types.includes(type)) return `must name a service offered as a ${type} endpoint; "${name}" is ${s.types.join("/")} only`;
  if (s.fipsOnly && !hasFipsEndpoints(region)) return `names a FIPS endpoint, offered only in US and Canada Regions, not in ${region}`;
  return undefined;
}
