/**
 * One vocabulary for IP addressing: what a subnet carries, and what an endpoint or a VPC Lattice
 * resource gateway may use on it (PL-3, LAT-1). VPC endpoints spell the types in lower case,
 * VPC Lattice in upper case; both follow the same rule: a type needs its address family in every
 * subnet (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws,
 * https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html#resource-gateway-ip-address-type, read 2026-11-23).
 */
export const IP_ADDRESS_TYPES = ["ipv4", "dualstack", "ipv6"] as const;
export type IpAddressType = (typeof IP_ADDRESS_TYPES)[number];

export const LATTICE_IP_ADDRESS_TYPES = ["IPV4", "IPV6", "DUALSTACK"] as const;
export type LatticeIpAddressType = (typeof LATTICE_IP_ADDRESS_TYPES)[number];

/** The types a resource may use in subnets carrying `subnets`. */
export function allowedIpAddressTypes(subnets: IpAddressType): IpAddressType[] {
  return subnets === "ipv4" ? ["ipv4"] : subnets === "ipv6" ? ["ipv6"] : ["ipv4", "dualstack", "ipv6"];
}

export function ipAddressTypeFits(requested: IpAddressType, subnets: IpAddressType): boolean {
  return allowedIpAddressTypes(subnets).includes(requested);
}

/** "IPv4-only", "dual-stack", "IPv6-only": how messages describe subnets. */
export function describeSubnets(subnets: IpAddressType): string {
  return subnets === "ipv4" ? "IPv4-only" : subnets === "ipv6" ? "IPv6-only" : "dual-stack";
}

export function toLatticeIpAddressType(t: IpAddressType): LatticeIpAddressType {
  return t === "ipv4" ? "IPV4" : t === "ipv6" ? "IPV6" : "DUALSTACK";
}
