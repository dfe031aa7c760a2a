import { Construct, Lazy, TerraformOutput } from "../cdk/cdktf";
import { describeRoute, distinctRoutes, routesToInternet } from "../net/routes";
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
    // Read at synth: constructs added after the network (endpoints, a hub's attachment) record
    // their routes on it first.
    Lazy.stringValue({ produce: () => routeTablesDescription(net) }),
  );
}

/** What the private route tables hold, from the routes recorded on the network: never a route it does not make. */
export function routeTablesDescription(net: INetwork): string {
  const routes = distinctRoutes(net.privateRoutes);
  if (net.origin === "existing")
    return `IDs of the existing VPC's private route tables (existingNetwork.routeTableIds): their routes are the VPC owner's and not read here${routes.length === 0 ? "" : `; this module adds ${routes.map(describeRoute).join(", ")}`}`;
  const perAz = net.privateRouteTableIds.length > 1 ? ", one per AZ" : "";
  const nat = routes.some((r) => r.target === "nat-gateway") && perAz ? " (each table its own AZ's NAT gateway)" : "";
  const held = routes.length === 0 ? "the VPC-local route only" : `the VPC-local route, ${routes.map(describeRoute).join(", ")}${nat}`;
  // Only what this module can know: it makes no route to a NAT or internet gateway. Where a Transit
  // Gateway or a peer sends traffic on is the other side's configuration.
  return `IDs of the private route tables${perAz}: ${held}${routesToInternet(routes) ? "" : "; no route to a NAT or internet gateway"}`;
}

/** The private subnets in these AZs, in the network's order. */
export function subnetsIn(net: INetwork, availabilityZones: readonly string[]): NetworkSubnet[] {
  return net.privateSubnets.filter((s) => availabilityZones.includes(s.availabilityZone));
}
