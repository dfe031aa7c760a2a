import { isAvailabilityZoneOf } from "../aws/regions";
import { parseIpv4Cidr } from "../net/ipv4-cidr";
import { assertNoProblems, Problem } from "../problems";
import { INetwork, NetworkSubnet } from "./network";

export interface ExistingNetworkProps {
  readonly region: string;
  /** `vpc-…` */
  readonly vpcId: string;
  /**
   * The VPC's IPv4 CIDR block, for rules that admit "the VPC".
   * @default - unknown; features that need it say so
   */
  readonly cidrBlock?: string;
  /**
   * The private subnets to use, with their Availability Zones (stated, because reading them would
   * take a data source and an AWS call at plan time): 2 to 6, in different AZs.
   */
  readonly privateSubnets: readonly NetworkSubnet[];
  /** Route tables of those subnets: the S3 gateway endpoint is attached to them (`rtb-…`). */
  readonly routeTableIds: readonly string[];
}

const ID_RE = (prefix: string) => new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`);

/** Problems with an existing network's description; paths relative to the props. */
export function checkExistingNetwork(props: ExistingNetworkProps): Problem[] {
  const problems: Problem[] = [];
  if (!ID_RE("vpc").test(props.vpcId)) problems.push({ path: "vpcId", value: props.vpcId, rule: "must be a VPC ID (vpc- and 8 or 17 hex digits)" });
  if (props.cidrBlock !== undefined) {
    const c = parseIpv4Cidr(props.cidrBlock);
    if (typeof c === "string") problems.push({ path: "cidrBlock", value: props.cidrBlock, rule: c });
  }
  const subnets = props.privateSubnets;
  if (subnets.length < 2 || subnets.length > 6) {
    problems.push({ path: "privateSubnets", value: subnets, rule: "must list 2 to 6 private subnets in different Availability Zones" });
  }
  subnets.forEach((s, i) => {
    if (!ID_RE("subnet").test(s.subnetId)) problems.push({ path: `privateSubnets[${i}].subnetId`, value: s.subnetId, rule: "must be a subnet ID (subnet- and 8 or 17 hex digits)" });
    if (!isAvailabilityZoneOf(s.availabilityZone, props.region)) {
      problems.push({ path: `privateSubnets[${i}].availabilityZone`, value: s.availabilityZone, rule: `must be an Availability Zone of the deployment's Region ${props.region}` });
    } else if (subnets.findIndex((o) => o.availabilityZone === s.availabilityZone) !== i) {
      problems.push({ path: `privateSubnets[${i}].availabilityZone`, value: s.availabilityZone, rule: "must differ from the other subnets' Availability Zones (one subnet per AZ)" });
    }
    if (subnets.findIndex((o) => o.subnetId === s.subnetId) !== i) problems.push({ path: `privateSubnets[${i}].subnetId`, value: s.subnetId, rule: "must not repeat a subnet" });
  });
  if (props.routeTableIds.length < 1) problems.push({ path: "routeTableIds", value: props.routeTableIds, rule: "must name the private subnets' route tables (at least one)" });
  props.routeTableIds.forEach((id, i) => {
    if (!ID_RE("rtb").test(id)) problems.push({ path: `routeTableIds[${i}]`, value: id, rule: "must be a route table ID (rtb- and 8 or 17 hex digits)" });
  });
  return problems;
}

/**
 * A VPC that already exists and has no internet access (MWAA-G3): nothing is created for it;
 * features add their security groups and endpoints to it. Its private subnets' route tables must
 * not route to an internet gateway or NAT (that is the premise; it cannot be checked offline).
 * Its subnets are taken to be IPv4 (dual-stack existing subnets are not described yet).
 */
export class ExistingNetwork implements INetwork {
  readonly region: string;
  readonly routing = "private" as const;
  readonly subnetIpAddressType = "ipv4" as const;
  readonly vpcId: string;
  readonly vpcCidrBlock?: string;
  readonly privateSubnets: readonly NetworkSubnet[];
  readonly privateRouteTableIds: readonly string[];

  constructor(props: ExistingNetworkProps) {
    assertNoProblems(checkExistingNetwork(props));
    this.region = props.region;
    this.vpcId = props.vpcId;
    this.vpcCidrBlock = props.cidrBlock;
    this.privateSubnets = props.privateSubnets;
    this.privateRouteTableIds = props.routeTableIds;
  }
}
