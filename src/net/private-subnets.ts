import { isAvailabilityZoneOf } from "../aws/regions";
import { Problem } from "../problems";
import { cidrSubnet, contains, formatIpv4Cidr, Ipv4Cidr, overlaps, parseIpv4Cidr } from "./ipv4-cidr";

/** MWAA needs two AZs (MWAA-P2); six covers every Region's AZ count that matters for endpoints' cost. */
export const MIN_AZS = 2;
export const MAX_AZS = 6;
/** AWS accepts VPC and subnet blocks from /16 to /28. */
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 28;
/**
 * Carved subnets split the VPC block into 16 equal blocks: private subnet i (in the order of
 * `availabilityZones`) takes block i; blocks 8–15 are kept free for public subnets, so that adding
 * public routing later moves no private subnet. A /16 gives /20 subnets (4,091 usable addresses).
 */
export const CARVE_NEW_BITS = 4;
export const PUBLIC_BLOCK_OFFSET = 8;

export interface SubnetLayoutInput {
  readonly region: string;
  readonly cidrBlock: string;
  readonly availabilityZones: readonly string[];
  readonly privateSubnetCidrs?: readonly string[];
}

export interface PlannedSubnet {
  readonly availabilityZone: string;
  readonly cidrBlock: string;
}

/** Every problem with a network layout; paths are relative (`cidrBlock`, `availabilityZones[1]`). */
export function checkSubnetLayout(input: SubnetLayoutInput): Problem[] {
  const problems: Problem[] = [];
  const vpc = parseIpv4Cidr(input.cidrBlock);
  if (typeof vpc === "string") {
    problems.push({ path: "cidrBlock", value: input.cidrBlock, rule: vpc });
  } else if (vpc.prefix < MIN_PREFIX || vpc.prefix > MAX_PREFIX) {
    problems.push({ path: "cidrBlock", value: input.cidrBlock, rule: `must have a prefix length from /${MIN_PREFIX} to /${MAX_PREFIX} (AWS VPC limits)` });
  }

  const azs = input.availabilityZones;
  if (azs.length < MIN_AZS || azs.length > MAX_AZS) {
    problems.push({ path: "availabilityZones", value: azs, rule: `must name ${MIN_AZS} to ${MAX_AZS} different AZs (MWAA and highly available endpoints need at least 2)` });
  }
  azs.forEach((az, i) => {
    if (!isAvailabilityZoneOf(az, input.region)) {
      problems.push({ path: `availabilityZones[${i}]`, value: az, rule: `must be an Availability Zone of the deployment's Region ${input.region} (${input.region}a, ${input.region}b, …)` });
    } else if (azs.indexOf(az, azs.indexOf(az) + 1) === i) {
      problems.push({ path: "availabilityZones", value: azs, rule: `must name different AZs; ${az} appears more than once` });
    }
  });

  if (input.privateSubnetCidrs === undefined) {
    if (typeof vpc !== "string" && vpc.prefix + CARVE_NEW_BITS > MAX_PREFIX) {
      problems.push({ path: "cidrBlock", value: input.cidrBlock, rule: `is too small to carve subnets from (at most /${MAX_PREFIX - CARVE_NEW_BITS}); give privateSubnetCidrs explicitly` });
    }
    return problems;
  }

  const subnets = input.privateSubnetCidrs;
  if (subnets.length !== azs.length) {
    problems.push({ path: "privateSubnetCidrs", value: subnets, rule: `must give one CIDR block per Availability Zone (${azs.length})` });
  }
  const parsed: (Ipv4Cidr | undefined)[] = subnets.map((text, i) => {
    const c = parseIpv4Cidr(text);
    if (typeof c === "string") {
      problems.push({ path: `privateSubnetCidrs[${i}]`, value: text, rule: c });
      return undefined;
    }
    if (c.prefix > MAX_PREFIX) {
      problems.push({ path: `privateSubnetCidrs[${i}]`, value: text, rule: `must be /${MAX_PREFIX} or larger (AWS subnet limit)` });
      return undefined;
    }
    if (typeof vpc !== "string" && !contains(vpc, c)) {
      problems.push({ path: `privateSubnetCidrs[${i}]`, value: text, rule: `must lie inside the VPC CIDR block ${formatIpv4Cidr(vpc)}` });
      return undefined;
    }
    return c;
  });
  parsed.forEach((a, i) => {
    parsed.slice(0, i).forEach((b, j) => {
      if (a && b && overlaps(a, b)) {
        problems.push({ path: `privateSubnetCidrs[${i}]`, value: subnets[i], rule: `must not overlap privateSubnetCidrs[${j}] (${subnets[j]})` });
      }
    });
  });
  return problems;
}

/** The private subnets of a layout that checkSubnetLayout accepted: explicit, or carved. */
export function planPrivateSubnets(input: SubnetLayoutInput): PlannedSubnet[] {
  const vpc = parseIpv4Cidr(input.cidrBlock);
  if (typeof vpc === "string") throw new Error(`planPrivateSubnets: ${vpc}`);
  return input.availabilityZones.map((availabilityZone, i) => ({
    availabilityZone,
    cidrBlock: input.privateSubnetCidrs?.[i] ?? formatIpv4Cidr(cidrSubnet(vpc, CARVE_NEW_BITS, i)),
  }));
}
