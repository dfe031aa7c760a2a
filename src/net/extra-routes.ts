/** A route on a new VPC's private route tables to one network outside the VPC (`network.extraRoutes[i]`). */
export interface ExtraRoute {
  /** The network reached, outside the VPC's block; never a default route. */
  readonly destinationCidr: string;
  /** A Transit Gateway the VPC is attached to (the attachment is made beside the module). */
  readonly transitGatewayId?: string;
  /** An active VPC peering connection of the VPC. */
  readonly vpcPeeringConnectionId?: string;
  /** A virtual private gateway attached to the VPC. */
  readonly vpnGatewayId?: string;
}

/** The part of a Terraform address that names a route by its destination: `10.20.0.0/16` -> `to_10_20_0_0_16`. */
export function routeAddressPart(destinationCidr: string): string {
  return `to_${destinationCidr.replace(/[./]/g, "_")}`;
}
