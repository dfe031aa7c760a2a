import type { PrivateRoute } from "../net/routes";

/** A private subnet a feature may place network interfaces in. */
export interface NetworkSubnet {
  readonly availabilityZone: string;
  readonly subnetId: string;
}

/**
 * What a feature (MWAA, App Runner, endpoints, Lattice) needs from the network it is added to.
 * A network the stack creates (VpcNetwork) and an existing VPC named by ID both provide it,
 * so features never care which one they stand on.
 */
export interface INetwork {
  readonly region: string;
  /**
   * `private`: no route out of the VPC, so AWS services are reached only through VPC endpoints.
   * `public`: private subnets reach the internet through NAT gateways.
   */
  readonly routing: "private" | "public";
  readonly vpcId: string;
  /** The VPC's IPv4 CIDR block, for security group rules "from the VPC"; unknown for an existing VPC unless given. */
  readonly vpcCidrBlock?: string;
  /** The VPC's IPv6 CIDR block (a Terraform reference for a new VPC), when the subnets have IPv6. */
  readonly vpcIpv6CidrBlock?: string;
  /** What the private subnets carry: IPv4 only, both, or IPv6 only (PL-3). */
  readonly subnetIpAddressType: "ipv4" | "dualstack" | "ipv6";
  /** One private subnet per Availability Zone, in the configured AZ order. */
  readonly privateSubnets: readonly NetworkSubnet[];
  /** Route tables of the private subnets (gateway endpoints attach here, PL-7). */
  readonly privateRouteTableIds: readonly string[];
  /**
   * `created`: this module makes the VPC and every route of its private route tables;
   * `existing`: the tables are the VPC owner's, and their routes are neither made nor read here.
   */
  readonly origin: "created" | "existing";
  /**
   * The routes this module adds to the private route tables beyond the VPC-local one: every
   * construct that adds one records it here, so that the output `private_route_table_ids` says
   * what the tables hold (its description is read when the stack is synthesized).
   */
  readonly privateRoutes: PrivateRoute[];
}
