import { modelFromTerraformJson } from "../../src/check/model";
import { decodePolicy } from "../../src/check/policy-document";
import type { Rule } from "../../src/check/rule";

/** Helpers for reading synthesized Terraform JSON in tests (snake_case keys, as Terraform reads them). */
export type Attrs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface TerraformJson {
  resource?: Record<string, Record<string, Attrs>>;
  output?: Record<string, { value: unknown; description?: string }>;
  provider?: Record<string, Attrs[]>;
  terraform?: Attrs;
  [key: string]: unknown;
}

export function resourcesOf(tf: TerraformJson, type: string): Record<string, Attrs> {
  return tf.resource?.[type] ?? {};
}

/** `${type.name.attr}`, the way cdktf writes a reference. */
export function ref(type: string, name: string, attr = "id"): string {
  return `\${${type}.${name}.${attr}}`;
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Decodes a policy the way the checker does (src/check/policy-document.ts); throws when it cannot. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function decodeJsonencode(expr: string): any {
  const doc = decodePolicy(expr);
  if (doc === undefined) throw new Error(`not a policy document: ${expr.slice(0, 80)}`);
  return doc;
}

/** One checker rule's violations on a synthesized stack: `address: message` lines. */
export function ruleViolations(rule: Rule, tf: TerraformJson): string[] {
  return rule
    .check(modelFromTerraformJson([tf as Record<string, unknown>], "test", "json"))
    .filter((f) => f.status === "fail")
    .map((f) => `${f.address}: ${f.message}`);
}
