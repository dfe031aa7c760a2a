import { Construct } from "../cdk/cdktf";

/**
 * A grouping scope (left out of Terraform addresses, see ReadableStack): lets resources of
 * different types share one address name (`aws_security_group.lattice_gateway` and
 * `aws_vpclattice_resource_gateway.lattice_gateway`). The same id returns the same scope.
 */
export function group(scope: Construct, id: string): Construct {
  return (scope.node.tryFindChild(id) as Construct | undefined) ?? new Construct(scope, id);
}
