import { Construct, TerraformProvider, TerraformStack, TerraformVariable } from "../cdk/cdktf";
import {
  DataAwsEc2TransitGateway,
  DataAwsEc2TransitGatewayRouteTable,
  DataAwsRoute53Zone,
  Ec2TransitGatewayRouteTableAssociation,
  Ec2TransitGatewayRouteTablePropagation,
  Ec2TransitGatewayVpcAttachment,
  Route,
  DataAwsRoute53ProfilesProfiles,
  Route53ProfilesAssociation,
  Route53VpcAssociationAuthorization,
  Route53ZoneAssociation,
} from "../cdk/aws";
import { routeAddressPart } from "../net/extra-routes";
import type { SpokePlan } from "../plan/types";
import { PROVIDED_BY_HUB_OUTPUT } from "../outputs";
import { INetwork } from "./network";
import { addOutput } from "./scope";

/** Declares a nullable variable the hub's output can be handed over in (null: looked up instead). */
type Given = (name: string, type: string, description: string) => TerraformVariable;

export interface HubSpokeProps extends Omit<SpokePlan, "hubMadeBy"> {
  readonly network: INetwork;
  /**
   * The provider acting in the hub's account: it reads the hub's gateway and zones, changes the
   * hub's route tables and authorizes the zone associations.
   * @default - the stack's default provider (the hub is in this account)
   */
  readonly hubProvider?: TerraformProvider;
}

/**
 * A spoke of a central endpoint hub: its VPC attached to the hub's Transit Gateway, routed to the
 * hub's block, and associated with the hub's private hosted zones, so the services' names resolve
 * to the hub's endpoints. What belongs to the hub's account is found by Name tag through the hub's
 * provider, so the spoke's module needs no ID from the hub's state; the hub is applied first.
 *
 * Another account's VPC needs an authorization in the zone's account first: "Using the account
 * that created the hosted zone, authorize the association… Using the account that created the
 * VPC, associate the VPC with the hosted zone" (Route 53 Developer Guide, "Associating an Amazon
 * VPC and a private hosted zone that you created with different AWS accounts",
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html,
 * read 2026-12-01).
 */
export class HubSpoke extends Construct {
  readonly attachment: Ec2TransitGatewayVpcAttachment;

  private get stack(): TerraformStack {
    return TerraformStack.of(this);
  }

  constructor(scope: Construct, id: string, props: HubSpokeProps) {
    super(scope, id);
    const net = props.network;
    const hub = props.hubProvider;
    const found = new Construct(this, "_hub");
    // Each ID is either handed over from the hub's outputs (a variable: what an offline plan or a
    // pipeline passing outputs uses) or, left null, found by Name tag in the hub's account.
    const given: Given = (name, type, description) => {
      const v = new TerraformVariable(this.stack, name, { type, nullable: true, description });
      // cdktf cannot write a null default (it walks it as an object); the override can.
      v.addOverride("default", null);
      return v;
    };
    // A gateway the hub was given is named by its ID: a landing zone's carries its own Name tag.
    const tgwVar = props.transitGatewayId
      ? undefined
      : given(
          "hub_transit_gateway_id",
          "string",
          `The hub ${props.hub}'s output transit_gateway_id. Null: found by its Name tag ${props.names.transitGateway}`,
        );
    const tablesVar = given(
      "hub_route_table_ids",
      "object({ hub = string, spokes = string })",
      `The hub ${props.hub}'s output transit_gateway_route_table_ids. Null: found by their Name tags`,
    );
    const lookup = (variable: TerraformVariable) => `\${var.${variable.friendlyUniqueId} == null ? 1 : 0}`;
    const tgwId = tgwVar ? this.foundTransitGateway(found, tgwVar, props, lookup) : props.transitGatewayId!;
    const table = (id: string, key: "hub" | "spokes", name: string) => {
      const t = new DataAwsEc2TransitGatewayRouteTable(found, id, {
        filter: [
          { name: "tag:Name", values: [name] },
          { name: "transit-gateway-id", values: [tgwId] },
        ],
        provider: hub,
      });
      t.addOverride("count", lookup(tablesVar));
      const v = `var.${tablesVar.friendlyUniqueId}`;
      return `\${${v} != null ? ${v}.${key} : data.aws_ec2_transit_gateway_route_table.${t.friendlyUniqueId}[0].id}`;
    };
    const hubTable = { id: table("hub_tgw_hub", "hub", props.names.hubRouteTable) };
    const spokesTable = { id: table("hub_tgw_spokes", "spokes", props.names.spokesRouteTable) };
    const tgw = { id: tgwId };
    // Made with the spoke's credentials: attachments are made by the VPC's account. The gateway's
    // defaults (association, propagation) are off, so nothing is set here (those arguments cannot
    // be set on a gateway shared through RAM).
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, "attachment", {
      transitGatewayId: tgw.id,
      vpcId: net.vpcId,
      subnetIds: net.privateSubnets.map((s) => s.subnetId),
      dnsSupport: "enable",
      tags: { Name: `${props.namePrefix}-to-${props.hub}` },
    });
    new Ec2TransitGatewayRouteTableAssociation(this, "association", {
      transitGatewayAttachmentId: this.attachment.id,
      transitGatewayRouteTableId: spokesTable.id,
      provider: hub,
    });
    new Ec2TransitGatewayRouteTablePropagation(this, "propagation", {
      transitGatewayAttachmentId: this.attachment.id,
      transitGatewayRouteTableId: hubTable.id,
      provider: hub,
    });
    net.privateRoutes.push({ destination: props.hubCidrBlock, target: "transit-gateway" });
    net.privateRouteTableIds.forEach((rt, i) => {
      new Route(this, `route_${i}_${routeAddressPart(props.hubCidrBlock)}`, {
        routeTableId: rt,
        destinationCidrBlock: props.hubCidrBlock,
        transitGatewayId: tgw.id,
        dependsOn: [this.attachment],
      });
    });
    if (props.profile) this.associateProfile(found, props.profile.name, props, given, lookup);
    else this.associateZones(found, props, given, lookup);
    addOutput(this, "transit_gateway_attachment_id", this.attachment.id, `This VPC's attachment to the hub ${props.hub}'s Transit Gateway`);
    addOutput(
      this,
      PROVIDED_BY_HUB_OUTPUT,
      { hub: props.hub, services: props.zones.map((z) => z.service) },
      `Endpoint services served by the hub ${props.hub} (its endpoints, through its zones associated here): none is made in this VPC for them`,
    );
  }

  /**
   * The VPC associated with each of the hub's zones, found by name and Name tag in the hub's
   * account or handed over (`hub_zone_ids`); another account's after an authorization per zone
   * made there.
   */
  private associateZones(found: Construct, props: HubSpokeProps, given: Given, lookup: (v: TerraformVariable) => string): void {
    const net = props.network;
    const zonesVar = given(
      "hub_zone_ids",
      "map(string)",
      `The hub ${props.hub}'s output hub_zone_ids. Null: each zone found by its name and Name tag`,
    );
    for (const z of props.zones) {
      const label = z.service.replace(/[^a-z0-9]+/g, "_");
      const zoneData = new DataAwsRoute53Zone(found, `hub_zone_${label}`, {
        name: z.zoneName,
        privateZone: true,
        tags: { Name: z.tagName },
        provider: props.hubProvider,
      });
      zoneData.addOverride("count", lookup(zonesVar));
      const v = `var.${zonesVar.friendlyUniqueId}`;
      const zone = {
        zoneId: `\${${v} != null ? ${v}[${JSON.stringify(z.service)}] : data.aws_route53_zone.${zoneData.friendlyUniqueId}[0].zone_id}`,
      };
      const authorization = props.crossAccount
        ? new Route53VpcAssociationAuthorization(this, `zone_${label}_authorization`, {
            zoneId: zone.zoneId,
            vpcId: net.vpcId,
            provider: props.hubProvider,
          })
        : undefined;
      new Route53ZoneAssociation(this, `zone_${label}`, {
        zoneId: zone.zoneId,
        vpcId: net.vpcId,
        ...(authorization ? { dependsOn: [authorization] } : {}),
      });
    }
  }

  /**
   * The hub's Route 53 Profile associated with this VPC, once, by the spoke's account (a shared
   * Profile's consumer "can associate the Profile to their VPCs": Route 53 Developer Guide,
   * "Working with shared Route 53 Profiles", read 2026-12-02). The Profile is found by its name
   * among the hub account's, or handed over (`hub_profile_id`).
   */
  private associateProfile(
    found: Construct,
    name: string,
    props: HubSpokeProps,
    given: Given,
    lookup: (v: TerraformVariable) => string,
  ): void {
    const profileVar = given("hub_profile_id", "string", `The hub ${props.hub}'s output hub_profile_id. Null: found by its name ${name}`);
    const profiles = new DataAwsRoute53ProfilesProfiles(found, "hub_profiles", { provider: props.hubProvider });
    profiles.addOverride("count", lookup(profileVar));
    const v = `var.${profileVar.friendlyUniqueId}`;
    const listed = `data.aws_route53profiles_profiles.${profiles.friendlyUniqueId}[0].profiles`;
    new Route53ProfilesAssociation(this, "profile", {
      name: `${props.namePrefix}-${name}`,
      profileId: `\${${v} != null ? ${v} : one([for p in ${listed} : p.id if p.name == ${JSON.stringify(name)}])}`,
      resourceId: props.network.vpcId,
    });
  }

  /** The hub's own gateway: handed over (the variable) or, left null, found by its Name tag in the hub's account. */
  private foundTransitGateway(
    found: Construct,
    tgwVar: TerraformVariable,
    props: HubSpokeProps,
    lookup: (v: TerraformVariable) => string,
  ): string {
    const tgwData = new DataAwsEc2TransitGateway(found, "hub", {
      filter: [{ name: "tag:Name", values: [props.names.transitGateway] }],
      provider: props.hubProvider,
    });
    tgwData.addOverride("count", lookup(tgwVar));
    return `\${var.${tgwVar.friendlyUniqueId} != null ? var.${tgwVar.friendlyUniqueId} : data.aws_ec2_transit_gateway.${tgwData.friendlyUniqueId}[0].id}`;
  }
}
