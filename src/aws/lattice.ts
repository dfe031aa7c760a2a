/**
 * Facts about VPC Lattice resource sharing, EventBridge connections and Step Functions HTTP Tasks
 * that more than one module needs: name rules, ARN shapes, the launch Regions (LAT-7).
 */

/**
 * The 21 Regions where resource gateways and resource configurations launched (LAT-7).
 *
 * Source: AWS News Blog, "Securely share AWS resources across VPC and account boundaries with
 * PrivateLink, VPC Lattice, EventBridge, and Step Functions" (December 2024,
 * https://aws.amazon.com/blogs/aws/securely-share-aws-resources-across-vpc-and-account-boundaries-with-privatelink-vpc-lattice-eventbridge-and-step-functions/),
 * its availability paragraph, as recorded in the project's requirements (docs/aws-facts.md).
 * Cross-checked 2026-11-23 against the General Reference, "Amazon VPC Lattice endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/vpc-lattice-service.html): every row that could be
 * read (us-east-2 … ca-central-1) offers VPC Lattice, and includes Regions not listed here
 * (ap-south-2, ap-southeast-3, ap-southeast-4): the list has grown since launch, so outside it the
 * synth warns rather than fails.
 */
export const LATTICE_LAUNCH_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-north-1",
  "me-south-1",
  "sa-east-1",
];

export function latticeRegionWarning(region: string, what: string): string | undefined {
  if (LATTICE_LAUNCH_REGIONS.includes(region)) return undefined;
  return `${what} in ${region}: resource gateways and resource configurations launched in ${LATTICE_LAUNCH_REGIONS.length} Regions (${LATTICE_LAUNCH_REGIONS.join(", ")}), not this one; check the current list before applying (LAT-7)`;
}

/** `arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17 letters or digits>` */
export const RESOURCE_CONFIGURATION_ARN_RE = /^arn:aws:vpc-lattice:[a-z0-9-]+:\d{12}:resourceconfiguration\/rcfg-[0-9a-z]{17}$/;

/** `rcfg-…` from a resource configuration ARN (already checked against RESOURCE_CONFIGURATION_ARN_RE). */
export function resourceConfigurationId(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** Any ARN of the aws partition: the shape a resource configuration's ARN resource must have. */
export const AWS_ARN_RE = /^arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

/** RAM principals: an account ID, an organization or an OU ARN, an IAM role or user ARN. */
export const RAM_PRINCIPAL_RE =
  /^(\d{12}|arn:aws:organizations::\d{12}:(organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})|arn:aws:iam::\d{12}:(role|user)\/.+)$/;

/**
 * A port range of a resource configuration, as the API takes it: `"443"` or `"8000-8100"`.
 * Returns the range, or the rule it breaks.
 */
export function parsePortRange(text: string): { from: number; to: number } | string {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return 'must be a port ("443") or a range ("8000-8100")';
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1 || to > 65535) return "must be within 1 to 65535";
  if (from > to) return "must go from the lower port to the higher";
  return { from, to };
}

/** A name as a Terraform identifier part: `MyService1` -> `myservice1`, `rc-service1` -> `rc_service1`. */
export function snakeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
