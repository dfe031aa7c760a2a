/**
 * Availability Zone names per Region: the letters after the Region code.
 *
 * Source: moto 5.2.1 (the AWS emulator installed on our machines),
 * `moto/ec2/models/availability_zones_and_regions.py`, a recording of EC2 DescribeAvailabilityZones
 * from one account; read 2026-11-23. It is **not an AWS document**: the AWS page that lists every
 * zone, "AWS Availability Zones"
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html),
 * gives AZ IDs (`use1-az1`), not names, and could only be read in part here. Where it could be read
 * it agrees on the number of zones (us-west-1: usw1-az1 and usw1-az3, two zones).
 *
 * Names are the same in every account only in the Regions opened after November 2012; in the
 * oldest Regions each account created before November 2025 has its own mapping, and may see other
 * letters (some accounts have us-west-1b and us-west-1c)
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html). There an unknown
 * letter is a warning, elsewhere an error. The preflight check `preflight_availability_zones` asks
 * the account itself at `terraform plan`.
 */
export const AVAILABILITY_ZONE_LETTERS: Readonly<Record<string, string>> = {
  "af-south-1": "abc",
  "ap-east-1": "abc",
  "ap-east-2": "abc",
  "ap-northeast-1": "acd",
  "ap-northeast-2": "abcd",
  "ap-northeast-3": "abc",
  "ap-south-1": "abc",
  "ap-south-2": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-southeast-3": "abc",
  "ap-southeast-4": "abc",
  "ap-southeast-5": "abc",
  "ap-southeast-6": "abc",
  "ap-southeast-7": "abc",
  "ca-central-1": "abd",
  "ca-west-1": "abc",
  "eu-central-1": "abc",
  "eu-central-2": "abc",
  "eu-north-1": "abc",
  "eu-south-1": "abc",
  "eu-south-2": "abc",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-west-3": "abc",
  "il-central-1": "abc",
  "me-central-1": "abc",
  "me-south-1": "abc",
  "mx-central-1": "abc",
  "sa-east-1": "abc",
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "ab",
  "us-west-2": "abcd",
};

/**
 * The Regions opened before December 2012, whose zone names are mapped per account. Which Regions
 * these are is the project's knowledge, not read from a source: the AWS list ("Regions with
 * independently mapped Availability Zones") could not be read. A Region wrongly listed here only
 * turns an error into a warning.
 */
export const PER_ACCOUNT_ZONE_NAMES: readonly string[] = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
];

const CATALOGUE = "src/aws/availability-zones.ts, recorded 2026-11-23";

/** The catalogue's zone names for a Region, or undefined when it has none. */
export function availabilityZonesOf(region: string): string[] | undefined {
  const letters = Object.hasOwn(AVAILABILITY_ZONE_LETTERS, region) ? AVAILABILITY_ZONE_LETTERS[region] : undefined;
  return letters === undefined ? undefined : [...letters].map((l) => `${region}${l}`);
}

/** The rule an AZ name breaks (an error), or undefined. */
export function availabilityZoneRule(az: string, region: string): string | undefined {
  const known = availabilityZonesOf(region);
  // The shape first: Region plus one letter (`us-east-1a`); Local Zones and AZ IDs are not names.
  if (!(az.length === region.length + 1 && az.startsWith(region) && /[a-z]$/.test(az))) {
    const example = known ? known.join(", ") : `${region}a, ${region}b, …`;
    return `must be an Availability Zone of the deployment's Region ${region} (${example})`;
  }
  if (known === undefined || known.includes(az) || PER_ACCOUNT_ZONE_NAMES.includes(region)) return undefined;
  return `must be an Availability Zone of ${region}: ${known.join(", ")} (facts catalogue, ${CATALOGUE}; if AWS has opened this zone since, add it there)`;
}

/** A warning for an AZ name the catalogue cannot confirm (names mapped per account), or undefined. */
export function availabilityZoneWarning(az: string, region: string): string | undefined {
  const known = availabilityZonesOf(region);
  if (availabilityZoneRule(az, region) !== undefined) return undefined;
  if (known === undefined) {
    return `the facts catalogue has no Availability Zones for ${region}; ${az} is not checked before terraform plan (preflight_availability_zones checks it then)`;
  }
  if (known.includes(az)) return undefined;
  return `${az} is not among the zones the facts catalogue records for ${region} (${known.join(", ")}); zone names there are mapped per account, so it may exist in yours: preflight_availability_zones checks it at terraform plan`;
}
