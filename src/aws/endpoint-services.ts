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

const I: readonly EndpointType[] = ["Interface"];
const G_AND_I: readonly EndpointType[] = ["Gateway", "Interface"];

function svc(name: string, types: readonly EndpointType[], privateDns: boolean, summary: string, fipsOnly?: boolean, ports: readonly number[] = [443]): EndpointService {
  return { name, types, privateDns, summary, ports, ...(fipsOnly ? { fipsOnly } : {}) };
}

/**
 * The catalogue of endpoint services. Every service name the project emits comes from here;
 * nothing else spells `com.amazonaws.…`.
 *
 * S3 interface endpoints need a gateway endpoint or `private_dns_only_for_inbound_resolver_endpoint`
 * to use private DNS, so S3 is offered here as a gateway first. DynamoDB's interface endpoint is
 * treated as having no private DNS (clients use its endpoint-specific DNS names).
 */
export const ENDPOINT_SERVICES: readonly EndpointService[] = [
  svc("airflow.api", I, true, "Amazon MWAA API"),
  svc("airflow.api-fips", I, true, "Amazon MWAA API, FIPS 140 endpoint", true),
  svc("airflow.env", I, true, "Amazon MWAA environment management"),
  svc("airflow.env-fips", I, true, "Amazon MWAA environment management, FIPS 140 endpoint", true),
  svc("airflow.ops", I, true, "Amazon MWAA operations"),
  svc("airflow.ops-fips", I, true, "Amazon MWAA operations, FIPS 140 endpoint", true),
  svc("apprunner", I, true, "AWS App Runner API"),
  // Private App Runner services (APR-8): reached through a VPC ingress connection's own domain
  // name, so no private DNS; App Runner does not support endpoint policies here.
  svc("apprunner.requests", I, false, "AWS App Runner private service requests"),
  svc("athena", I, true, "Amazon Athena"),
  svc("autoscaling", I, true, "Amazon EC2 Auto Scaling"),
  svc("backup", I, true, "AWS Backup"),
  svc("cloudformation", I, true, "AWS CloudFormation"),
  svc("codeartifact.api", I, true, "AWS CodeArtifact API"),
  svc("codeartifact.repositories", I, true, "AWS CodeArtifact repositories"),
  svc("codebuild", I, true, "AWS CodeBuild"),
  svc("dynamodb", G_AND_I, false, "Amazon DynamoDB"),
  svc("ebs", I, true, "EBS direct APIs"),
  svc("ec2", I, true, "Amazon EC2 API"),
  svc("ec2messages", I, true, "Systems Manager agent messages"),
  svc("ecr.api", I, true, "Amazon ECR API"),
  svc("ecr.dkr", I, true, "Amazon ECR Docker registry"),
  svc("ecs", I, true, "Amazon ECS"),
  svc("ecs-agent", I, true, "Amazon ECS container agent"),
  svc("ecs-telemetry", I, true, "Amazon ECS telemetry"),
  svc("elasticfilesystem", I, true, "Amazon EFS API"),
  svc("elasticloadbalancing", I, true, "Elastic Load Balancing API"),
  svc("elasticmapreduce", I, true, "Amazon EMR"),
  svc("email-smtp", I, true, "Amazon SES SMTP", undefined, [25, 465, 587, 2465, 2587]),
  svc("events", I, true, "Amazon EventBridge"),
  svc("execute-api", I, true, "Amazon API Gateway private APIs"),
  svc("glue", I, true, "AWS Glue"),
  svc("kinesis-firehose", I, true, "Amazon Data Firehose"),
  svc("kinesis-streams", I, true, "Amazon Kinesis Data Streams"),
  svc("kms", I, true, "AWS KMS"),
  svc("lambda", I, true, "AWS Lambda"),
  svc("logs", I, true, "Amazon CloudWatch Logs"),
  svc("monitoring", I, true, "Amazon CloudWatch metrics"),
  svc("rds", I, true, "Amazon RDS API"),
  svc("rds-data", I, true, "Amazon RDS Data API"),
  svc("redshift-data", I, true, "Amazon Redshift Data API"),
  svc("s3", G_AND_I, false, "Amazon S3"),
  svc("sagemaker.api", I, true, "Amazon SageMaker API"),
  svc("sagemaker.runtime", I, true, "Amazon SageMaker Runtime"),
  svc("secretsmanager", I, true, "AWS Secrets Manager"),
  svc("servicecatalog", I, true, "AWS Service Catalog"),
  svc("sns", I, true, "Amazon SNS"),
  svc("sqs", I, true, "Amazon SQS"),
  svc("ssm", I, true, "AWS Systems Manager"),
  svc("ssmmessages", I, true, "Systems Manager Session Manager"),
  svc("states", I, true, "AWS Step Functions"),
  svc("sts", I, true, "AWS STS"),
  svc("xray", I, true, "AWS X-Ray"),
];

const BY_NAME = new Map(ENDPOINT_SERVICES.map((s) => [s.name, s]));

export function findEndpointService(name: string): EndpointService | undefined {
  return BY_NAME.get(name);
}

/** Like findEndpointService, for names the code itself chose: an unknown name is a bug. */
export function endpointService(name: string): EndpointService {
  const s = BY_NAME.get(name);
  if (!s) throw new Error(`endpoint service "${name}" is not in the catalogue`);
  return s;
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
  if (!s) return `must name an AWS service in the endpoint catalogue (${ENDPOINT_SERVICES.map((e) => e.name).join(", ")})`;
  if (!s.types.includes(type)) return `must name a service offered as a ${type} endpoint; "${name}" is ${s.types.join("/")} only`;
  if (s.fipsOnly && !hasFipsEndpoints(region)) return `names a FIPS endpoint, offered only in US and Canada Regions, not in ${region}`;
  return undefined;
}
