/**
 * What a route on a private route table sends traffic to, in one vocabulary for the output
 * descriptions the constructs write and the README diagram read from the Terraform: the two must
 * say the same thing of the same route.
 */
export type RouteTargetKind =
  | "nat-gateway"
  | "internet-gateway"
  | "egress-only-internet-gateway"
  | "transit-gateway"
  | "vpc-peering"
  | "vpn-gateway"
  | "gateway-endpoint"
  /** A network interface, a VPC endpoint, a carrier or local gateway: nothing this project makes; named by its ID. */
  | "other";

/** A route a construct adds to a network's private route tables. */
export interface PrivateRoute {
  /** A CIDR block, or for a gateway endpoint the service whose prefix list it routes. */
  readonly destination: string;
  readonly target: RouteTargetKind;
  /** The target's ID when the configuration names one (`pcx-…`, `vgw-…`, `tgw-…`). */
  readonly targetId?: string;
}

const WORDS: Record<RouteTargetKind, string> = {
  "nat-gateway": "NAT gateway",
  "internet-gateway": "internet gateway",
  "transit-gateway": "Transit Gateway",
  "vpc-peering": "VPC peering connection",
  "vpn-gateway": "virtual private gateway (VPN)",
  "gateway-endpoint": "gateway endpoint",
  "egress-only-internet-gateway": "egress-only internet gateway",
  other: "route target",
};

/** `10.80.0.0/16 to VPC peering connection pcx-0a1b…`; a gateway endpoint's: `s3 prefix list to gateway endpoint`. */
export function describeRoute(r: PrivateRoute): string {
  const what = r.target === "gateway-endpoint" ? `${r.destination} prefix list` : r.destination;
  return `${what} to ${WORDS[r.target]}${r.targetId ? ` ${r.targetId}` : ""}`;
}

/** The routes once each, in the order given (a route on every AZ's table is one route to a reader). */
export function distinctRoutes(routes: readonly PrivateRoute[]): PrivateRoute[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = describeRoute(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether any of the routes leaves for the internet: a default route to a NAT or internet gateway. */
export function routesToInternet(routes: readonly PrivateRoute[]): boolean {
  return routes.some(
    (r) =>
      (r.target === "nat-gateway" || r.target === "internet-gateway" || r.target === "egress-only-internet-gateway") &&
      (r.destination === "0.0.0.0/0" || r.destination === "::/0"),
  );
}
