import { z } from "zod";
import { KNOWN_REGIONS } from "../aws/regions";
import { parseIpv4Cidr } from "../net/ipv4-cidr";
import { MWAA_ENVIRONMENT_NAME_RE, S3_BUCKET_NAME_RE } from "../aws/names";

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

const tags = z
  .record(
    z.string().regex(/^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, { error: "must be a tag key: 1-128 letters, digits, spaces and _.:/=+-@, not starting with aws:" }),
    z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, { error: "must be a tag value: at most 256 letters, digits, spaces and _.:/=+-@" }),
  )
  .describe("Tags for every resource (the AWS provider's default_tags). ManagedBy and Deployment are added.");

const network = z
  .strictObject({
    cidrBlock: cidr("10.0.0.0/16").describe("The VPC's IPv4 CIDR block, /16 to /28."),
    availabilityZones: z
      .array(z.string())
      .describe("2 to 6 Availability Zones of the deployment's Region (us-east-1a, …); one private subnet in each, in this order."),
    privateSubnetCidrs: z
      .array(cidr("10.0.0.0/20"))
      .optional()
      .describe("One CIDR block per Availability Zone, inside cidrBlock. Default: carved from cidrBlock (block i of 16 equal blocks)."),
  })
  .describe("The VPC this deployment creates: private subnets only, no internet gateway, NAT gateway or Elastic IP.");

const mwaa = z
  .strictObject({
    environmentName: z
      .string()
      .regex(MWAA_ENVIRONMENT_NAME_RE, { error: "must start with a letter and contain only letters, digits, - and _ (at most 80 characters)" })
      .describe("Name of the Amazon MWAA environment that will run in this network."),
    sourceBucketName: z
      .string()
      .regex(S3_BUCKET_NAME_RE, { error: "must be an S3 bucket name: 3-63 lowercase letters, digits, . and -, starting and ending with a letter or digit" })
      .describe("The environment's source (DAG) bucket; the S3 gateway endpoint policy allows it."),
    hardenedSecurityGroup: z
      .boolean()
      .default(false)
      .describe("Limit the security group's inbound rules to TCP 443 and 5432 from itself (default: all traffic from itself)."),
    extraEndpoints: z
      .array(z.string())
      .default([])
      .describe("More interface endpoints by catalogue name, e.g. secretsmanager (Secrets Manager backend), sts."),
    fipsAirflowEndpoints: z.boolean().default(false).describe("Also create the FIPS Airflow endpoints (US and Canada Regions only)."),
  })
  .describe("Network for an Amazon MWAA environment with private routing (no internet access).");

const localBackend = z
  .strictObject({
    type: z.literal("local", { error: 'must be "local" (the only backend type so far)' }),
    path: z.string().default("terraform.tfstate").describe("State file path, relative to the stack's folder."),
  })
  .describe("Where Terraform keeps this deployment's state.");

const deployment = z.strictObject({
  name: z
    .string()
    .regex(DEPLOYMENT_NAME_RE, { error: "must be a lowercase name for a Terraform stack and folder: a letter, then letters, digits, - or _, at most 40 characters" })
    .describe("Stack and folder name under generated/; prefix of Name tags."),
  region: z.enum(KNOWN_REGIONS as [string, ...string[]], { error: "must be a known AWS Region of the aws partition, e.g. us-east-1" }).describe("AWS Region."),
  tags: tags.default({}),
  network,
  mwaa: mwaa.optional(),
  backend: localBackend.default({ type: "local", path: "terraform.tfstate" }),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of this file's JSON Schema, for editors."),
    deployments: z.array(deployment).min(1, { error: "must list at least one deployment" }).describe("One VPC each, with its features; one Terraform root module each."),
  })
  .describe("private-routing configuration: the deployments to generate Terraform for.");

export type DeploymentsConfig = z.output<typeof configSchema>;
export type DeploymentConfig = DeploymentsConfig["deployments"][number];
export type MwaaConfig = NonNullable<DeploymentConfig["mwaa"]>;

/** The configuration's JSON Schema (draft 2020-12), as published in schema/. */
export function configJsonSchema(): object {
  return { ...z.toJSONSchema(configSchema, { io: "input" }), title: "private-routing configuration" };
}
