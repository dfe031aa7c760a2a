import { availabilityZoneRule } from "../aws/availability-zones";
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

export type Routing = "private" | "public";
/** IP addressing of the private subnets: IPv4 only, dual-stack, or IPv6-only (PL-3). */
export type SubnetIpv6 = "none" | "dualstack" | "ipv6-only";

/** What private subnets of that addressing carry, in the endpoints' terms (PL-3). */
export function subnetIpAddressTypeOf(ipv6: SubnetIpv6 | undefined): "ipv4" | "dualstack" | "ipv6" {
  return ipv6 === "dualstack" ? "dualstack" : ipv6 === "ipv6-only" ? "ipv6" : "ipv4";
}

export interface SubnetLayoutInput {
  readonly region: string;
  readonly cidrBlock: string;
  readonly availabilityZones: readonly string[];
  readonly privateSubnetCidrs?: readonly string[];
  /** `public` adds a public subnet per AZ (MWAA public routing). @default "private" */
  readonly routing?: Routing;
  readonly publicSubnetCidrs?: readonly string[];
  /**
   * `dualstack`: an Amazon-provided IPv6 /56 on the VPC and a /64 on each private subnet beside
   * its IPv4 block; `ipv6-only`: private subnets with a /64 and no IPv4. Private routing only.
   * @default "none"
   */
  readonly ipv6?: SubnetIpv6;
  /** Accept one AZ (non-production: losing that AZ loses everything, PL-1). @default false */
  readonly allowSingleAz?: boolean;
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
    problems.push({
      path: "cidrBlock",
      value: input.cidrBlock,
      rule: `must have a prefix length from /${MIN_PREFIX} to /${MAX_PREFIX} (AWS VPC limits)`,
    });
  }

  const azs = input.availabilityZones;
  if (input.allowSingleAz && (azs.length < 1 || azs.length > MAX_AZS)) {
    problems.push({ path: "availabilityZones", value: azs, rule: `must name 1 to ${MAX_AZS} different AZs` });
  } else if (!input.allowSingleAz && (azs.length < MIN_AZS || azs.length > MAX_AZS)) {
    const hint = azs.length === 1 ? "; set allowSingleAz: true for a single-AZ, non-production network" : "";
    problems.push({
      path: "availabilityZones",
      value: azs,
      rule: `must name ${MIN_AZS} to ${MAX_AZS} different AZs (MWAA and highly available endpoints need at least 2)${hint}`,
    });
  }
  azs.forEach((az, i) => {
    const azRule = availabilityZoneRule(az, input.region);
    if (azRule) {
      problems.push({ path: `availabilityZones[${i}]`, value: az, rule: azRule });
    } else if (azs.indexOf(az, azs.indexOf(az) + 1) === i) {
      problems.push({ path: "availabilityZones", value: azs, rule: `must name different AZs; ${az} appears more than once` });
    }
  });

  const routing = input.routing ?? "private";
  const ipv6 = input.ipv6 ?? "none";
  if (ipv6 !== "none" && routing !== "private") {
    problems.push({
      path: "ipv6",
      value: ipv6,
      rule: 'needs routing "private": IPv6 egress to the internet (an egress-only internet gateway) is not generated',
    });
  }
  if (ipv6 === "ipv6-only" && input.privateSubnetCidrs !== undefined) {
    problems.push({
      path: "privateSubnetCidrs",
      value: input.privateSubnetCidrs,
      rule: "must be left out for IPv6-only subnets, which have no IPv4 block",
    });
  }
  if (routing === "private" && input.publicSubnetCidrs !== undefined) {
    problems.push({
      path: "publicSubnetCidrs",
      value: input.publicSubnetCidrs,
      rule: 'is only for routing "public"; a private-routing network has no public subnets',
    });
  }
  if (input.privateSubnetCidrs === undefined || (routing === "public" && input.publicSubnetCidrs === undefined)) {
    if (typeof vpc !== "string" && vpc.prefix + CARVE_NEW_BITS > MAX_PREFIX) {
      const missing = input.privateSubnetCidrs === undefined ? "privateSubnetCidrs" : "publicSubnetCidrs";
      problems.push({
        path: "cidrBlock",
        value: input.cidrBlock,
        rule: `is too small to carve subnets from (at most /${MAX_PREFIX - CARVE_NEW_BITS}); give ${missing} explicitly`,
      });
    }
  }

  // Every explicit block: valid, inside the VPC, and overlapping no other (private or public).
  const explicit: { path: string; text: string; cidr: Ipv4Cidr }[] = [];
  const checkList = (field: "privateSubnetCidrs" | "publicSubnetCidrs", list: readonly string[] | undefined) => {
    if (list === undefined) return;
    if (list.length !== azs.length) {
      problems.push({ path: field, value: list, rule: `must give one CIDR block per Availability Zone (${azs.length})` });
    }
    list.forEach((text, i) => {
      const path = `${field}[${i}]`;
      const c = parseIpv4Cidr(text);
      if (typeof c === "string") problems.push({ path, value: text, rule: c });
      else if (c.prefix > MAX_PREFIX) problems.push({ path, value: text, rule: `must be /${MAX_PREFIX} or larger (AWS subnet limit)` });
      else if (typeof vpc !== "string" && !contains(vpc, c))
        problems.push({ path, value: text, rule: `must lie inside the VPC CIDR block ${formatIpv4Cidr(vpc)}` });
      else {
        const other = explicit.find((e) => overlaps(e.cidr, c));
        if (other) problems.push({ path, value: text, rule: `must not overlap ${other.path} (${other.text})` });
        explicit.push({ path, text, cidr: c });
      }
    });
  };
  // Carved blocks take part in the overlap check too (explicit public subnets beside carved
  // private ones, say); carving needs a valid VPC block large enough, reported above otherwise.
  const carve = (field: string, list: readonly string[] | undefined, offset: number) => {
    if (list !== undefined || typeof vpc === "string" || vpc.prefix + CARVE_NEW_BITS > MAX_PREFIX) return;
    azs.forEach((az, i) => {
      if (offset + i < 2 ** CARVE_NEW_BITS) {
        const cidr = cidrSubnet(vpc, CARVE_NEW_BITS, offset + i);
        explicit.push({ path: `the carved ${field} subnet for ${az}`, text: formatIpv4Cidr(cidr), cidr });
      }
    });
  };
  carve("private", input.privateSubnetCidrs, 0);
  if (routing === "public") carve("public", input.publicSubnetCidrs, PUBLIC_BLOCK_OFFSET);
  checkList("privateSubnetCidrs", input.privateSubnetCidrs);
  if (routing === "public") checkList("publicSubnetCidrs", input.publicSubnetCidrs);
  return problems;
}

/** The private subnets of a layout that checkSubnetLayout accepted: explicit, or carved (block i). */
export function planPrivateSubnets(input: SubnetLayoutInput): PlannedSubnet[] {
  return planSubnets(input, input.privateSubnetCidrs, 0);
}

/** The public subnets (routing "public"): explicit, or carved (block 8 + i). */
export function planPublicSubnets(input: SubnetLayoutInput): PlannedSubnet[] {
  return planSubnets(input, input.publicSubnetCidrs, PUBLIC_BLOCK_OFFSET);
}

function planSubnets(input: SubnetLayoutInput, explicit: readonly string[] | undefined, offset: number): PlannedSubnet[] {
  const vpc = parseIpv4Cidr(input.cidrBlock);
  if (typeof vpc === "string") throw new Error(`planSubnets: ${vpc}`);
  return input.availabilityZones.map((availabilityZone, i) => ({
    availabilityZone,
    cidrBlock: explicit?.[i] ?? formatIpv4Cidr(cidrSubnet(vpc, CARVE_NEW_BITS, offset + i)),
  }));
}
