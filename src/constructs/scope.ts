import { Construct, TerraformOutput } from "../cdk/cdktf";
import type { INetwork, NetworkSubnet } from "./network";

/**
 * A grouping scope (left out of Terraform addresses, see ReadableStack): lets resources of
 * different types share one address name (`aws_security_group.lattice_gateway` and
 * `aws_vpclattice_resource_gateway.lattice_gateway`). The same id returns the same scope.
 */
export function group(scope: Construct, id: string): Construct {
  return (scope.node.tryFindChild(id) as Construct | undefined) ?? new Construct(scope, id);
}

/**
 * A root-module output registered by the construct that owns its value, as its last child: it
 * follows that construct's resources in the generated files. Outputs are the module's interface
 * (`terraform output vpc_id`), so the name is given whole, not derived from the construct path.
 */
export function addOutput(scope: Construct, name: string, value: unknown, description: string): TerraformOutput {
  const output = new TerraformOutput(scope, `_output_${name}`, { value, description });
  output.overrideLogicalId(name);
  return output;
}

/** The outputs every network has: the VPC, its private subnets and their route tables. */
export function addNetworkOutputs(scope: Construct, net: INetwork): void {
  const azs = net.privateSubnets.map((s) => s.availabilityZone).join(", ");
  addOutput(scope, "vpc_id", net.vpcId, "ID of the VPC");
  addOutput(
    scope,
    "private_subnet_ids",
    net.privateSubnets.map((s) => s.subnetId),
    `IDs of the private subnets, in Availability Zone order (${azs})`,
  );
  addOutput(
    scope,
    "private_route_table_ids",
    net.privateRouteTableIds,
    net.routing === "private"
      ? "IDs of the private route tables (VPC-local route only, plus gateway endpoint routes)"
      : "IDs of the private route tables, one per AZ, each routing to its AZ's NAT gateway",
  );
}

/** The private subnets in these AZs, in the network's order. */
export function subnetsIn(net: INetwork, availabilityZones: readonly string[]): NetworkSubnet[] {
  return net.privateSubnets.filter((s) => availabilityZones.includes(s.availabilityZone));
}
