/**
 * The Regions where AWS App Runner is offered.
 *
 * Sources, both read 2026-11-23, which agree row for row:
 * - AWS General Reference, "AWS App Runner endpoints and quotas", service endpoints table
 *   (https://docs.aws.amazon.com/general/latest/gr/apprunner.html): us-east-2 … eu-west-3;
 * - hashicorp/aws provider, `internal/service/apprunner/hosted_zone_id_data_source.go` (the hosted
 *   zone per Region, citing the same page; commit 06df6bd5149a127126c777b81b0a79ed56514087), whose
 *   data source fails with "unsupported AWS Region" outside these.
 * A Region not listed is an error at synth: a VPC connector there cannot be created.
 */
export const APPRUNNER_REGIONS: readonly string[] = [
  "us-east-2",
  "us-east-1",
  "us-west-2",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
];

/** The rule a deployment's Region breaks for App Runner, or undefined. */
export function appRunnerRegionRule(region: string): string | undefined {
  if (APPRUNNER_REGIONS.includes(region)) return undefined;
  return `must be a Region where AWS App Runner is offered (${APPRUNNER_REGIONS.join(", ")}; General Reference, App Runner endpoints, read 2026-11-23) for the apprunner block`;
}
