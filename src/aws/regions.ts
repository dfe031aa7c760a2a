/**
 * AWS Regions of the commercial `aws` partition that this project knows. Endpoint service names
 * (`com.amazonaws.<region>.<service>`) and ARNs (`arn:aws:…`) are formed for this partition only;
 * GovCloud and China use other prefixes and are not supported yet.
 *
 * A closed list turns a typo (`us-est-1`) into an error at synth time instead of an endpoint that
 * cannot be created. When AWS opens a Region, add it here.
 */
export const KNOWN_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.includes(region);
}

/** FIPS endpoints exist only in US and Canada Regions. */
export function hasFipsEndpoints(region: string): boolean {
  return region.startsWith("us-") || region.startsWith("ca-");
}
