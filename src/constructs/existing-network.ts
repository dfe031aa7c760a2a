import { Construct } from "../cdk/cdktf";
import type { NetworkPlan } from "../plan/types";
import { INetwork, NetworkSubnet } from "./network";
import type { PrivateRoute } from "../net/routes";
import { PROVIDED_BY_VPC_OUTPUT } from "../outputs";
import { addNetworkOutputs, addOutput } from "./scope";

/** The existing VPC as the plan describes it. */
export type ExistingNetworkProps = Omit<Extract<NetworkPlan, { kind: "existing" }>["existing"], "existingEndpoints"> & {
  /**
   * Endpoint services the VPC already has endpoints for (none is made for them), recorded in the
   * output `provided_by_vpc_endpoints` so that checks of this module, and its readers, know.
   * @default []
   */
  readonly existingEndpoints?: readonly string[];
};

/**
 * A VPC that already exists and has no internet access (MWAA-G3): nothing is created for it;
 * features add their security groups and endpoints to it. Its private subnets' route tables must
 * not route to an internet gateway or NAT (that is the premise; it cannot be checked offline).
 * Its subnets are taken to be IPv4 (dual-stack existing subnets are not described yet). It adds
 * no resources, only the network's outputs.
 */
export class ExistingNetwork extends Construct implements INetwork {
  readonly region: string;
  readonly routing = "private" as const;
  readonly subnetIpAddressType = "ipv4" as const;
  readonly vpcId: string;
  readonly vpcCidrBlock?: string;
  readonly privateSubnets: readonly NetworkSubnet[];
  readonly privateRouteTableIds: readonly string[];
  readonly origin = "existing" as const;
  readonly privateRoutes: PrivateRoute[] = [];

  constructor(scope: Construct, id: string, props: ExistingNetworkProps) {
    super(scope, id);
    this.region = props.region;
    this.vpcId = props.vpcId;
    this.vpcCidrBlock = props.cidrBlock;
    this.privateSubnets = props.privateSubnets;
    this.privateRouteTableIds = props.routeTableIds;
    addNetworkOutputs(this, this);
    if (props.existingEndpoints && props.existingEndpoints.length > 0) {
      addOutput(
        this,
        PROVIDED_BY_VPC_OUTPUT,
        [...props.existingEndpoints],
        "Endpoint services the VPC already has endpoints for (existingNetwork.existingEndpoints): none is made for them here",
      );
    }
  }
}
