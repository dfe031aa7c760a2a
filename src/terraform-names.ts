/**
 * A name as it appears in a Terraform address this project writes: runs of characters other than
 * letters, digits and `_` as one `_`, none at either end. ReadableStack names resources by it
 * (src/constructs/readable-names.ts), and the planner refuses names that would collide under it
 * (App Runner services), so both read this one rule.
 */
export function terraformNamePart(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}
