import { Testing, TerraformStack } from "../../src/cdk/cdktf";
import {
  AwsProvider,
  Ec2TransitGateway,
  Ec2TransitGatewayRouteTable,
  Ec2TransitGatewayRouteTablePropagation,
  Ec2TransitGatewayVpcAttachment,
  RamPrincipalAssociation,
  RamResourceAssociation,
  Route,
  Route53ProfilesAssociation,
  Route53ProfilesProfile,
  Route53ProfilesResourceAssociation,
  Route53Record,
  Route53VpcAssociationAuthorization,
  Route53Zone,
  Route53ZoneAssociation,
} from "../../src/cdk/aws";
import { EndpointZones } from "../../src/constructs/endpoint-zones";
import { HubProfile } from "../../src/constructs/hub-profile";
import { HubSpoke } from "../../src/constructs/hub-spoke";
import { InterfaceEndpoint } from "../../src/constructs/interface-endpoint";
import { TransitGatewayHub } from "../../src/constructs/transit-gateway-hub";
import { VpcNetwork } from "../../src/constructs/vpc-network";
import { ReadableStack } from "../../src/constructs/readable-names";
import { hubNames, hubZone } from "../../src/plan/hub";
import { resourcesOf, TerraformJson } from "../support/terraform-json";

function networkIn(stack: TerraformStack, cidrBlock: string): VpcNetwork {
  return new VpcNetwork(stack, "network", {
    region: "us-east-1",
    namePrefix: "test",
    routing: "private",
    cidrBlock,
    availabilityZones: ["us-east-1a", "us-east-1b"],
    ipv6: "none",
    allowSingleAz: false,
    extraRoutes: [],
  });
}

/** A hub's gateway alone in a test stack, with a spoke of this account and one of 444455556666 unless told. */
function hubTgwSynth(props: Partial<ConstructorParameters<typeof TransitGatewayHub>[2]> = {}): string {
  const stack = new ReadableStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new TransitGatewayHub(stack, "hub_tgw", {
    namePrefix: "hub",
    names: hubNames("hub"),
    network: networkIn(stack, "10.0.0.0/20"),
    spokes: [
      { deployment: "a", cidrBlock: "10.1.0.0/16" },
      { deployment: "b", cidrBlock: "10.2.0.0/16", accountId: "444455556666" },
    ],
    shareWithAccounts: ["444455556666"],
    ...props,
  });
  return Testing.synth(stack);
}

describe("TransitGatewayHub", () => {
  const text = hubTgwSynth();
  const tf = JSON.parse(text) as TerraformJson;

  test("a gateway without default tables, auto-accepting the attachments of the account it is shared with", () => {
    expect(text).toHaveResourceWithProperties(Ec2TransitGateway, {
      default_route_table_association: "disable",
      default_route_table_propagation: "disable",
      auto_accept_shared_attachments: "enable",
      tags: { Name: "hub-tgw" },
    });
    expect(text).toHaveResourceWithProperties(RamPrincipalAssociation, { principal: "444455556666" });
  });

  test("the hub propagates into the spokes' table only (spokes do not reach each other), and routes each spoke's block", () => {
    const propagations = Object.values(resourcesOf(tf, "aws_ec2_transit_gateway_route_table_propagation"));
    expect(propagations).toEqual([
      expect.objectContaining({ transit_gateway_route_table_id: "${aws_ec2_transit_gateway_route_table.hub_tgw_spokes.id}" }),
    ]);
    expect(text).toHaveResourceWithProperties(Ec2TransitGatewayRouteTablePropagation, {
      transit_gateway_attachment_id: "${aws_ec2_transit_gateway_vpc_attachment.hub_tgw_hub_attachment.id}",
    });
    const routes = Object.values(resourcesOf(tf, "aws_route")).map((r) => r.destination_cidr_block);
    expect(routes.sort()).toEqual(["10.1.0.0/16", "10.2.0.0/16"]);
    expect(text).toHaveResourceWithProperties(Route, { transit_gateway_id: "${aws_ec2_transit_gateway.hub_tgw.id}" });
  });
});

describe("EndpointZones", () => {
  const stack = new ReadableStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const net = networkIn(stack, "10.0.0.0/20");
  const endpoints = new Map(
    ["sqs", "ecr.dkr"].map((s) => [
      s.replace(".", "_"),
      new InterfaceEndpoint(stack, s.replace(".", "_"), {
        service: s as "sqs",
        region: "us-east-1",
        vpcId: net.vpcId,
        subnetIds: net.privateSubnetIds,
        securityGroupIds: ["sg-0123456789abcdef0"],
        privateDnsEnabled: false,
        policy: "none",
      }),
    ]),
  );
  new EndpointZones(stack, "hub_zone", {
    vpcId: net.vpcId,
    zones: [hubZone("hub", "sqs", "us-east-1"), hubZone("hub", "ecr.dkr", "us-east-1")],
    endpoints,
  });
  const text = Testing.synth(stack);

  test("a zone per service name, created in the hub's VPC, ignoring the associations the spokes add", () => {
    expect(text).toHaveResourceWithProperties(Route53Zone, {
      name: "sqs.us-east-1.amazonaws.com",
      vpc: [{ vpc_id: "${aws_vpc.network.id}" }],
      tags: { Name: "hub-sqs" },
      lifecycle: { ignore_changes: ["vpc"] },
    });
  });

  test("an alias to the endpoint's regional name: the apex for sqs, a wildcard for ecr.dkr", () => {
    expect(text).toHaveResourceWithProperties(Route53Record, {
      name: "sqs.us-east-1.amazonaws.com",
      type: "A",
      alias: {
        name: "${aws_vpc_endpoint.sqs.dns_entry[0].dns_name}",
        zone_id: "${aws_vpc_endpoint.sqs.dns_entry[0].hosted_zone_id}",
        evaluate_target_health: false,
      },
    });
    expect(text).toHaveResourceWithProperties(Route53Record, {
      name: "*.dkr.ecr.us-east-1.amazonaws.com",
      zone_id: "${aws_route53_zone.hub_zone_ecr_dkr.zone_id}",
    });
  });
});

/** A spoke of another account alone in a test stack (its hub's provider aliased `hub`), with what a test changes. */
function crossAccountSpokeSynth(props: Partial<ConstructorParameters<typeof HubSpoke>[2]> = {}): string {
  const stack = new ReadableStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const hub = new AwsProvider(stack, "aws_hub", { region: "us-east-1", alias: "hub" });
  new HubSpoke(stack, "spoke", {
    namePrefix: "apps",
    hub: "hub",
    hubCidrBlock: "10.0.0.0/20",
    names: hubNames("hub"),
    zones: [hubZone("hub", "sqs", "us-east-1")],
    crossAccount: true,
    network: networkIn(stack, "10.2.0.0/16"),
    hubProvider: hub,
    ...props,
  });
  return Testing.synth(stack);
}

describe("HubSpoke in another account", () => {
  const text = crossAccountSpokeSynth();
  const tf = JSON.parse(text) as TerraformJson;

  test("the authorization is the hub's account's, the association the spoke's, after it", () => {
    expect(text).toHaveResourceWithProperties(Route53VpcAssociationAuthorization, { provider: "aws.hub", vpc_id: "${aws_vpc.network.id}" });
    expect(text).toHaveResourceWithProperties(Route53ZoneAssociation, {
      vpc_id: "${aws_vpc.network.id}",
      depends_on: ["aws_route53_vpc_association_authorization.spoke_zone_sqs_authorization"],
    });
    expect(resourcesOf(tf, "aws_route53_zone_association").spoke_zone_sqs.provider).toBeUndefined();
  });

  test("the attachment is the spoke's; its association and propagation the hub's; the zone's ID is handed over or looked up", () => {
    expect(resourcesOf(tf, "aws_ec2_transit_gateway_vpc_attachment").spoke_attachment.provider).toBeUndefined();
    expect(resourcesOf(tf, "aws_ec2_transit_gateway_route_table_association").spoke_association.provider).toBe("aws.hub");
    expect(resourcesOf(tf, "aws_ec2_transit_gateway_route_table_propagation").spoke_propagation.provider).toBe("aws.hub");
    expect(resourcesOf(tf, "aws_route53_zone_association").spoke_zone_sqs.zone_id).toBe(
      '${var.hub_zone_ids != null ? var.hub_zone_ids["sqs"] : data.aws_route53_zone.spoke_hub_zone_sqs[0].zone_id}',
    );
    const data = (tf as { data: Record<string, Record<string, { count?: string; provider?: string }>> }).data;
    expect(data.aws_route53_zone.spoke_hub_zone_sqs).toMatchObject({ count: "${var.hub_zone_ids == null ? 1 : 0}", provider: "aws.hub" });
  });
});

describe("a given Transit Gateway (a landing zone's)", () => {
  const given = {
    id: "tgw-0a1b2c3d4e5f60718",
    accountId: "111122223333",
    arn: "arn:aws:ec2:us-east-1:111122223333:transit-gateway/tgw-0a1b2c3d4e5f60718",
  };

  test("the hub makes no gateway: its route tables, attachment and routes are in the given one, which is shared by its ARN", () => {
    const text = hubTgwSynth({ givenTransitGateway: given });
    const tf = JSON.parse(text) as TerraformJson;
    expect(resourcesOf(tf, "aws_ec2_transit_gateway")).toEqual({});
    expect(text).toHaveResourceWithProperties(Ec2TransitGatewayRouteTable, {
      transit_gateway_id: given.id,
      tags: { Name: "hub-tgw-spokes" },
    });
    expect(text).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachment, { transit_gateway_id: given.id });
    expect(text).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.2.0.0/16", transit_gateway_id: given.id });
    expect(text).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.1.0.0/16", transit_gateway_id: given.id });
    expect(text).toHaveResourceWithProperties(RamResourceAssociation, { resource_arn: given.arn });
    expect((tf as { output: Record<string, { value: unknown }> }).output.transit_gateway_id.value).toBe(given.id);
  });

  test("a spoke attaches to it by ID: no lookup by the hub's Name tag, no hand-over variable for it", () => {
    const stack = new ReadableStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new HubSpoke(stack, "spoke", {
      namePrefix: "mwaa",
      hub: "hub",
      hubCidrBlock: "10.0.0.0/20",
      names: hubNames("hub"),
      transitGatewayId: given.id,
      zones: [hubZone("hub", "sqs", "us-east-1")],
      crossAccount: false,
      network: networkIn(stack, "10.1.0.0/16"),
    });
    const text = Testing.synth(stack);
    const tf = JSON.parse(text) as TerraformJson & {
      data: Record<string, Record<string, { filter?: unknown[] }>>;
      variable: Record<string, unknown>;
    };
    expect(tf.data.aws_ec2_transit_gateway).toBeUndefined();
    expect(Object.keys(tf.variable).sort()).toEqual(["hub_route_table_ids", "hub_zone_ids"]);
    expect(text).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachment, { transit_gateway_id: given.id });
    expect(text).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.0.0.0/20", transit_gateway_id: given.id });
    // The hub's route tables are still the hub's own, found in the given gateway.
    expect(tf.data.aws_ec2_transit_gateway_route_table.spoke_hub_tgw_hub.filter).toEqual([
      { name: "tag:Name", values: ["hub-tgw-hub"] },
      { name: "transit-gateway-id", values: [given.id] },
    ]);
  });
});

describe("the zones in a Route 53 Profile", () => {
  test("HubProfile: the Profile, each zone associated with it by ARN, shared with the other account through RAM", () => {
    const stack = new ReadableStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const net = networkIn(stack, "10.0.0.0/20");
    const zone = new Route53Zone(stack, "hub_zone_sqs", { name: "sqs.us-east-1.amazonaws.com", vpc: [{ vpcId: net.vpcId }] });
    new HubProfile(stack, "hub_profile", { name: "hub-endpoints", zones: new Map([["sqs", zone]]), shareWithAccounts: ["444455556666"] });
    const text = Testing.synth(stack);
    expect(text).toHaveResourceWithProperties(Route53ProfilesProfile, { name: "hub-endpoints", tags: { Name: "hub-endpoints" } });
    expect(text).toHaveResourceWithProperties(Route53ProfilesResourceAssociation, {
      name: "hub-endpoints-sqs",
      profile_id: "${aws_route53profiles_profile.hub_profile.id}",
      resource_arn: "${aws_route53_zone.hub_zone_sqs.arn}",
    });
    expect(text).toHaveResourceWithProperties(RamResourceAssociation, { resource_arn: "${aws_route53profiles_profile.hub_profile.arn}" });
    expect(text).toHaveResourceWithProperties(RamPrincipalAssociation, { principal: "444455556666" });
  });

  test("HubSpoke: one association of the Profile with the spoke's VPC, by the spoke's account; no zone association or authorization", () => {
    const text = crossAccountSpokeSynth({ profile: { name: "hub-endpoints" } });
    const tf = JSON.parse(text) as TerraformJson & {
      data: Record<string, Record<string, { count?: string; provider?: string }>>;
      variable: object;
    };
    expect(text).toHaveResourceWithProperties(Route53ProfilesAssociation, {
      name: "apps-hub-endpoints",
      resource_id: "${aws_vpc.network.id}",
      profile_id:
        '${var.hub_profile_id != null ? var.hub_profile_id : one([for p in data.aws_route53profiles_profiles.spoke_hub_profiles[0].profiles : p.id if p.name == "hub-endpoints"])}',
    });
    expect(resourcesOf(tf, "aws_route53profiles_association").spoke_profile.provider).toBeUndefined();
    expect(tf.data.aws_route53profiles_profiles.spoke_hub_profiles).toMatchObject({
      count: "${var.hub_profile_id == null ? 1 : 0}",
      provider: "aws.hub",
    });
    expect(resourcesOf(tf, "aws_route53_zone_association")).toEqual({});
    expect(resourcesOf(tf, "aws_route53_vpc_association_authorization")).toEqual({});
    expect(Object.keys(tf.variable).sort()).toEqual(["hub_profile_id", "hub_route_table_ids", "hub_transit_gateway_id"]);
  });
});
