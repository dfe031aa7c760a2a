import { Construct } from "../cdk/cdktf";
import {
  Ec2TransitGateway,
  Ec2TransitGatewayRouteTable,
  Ec2TransitGatewayRouteTableAssociation,
  Ec2TransitGatewayRouteTablePropagation,
  Ec2TransitGatewayVpcAttachment,
  RamPrincipalAssociation,
  RamResourceAssociation,
  RamResourceShare,
  Route,
} from "../cdk/aws";
import { routeAddressPart } from "../net/extra-routes";
import type { HubPlan } from "../plan/types";
import { INetwork } from "./network";
import { addOutput } from "./scope";

export interface TransitGatewayHubProps extends Pick<
  HubPlan,
  "names" | "spokes" | "shareWithAccounts" | "namePrefix" | "givenTransitGateway"
> {
  readonly network: INetwork;
}

/**
 * The hub's Transit Gateway: two route tables, so that spokes reach the hub and not each other.
 * The hub's attachment is associated with `hub` and propagates into `spokes`; each spoke's module
 * associates its attachment with `spokes` and propagates it into `hub` (only the gateway's owner
 * may: "When a transit gateway is shared with you, you cannot create, modify, or delete its
 * transit gateway route tables, or its transit gateway route table propagations and
 * associations", Transit Gateway guide, "Shared transit gateways", read 2026-12-01). Shared with
 * the spokes' other accounts through RAM, with their attachments accepted automatically.
 */
export class TransitGatewayHub extends Construct {
  /** The gateway the hub made; undefined when it was given (`givenTransitGateway`). */
  readonly transitGateway?: Ec2TransitGateway;
  readonly attachment: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    const net = props.network;
    const shared = props.shareWithAccounts.length > 0;
    // A given gateway (a landing zone's) is used as it is: its defaults are checked at plan
    // (preflight), the hub's route tables and attachment are made in it.
    const given = props.givenTransitGateway;
    this.transitGateway = given
      ? undefined
      : new Ec2TransitGateway(this, "Default", {
          description: `${props.namePrefix}: spokes reach the central endpoints`,
          defaultRouteTableAssociation: "disable",
          defaultRouteTablePropagation: "disable",
          autoAcceptSharedAttachments: shared ? "enable" : "disable",
          dnsSupport: "enable",
          tags: { Name: props.names.transitGateway },
        });
    const tgw = given ? given.id : this.transitGateway!.id;
    const hubTable = new Ec2TransitGatewayRouteTable(this, "hub", { transitGatewayId: tgw, tags: { Name: props.names.hubRouteTable } });
    const spokesTable = new Ec2TransitGatewayRouteTable(this, "spokes", {
      transitGatewayId: tgw,
      tags: { Name: props.names.spokesRouteTable },
    });
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, "hub_attachment", {
      transitGatewayId: tgw,
      vpcId: net.vpcId,
      subnetIds: net.privateSubnets.map((s) => s.subnetId),
      dnsSupport: "enable",
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      tags: { Name: `${props.namePrefix}-hub` },
    });
    new Ec2TransitGatewayRouteTableAssociation(this, "hub_association", {
      transitGatewayAttachmentId: this.attachment.id,
      transitGatewayRouteTableId: hubTable.id,
    });
    new Ec2TransitGatewayRouteTablePropagation(this, "hub_to_spokes", {
      transitGatewayAttachmentId: this.attachment.id,
      transitGatewayRouteTableId: spokesTable.id,
    });
    // The hub's subnets answer each spoke through the gateway (the spoke's own module adds its half).
    for (const s of props.spokes) net.privateRoutes.push({ destination: s.cidrBlock, target: "transit-gateway" });
    net.privateRouteTableIds.forEach((table, i) => {
      for (const s of props.spokes) {
        new Route(this, `hub_${i}_${routeAddressPart(s.cidrBlock)}`, {
          routeTableId: table,
          destinationCidrBlock: s.cidrBlock,
          transitGatewayId: tgw,
          dependsOn: [this.attachment],
        });
      }
    });
    if (shared) {
      const share = new RamResourceShare(this, "share", {
        name: props.names.transitGateway,
        allowExternalPrincipals: false,
        tags: { Name: props.names.transitGateway },
      });
      new RamResourceAssociation(this, "share_tgw", {
        resourceArn: given ? given.arn! : this.transitGateway!.arn,
        resourceShareArn: share.arn,
      });
      for (const account of props.shareWithAccounts)
        new RamPrincipalAssociation(this, `share_${account}`, { principal: account, resourceShareArn: share.arn });
    }
    addOutput(
      this,
      "transit_gateway_id",
      tgw,
      `The hub's Transit Gateway${given ? " (given: hub.transitGatewayId)" : ""}: spokes attach to it (shared through RAM with other accounts)`,
    );
    addOutput(
      this,
      "transit_gateway_route_table_ids",
      { hub: hubTable.id, spokes: spokesTable.id },
      "Route tables: hub (spokes propagate into it), spokes (the hub propagates into it; spokes do not reach each other)",
    );
  }
}
