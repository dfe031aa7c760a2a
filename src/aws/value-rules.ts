/**
 * AWS's own value rules for every field the generator fills from its own text or from the user's
 * configuration: lengths, allowed characters, reserved prefixes and suffixes.
 *
 * Why a table: provider 5.100.0 validates few of these, so `terraform validate` and `plan` stay
 * green while `apply` fails ("Invalid security group description", a rule name too long, …). Every
 * entry names the AWS page it comes from and the day it was read; the same table drives the
 * configuration checks (`src/config/schema.ts`), the generator's own strings (`safeText`) and the
 * checker rule VAL-1 (`src/check/rules/val-1.ts`), so all three agree by construction.
 */

import type { Problem } from "../problems";

/** Where an entry comes from: an AWS page and the day we read it. */
export interface ValueSource {
  readonly document: string;
  readonly url: string;
  /** ISO date the page was read for this entry. */
  readonly read: string;
}

export interface AwsValueRule {
  /** Stable ID, `service.field`. */
  readonly id: string;
  /** What the field is, for messages: "security group description". */
  readonly field: string;
  readonly minLength: number;
  readonly maxLength: number;
  /**
   * One allowed character (a character class, `u` flag), or undefined when AWS allows any
   * character. Length and character rules are kept apart so a message can say which one failed
   * and `safeText` can repair generated text.
   */
  readonly allowedChar?: RegExp;
  /** The allowed characters as AWS's page lists them, for messages. */
  readonly allowedText?: string;
  /** Further rules on the whole value (reserved prefixes, shapes): a phrase when broken. */
  readonly extra?: (value: string) => string | undefined;
  /** The rule as one phrase that follows the field name ("must be …"). */
  readonly rule: string;
  readonly source: ValueSource;
}

const READ = "2026-11-23";

/** EC2's character set for security group names and descriptions and for rule descriptions. */
const EC2_SG_CHAR = /[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/u;
const EC2_SG_TEXT = "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*";
/** IAM and most services' tag characters: letters, digits and spaces of any script, and _.:/=+-@. */
const TAG_CHAR = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;
const TAG_TEXT = "letters, digits, spaces and _.:/=+-@";
/** EventBridge names (rules, connections, API destinations). */
const EVENTS_NAME_CHAR = /[.\-_A-Za-z0-9]/u;
/** Lattice names: a-z, 0-9 and single hyphens inside, with a service-specific reserved prefix. */
const latticeName = (reserved: string) => (v: string) =>
  v.startsWith(reserved)
    ? `must not start with ${reserved} (reserved for IDs)`
    : /^-|-$|--/.test(v)
      ? "must not start or end with - or have two - in a row"
      : undefined;
const APPRUNNER_NAME_CHAR = /[A-Za-z0-9\-_]/u;
const apprunnerFirst = (v: string) => (/^[A-Za-z0-9]/.test(v) ? undefined : "must start with a letter or digit");

const ec2 = (action: string): ValueSource => ({
  document: `Amazon EC2 API Reference, ${action}`,
  url: `https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_${action}.html`,
  read: READ,
});
const api = (document: string, url: string): ValueSource => ({ document, url, read: READ });

const RULES = [
  {
    id: "ec2.security-group-name",
    field: "security group name",
    minLength: 1,
    maxLength: 255,
    allowedChar: EC2_SG_CHAR,
    allowedText: EC2_SG_TEXT,
    extra: (v: string) => (v.toLowerCase().startsWith("sg-") ? "must not start with sg-" : undefined),
    source: ec2("CreateSecurityGroup"),
  },
  {
    id: "ec2.security-group-description",
    field: "security group description",
    minLength: 1,
    maxLength: 255,
    allowedChar: EC2_SG_CHAR,
    allowedText: EC2_SG_TEXT,
    source: ec2("CreateSecurityGroup"),
  },
  // IpRange, Ipv6Range, PrefixListId and UserIdGroupPair share the rule; the provider sends a rule's
  // description through them (and through SecurityGroupRuleRequest for the *_rule resources).
  {
    id: "ec2.security-group-rule-description",
    field: "security group rule description",
    minLength: 0,
    maxLength: 255,
    allowedChar: EC2_SG_CHAR,
    allowedText: EC2_SG_TEXT,
    source: ec2("IpRange"),
  },
  {
    id: "tag.key",
    field: "tag key",
    minLength: 1,
    maxLength: 128,
    allowedChar: TAG_CHAR,
    allowedText: TAG_TEXT,
    extra: (v: string) => (/^aws:/i.test(v) ? "must not start with aws: (reserved for AWS)" : undefined),
    // EC2 alone accepts any character; default_tags reach IAM, S3, Lattice and EventBridge too, so the
    // strictest common set applies (the Tagging guide says so too).
    source: api(
      "IAM API Reference, Tag (and Tagging AWS Resources, tag naming limits)",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html",
    ),
  },
  {
    id: "tag.value",
    field: "tag value",
    minLength: 0,
    maxLength: 256,
    allowedChar: TAG_CHAR,
    allowedText: TAG_TEXT,
    source: api(
      "IAM API Reference, Tag (and Tagging AWS Resources, tag naming limits)",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html",
    ),
  },
  {
    id: "iam.role-name",
    field: "IAM role name",
    minLength: 1,
    maxLength: 64,
    allowedChar: /[\w+=,.@-]/u,
    allowedText: "letters, digits and _+=,.@-",
    source: api("IAM API Reference, CreateRole", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"),
  },
  {
    id: "iam.role-description",
    field: "IAM role description",
    minLength: 0,
    maxLength: 1000,
    // eslint-disable-next-line no-control-regex -- tab, LF and CR are the allowed control characters
    allowedChar: /[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]/u,
    allowedText: "printable ASCII and Latin-1 characters, tab and line breaks",
    source: api("IAM API Reference, CreateRole", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"),
  },
  {
    id: "iam.policy-name",
    field: "IAM inline policy name",
    minLength: 1,
    maxLength: 128,
    allowedChar: /[\w+=,.@-]/u,
    allowedText: "letters, digits and _+=,.@-",
    source: api("IAM API Reference, PutRolePolicy", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html"),
  },
  {
    id: "s3.bucket-name",
    field: "S3 bucket name",
    minLength: 3,
    maxLength: 63,
    allowedChar: /[a-z0-9.-]/u,
    allowedText: "lowercase letters, digits, . and -",
    extra: s3BucketNameProblem,
    source: api(
      "Amazon S3 User Guide, General purpose bucket naming rules",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    ),
  },
  {
    id: "logs.log-group-name",
    field: "CloudWatch Logs log group name",
    minLength: 1,
    maxLength: 512,
    allowedChar: /[.\-_/#A-Za-z0-9]/u,
    allowedText: "a-z, A-Z, 0-9 and ._-/#",
    source: api(
      "Amazon CloudWatch Logs API Reference, CreateLogGroup",
      "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
    ),
  },
  {
    // The page lists what a name must not contain, and adds: "To enable logging with CloudWatch Logs,
    // the name should only contain 0-9, A-Z, a-z, - and _". Our state machines always log.
    id: "sfn.state-machine-name",
    field: "Step Functions state machine name (with logging)",
    minLength: 1,
    maxLength: 80,
    allowedChar: /[0-9A-Za-z\-_]/u,
    allowedText: "0-9, A-Z, a-z, - and _",
    source: api(
      "AWS Step Functions API Reference, CreateStateMachine",
      "https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html",
    ),
  },
  {
    id: "events.rule-name",
    field: "EventBridge rule name",
    minLength: 1,
    maxLength: 64,
    allowedChar: EVENTS_NAME_CHAR,
    allowedText: "letters, digits and .-_",
    source: api(
      "Amazon EventBridge API Reference, PutRule",
      "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
    ),
  },
  {
    id: "events.rule-description",
    field: "EventBridge rule description",
    minLength: 0,
    maxLength: 512,
    source: api(
      "Amazon EventBridge API Reference, PutRule",
      "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
    ),
  },
  {
    id: "events.connection-name",
    field: "EventBridge connection name",
    minLength: 1,
    maxLength: 64,
    allowedChar: EVENTS_NAME_CHAR,
    allowedText: "letters, digits and .-_",
    source: api(
      "Amazon EventBridge API Reference, CreateConnection",
      "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateConnection.html",
    ),
  },
  {
    id: "events.connection-description",
    field: "EventBridge connection description",
    minLength: 0,
    maxLength: 512,
    source: api(
      "Amazon EventBridge API Reference, CreateConnection",
      "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateConnection.html",
    ),
  },
  {
    id: "events.api-destination-name",
    field: "EventBridge API destination name",
    minLength: 1,
    maxLength: 64,
    allowedChar: EVENTS_NAME_CHAR,
    allowedText: "letters, digits and .-_",
    source: api(
      "Amazon EventBridge API Reference, CreateApiDestination",
      "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateApiDestination.html",
    ),
  },
  {
    id: "events.api-destination-description",
    field: "EventBridge API destination description",
    minLength: 0,
    maxLength: 512,
    source: api(
      "Amazon EventBridge API Reference, CreateApiDestination",
      "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateApiDestination.html",
    ),
  },
  {
    id: "lattice.resource-gateway-name",
    field: "VPC Lattice resource gateway name",
    minLength: 3,
    maxLength: 40,
    allowedChar: /[a-z0-9-]/u,
    allowedText: "a-z, 0-9 and -",
    extra: latticeName("rgw-"),
    source: api(
      "Amazon VPC Lattice API Reference, CreateResourceGateway",
      "https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceGateway.html",
    ),
  },
  {
    id: "lattice.resource-configuration-name",
    field: "VPC Lattice resource configuration name",
    minLength: 3,
    maxLength: 40,
    allowedChar: /[a-z0-9-]/u,
    allowedText: "a-z, 0-9 and -",
    extra: latticeName("rcfg-"),
    source: api(
      "Amazon VPC Lattice API Reference, CreateResourceConfiguration",
      "https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html",
    ),
  },
  {
    id: "lattice.service-network-name",
    field: "VPC Lattice service network name",
    minLength: 3,
    maxLength: 63,
    allowedChar: /[a-z0-9-]/u,
    allowedText: "a-z, 0-9 and -",
    extra: latticeName("servicenetwork-"),
    source: api(
      "Amazon VPC Lattice API Reference, CreateServiceNetwork",
      "https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetwork.html",
    ),
  },
  {
    // The RAM API reference gives the name no length or character rule (plain String, required);
    // only its presence is checked here.
    id: "ram.resource-share-name",
    field: "RAM resource share name",
    minLength: 1,
    maxLength: Number.MAX_SAFE_INTEGER,
    source: api(
      "AWS RAM API Reference, CreateResourceShare",
      "https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html",
    ),
  },
  {
    id: "apprunner.service-name",
    field: "App Runner service name",
    minLength: 4,
    maxLength: 40,
    allowedChar: APPRUNNER_NAME_CHAR,
    allowedText: "A-Z, a-z, 0-9, - and _",
    extra: apprunnerFirst,
    source: api("AWS App Runner API Reference, CreateService", "https://docs.aws.amazon.com/apprunner/latest/api/API_CreateService.html"),
  },
  {
    id: "apprunner.vpc-connector-name",
    field: "App Runner VPC connector name",
    minLength: 4,
    maxLength: 40,
    allowedChar: APPRUNNER_NAME_CHAR,
    allowedText: "A-Z, a-z, 0-9, - and _",
    extra: apprunnerFirst,
    source: api(
      "AWS App Runner API Reference, CreateVpcConnector",
      "https://docs.aws.amazon.com/apprunner/latest/api/API_CreateVpcConnector.html",
    ),
  },
  {
    id: "apprunner.vpc-ingress-connection-name",
    field: "App Runner VPC ingress connection name",
    minLength: 4,
    maxLength: 40,
    allowedChar: APPRUNNER_NAME_CHAR,
    allowedText: "A-Z, a-z, 0-9, - and _",
    extra: apprunnerFirst,
    source: api(
      "AWS App Runner API Reference, CreateVpcIngressConnection",
      "https://docs.aws.amazon.com/apprunner/latest/api/API_CreateVpcIngressConnection.html",
    ),
  },
  {
    id: "apprunner.auto-scaling-configuration-name",
    field: "App Runner auto scaling configuration name",
    minLength: 4,
    maxLength: 32,
    allowedChar: APPRUNNER_NAME_CHAR,
    allowedText: "A-Z, a-z, 0-9, - and _",
    extra: apprunnerFirst,
    source: api(
      "AWS App Runner API Reference, CreateAutoScalingConfiguration",
      "https://docs.aws.amazon.com/apprunner/latest/api/API_CreateAutoScalingConfiguration.html",
    ),
  },
  {
    id: "mwaa.environment-name",
    field: "MWAA environment name",
    minLength: 1,
    maxLength: 80,
    allowedChar: /[0-9a-zA-Z\-_]/u,
    allowedText: "letters, digits, - and _",
    extra: (v: string) => (/^[a-zA-Z]/.test(v) ? undefined : "must start with a letter"),
    source: api("Amazon MWAA API Reference, CreateEnvironment", "https://docs.aws.amazon.com/mwaa/latest/API/API_CreateEnvironment.html"),
  },
  {
    id: "route53resolver.endpoint-name",
    field: "Route 53 Resolver endpoint name",
    minLength: 0,
    maxLength: 64,
    allowedChar: /[a-zA-Z0-9\-_ ]/u,
    allowedText: "letters, digits, -, _ and spaces",
    extra: (v: string) => (/^[0-9]+$/.test(v) ? "must not be only digits" : undefined),
    source: api(
      "Amazon Route 53 API Reference, CreateResolverEndpoint",
      "https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html",
    ),
  },
  {
    id: "kms.key-description",
    field: "KMS key description",
    minLength: 0,
    maxLength: 8192,
    source: api("AWS KMS API Reference, CreateKey", "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html"),
  },
] as const satisfies readonly Omit<AwsValueRule, "rule">[];

export type ValueRuleId = (typeof RULES)[number]["id"];

/** The table, by ID, each entry with its rule phrased for messages. */
export const VALUE_RULES: Readonly<Record<ValueRuleId, AwsValueRule>> = Object.fromEntries(
  RULES.map((r: Omit<AwsValueRule, "rule">) => [r.id, { ...r, rule: phrase(r) }]),
) as Record<ValueRuleId, AwsValueRule>;

/**
 * Every rule of the IAM quotas page we apply to whole documents rather than to one field: a role's
 * inline policies together hold at most 10,240 characters, white space not counted.
 */
export const IAM_ROLE_INLINE_POLICY_MAX = 10_240;
export const IAM_QUOTAS_SOURCE: ValueSource = api(
  "IAM User Guide, IAM and AWS STS quotas (role policy size)",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
);

function phrase(r: Omit<AwsValueRule, "rule">): string {
  const length =
    r.maxLength === Number.MAX_SAFE_INTEGER
      ? `at least ${r.minLength} character`
      : r.minLength === 0
        ? `at most ${r.maxLength} characters`
        : `${r.minLength}-${r.maxLength} characters`;
  return `must be ${length}${r.allowedText ? ` of ${r.allowedText}` : ""}`;
}

/** Why a value breaks the rule (the first reason), or undefined when AWS accepts it. */
export function valueProblem(rule: AwsValueRule, value: string): string | undefined {
  const chars = [...value];
  if (chars.length < rule.minLength || chars.length > rule.maxLength) return `${rule.rule} (${rule.field}; has ${chars.length})`;
  const bad = badCharacters(rule, value);
  if (bad.length > 0) return `${rule.rule} (${rule.field}; ${bad.map(showChar).join(" ")} not allowed)`;
  const extra = rule.extra?.(value);
  return extra ? `${extra} (${rule.field})` : undefined;
}

/** The distinct characters of `text` the rule does not allow, in order of appearance. */
export function badCharacters(rule: AwsValueRule, text: string): string[] {
  if (!rule.allowedChar) return [];
  return [...new Set([...text].filter((c) => !rule.allowedChar!.test(c)))];
}

/**
 * Generated (informational) text made to fit a rule: characters the rule forbids become spaces or
 * their nearest allowed spelling, and the text is cut to the maximum length. For descriptions only:
 * names are validated, never repaired.
 */
export function safeText(ruleId: ValueRuleId, text: string): string {
  const rule = VALUE_RULES[ruleId];
  const repaired = [...text].map((c) => (!rule.allowedChar || rule.allowedChar.test(c) ? c : c === "'" || c === "’" ? "" : " ")).join("");
  const chars = [...repaired.replace(/ {2,}/g, " ")];
  return chars.length <= rule.maxLength ? chars.join("") : `${chars.slice(0, rule.maxLength - 3).join("")}...`;
}

function showChar(c: string): string {
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? JSON.stringify(c) : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

function s3BucketNameProblem(v: string): string | undefined {
  if (!/^[a-z0-9].*[a-z0-9]$/.test(v)) return "must start and end with a letter or digit";
  if (v.includes("..")) return "must not contain two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v)) return "must not be formatted as an IP address";
  const prefix = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => v.startsWith(p));
  if (prefix) return `must not start with ${prefix} (reserved by S3)`;
  const suffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((s) => v.endsWith(s));
  if (suffix) return `must not end with ${suffix} (reserved by S3)`;
  return undefined;
}

/**
 * Where each rule applies in Terraform: resource type and attribute path (`a.b` walks nested
 * blocks and lists; `tags:keys` / `tags:values` the keys or values of a map). `*` is any type.
 */
export const VALUE_FIELDS: readonly { readonly type: string; readonly path: string; readonly rule: ValueRuleId }[] = [
  { type: "aws_security_group", path: "name", rule: "ec2.security-group-name" },
  { type: "aws_security_group", path: "description", rule: "ec2.security-group-description" },
  { type: "aws_security_group", path: "ingress.description", rule: "ec2.security-group-rule-description" },
  { type: "aws_security_group", path: "egress.description", rule: "ec2.security-group-rule-description" },
  { type: "aws_security_group_rule", path: "description", rule: "ec2.security-group-rule-description" },
  { type: "aws_vpc_security_group_ingress_rule", path: "description", rule: "ec2.security-group-rule-description" },
  { type: "aws_vpc_security_group_egress_rule", path: "description", rule: "ec2.security-group-rule-description" },
  { type: "*", path: "tags:keys", rule: "tag.key" },
  { type: "*", path: "tags:values", rule: "tag.value" },
  { type: "aws_iam_role", path: "name", rule: "iam.role-name" },
  { type: "aws_iam_role", path: "description", rule: "iam.role-description" },
  { type: "aws_iam_role_policy", path: "name", rule: "iam.policy-name" },
  { type: "aws_s3_bucket", path: "bucket", rule: "s3.bucket-name" },
  { type: "aws_cloudwatch_log_group", path: "name", rule: "logs.log-group-name" },
  { type: "aws_sfn_state_machine", path: "name", rule: "sfn.state-machine-name" },
  { type: "aws_cloudwatch_event_rule", path: "name", rule: "events.rule-name" },
  { type: "aws_cloudwatch_event_rule", path: "description", rule: "events.rule-description" },
  { type: "aws_cloudwatch_event_connection", path: "name", rule: "events.connection-name" },
  { type: "aws_cloudwatch_event_connection", path: "description", rule: "events.connection-description" },
  { type: "aws_cloudwatch_event_api_destination", path: "name", rule: "events.api-destination-name" },
  { type: "aws_cloudwatch_event_api_destination", path: "description", rule: "events.api-destination-description" },
  { type: "aws_vpclattice_resource_gateway", path: "name", rule: "lattice.resource-gateway-name" },
  { type: "aws_vpclattice_resource_configuration", path: "name", rule: "lattice.resource-configuration-name" },
  { type: "aws_vpclattice_service_network", path: "name", rule: "lattice.service-network-name" },
  { type: "aws_ram_resource_share", path: "name", rule: "ram.resource-share-name" },
  { type: "aws_apprunner_service", path: "service_name", rule: "apprunner.service-name" },
  { type: "aws_apprunner_vpc_connector", path: "vpc_connector_name", rule: "apprunner.vpc-connector-name" },
  { type: "aws_apprunner_vpc_ingress_connection", path: "name", rule: "apprunner.vpc-ingress-connection-name" },
  {
    type: "aws_apprunner_auto_scaling_configuration_version",
    path: "auto_scaling_configuration_name",
    rule: "apprunner.auto-scaling-configuration-name",
  },
  { type: "aws_mwaa_environment", path: "name", rule: "mwaa.environment-name" },
  { type: "aws_route53_resolver_endpoint", path: "name", rule: "route53resolver.endpoint-name" },
  { type: "aws_kms_key", path: "description", rule: "kms.key-description" },
];

/** A configuration or props value checked against a rule: no problem, or one naming the field. */
export function checkValue(path: string, value: string | undefined, ruleId: ValueRuleId): Problem[] {
  if (value === undefined) return [];
  const problem = valueProblem(VALUE_RULES[ruleId], value);
  return problem ? [{ path, value, rule: problem }] : [];
}
