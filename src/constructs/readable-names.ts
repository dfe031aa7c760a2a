import { Construct, Node, TerraformElement, TerraformStack } from "../cdk/cdktf";
import { terraformNamePart } from "../terraform-names";

/**
 * A stack whose Terraform addresses are the construct path in snake_case, with no hash suffix:
 * `mwaa/sqs/Default` becomes `aws_vpc_endpoint.mwaa_sqs`. Addresses are the users' state keys,
 * so they must be readable and must not change when unrelated code changes. A `Default` path
 * component (the CDK convention for a construct's main resource) is left out, and so is a
 * component starting with `_`: a grouping scope that lets resources of different types share a
 * name (`network/private_us-east-1a` the subnet, `network/_routes/private_us-east-1a` its route
 * table, both `network_private_us_east_1a`).
 */
export class ReadableStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const logicalId = readableName(node.scopes.slice(node.scopes.indexOf(this) + 1).map((c) => c.node.id));
    if (!logicalId) return "";
    // Two constructs may map to one address ("a-b" and "a_b"); Terraform would reject or merge them.
    const kind = (element as { terraformResourceType?: string }).terraformResourceType ?? element.constructor.name;
    const address = `${kind}.${logicalId}`;
    const owner = this.allocated.get(address);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Terraform address collision: "${node.path}" and "${owner}" both map to ${address}`);
    }
    this.allocated.set(address, node.path);
    return logicalId;
  }
}

/** The Terraform name for construct ids below the stack, as ReadableStack allocates it. */
export function readableName(ids: readonly string[]): string {
  return terraformNamePart(ids.filter((id) => id !== "Default" && !id.startsWith("_")).join("_"));
}

/**
 * The Terraform name a child `id` of `scope` will get, before it exists (a variable's description
 * can then name it). Under a stack that is not a ReadableStack, cdktf's own naming applies.
 */
export function futureReadableName(scope: Construct, id: string): string {
  const scopes = scope.node.scopes;
  const stackIndex = scopes.findIndex((c) => c instanceof ReadableStack);
  return readableName([...scopes.slice(stackIndex + 1).map((c) => c.node.id), id]);
}
