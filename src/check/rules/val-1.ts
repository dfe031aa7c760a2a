import { badCharacters, IAM_ROLE_INLINE_POLICY_MAX, VALUE_FIELDS, VALUE_RULES, ValueRuleId, valueProblem } from "../../aws/value-rules";
import { byType, list, TfModel } from "../model";
import { decodePolicy } from "../policy-document";
import type { Finding, Rule } from "../rule";

type Out = Omit<Finding, "ruleId" | "severity">;

/**
 * VAL-1: every literal value in a field AWS constrains is one AWS accepts (src/aws/value-rules.ts,
 * each rule with its API reference page). Provider 5.100.0 checks few of these, so `validate` and
 * `plan` pass and `apply` fails.
 */
export const VAL_1: Rule = {
  id: "VAL-1",
  severity: "error",
  summary: "Names, descriptions and tags are values AWS accepts",
  explanation:
    "AWS refuses, at apply, names and descriptions outside its documented lengths and characters (security group descriptions take only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*; no apostrophe), tag keys starting with aws:, reserved S3 bucket names, and roles whose inline policies exceed 10,240 characters. The provider does not check most of these, so plan succeeds and apply fails.",
  fix: "Change the value to fit the rule in the message (docs/value-rules.md lists every rule and its AWS source).",
  check(m) {
    return [...constrainedValues(m).flatMap((v) => judge(v.rule, v.value, v.address, v.path)), ...inlinePolicySize(m)];
  },
};

/** One value VAL-1 looks at: where it is, which rule of the table applies. */
export interface ConstrainedValue {
  readonly address: string;
  readonly path: string;
  readonly rule: ValueRuleId;
  readonly value: unknown;
}

/** Every value of the model that a rule of the table applies to (resources and provider default tags). */
export function constrainedValues(m: TfModel): ConstrainedValue[] {
  const out: ConstrainedValue[] = [];
  for (const field of VALUE_FIELDS) {
    const resources = field.type === "*" ? m.resources : byType(m, field.type);
    for (const r of resources) {
      for (const value of valuesAt(r.values, field.path)) out.push({ address: r.address, path: field.path, rule: field.rule, value });
    }
  }
  for (const [k, v] of Object.entries(m.defaultTags ?? {})) {
    out.push({ address: "provider.aws", path: "default_tags.tags:keys", rule: "tag.key", value: k });
    out.push({ address: "provider.aws", path: `default_tags.tags.${k}`, rule: "tag.value", value: v });
  }
  return out;
}

function judge(ruleId: ValueRuleId, value: unknown, address: string, path: string): Out[] {
  if (typeof value !== "string") return [];
  const rule = VALUE_RULES[ruleId];
  if (value.includes("${")) {
    // Only the literal text around interpolations is known: its characters can still be wrong.
    const literal = value.replace(/\$\{[^}]*\}/g, "");
    const bad = badCharacters(rule, literal);
    return bad.length > 0
      ? [
          {
            status: "fail",
            address,
            message: `${path}: ${rule.rule} (${rule.field}; ${bad.map((c) => JSON.stringify(c)).join(" ")} not allowed)`,
          },
        ]
      : [];
  }
  const problem = valueProblem(rule, value);
  return problem ? [{ status: "fail", address, message: `${path} ${JSON.stringify(cut(value))}: ${problem}` }] : [];
}

/** Values at `a.b` (through nested blocks and lists) or a map's `tags:keys` / `tags:values`. */
function valuesAt(values: Readonly<Record<string, unknown>>, path: string): unknown[] {
  const [head, part] = path.split(":");
  let current: unknown[] = [values];
  for (const key of head.split(".")) {
    current = current
      .flatMap((v) => list(v))
      .flatMap((v) => (v && typeof v === "object" && !Array.isArray(v) ? list((v as Record<string, unknown>)[key]) : []));
  }
  if (part === "keys") return current.flatMap((v) => (v && typeof v === "object" ? Object.keys(v) : []));
  if (part === "values") return current.flatMap((v) => (v && typeof v === "object" ? Object.values(v) : []));
  return current;
}

/** A role's inline policies together: at most 10,240 characters, white space not counted. */
function inlinePolicySize(m: TfModel): Out[] {
  const byRole = new Map<string, { addresses: string[]; size: number }>();
  for (const p of byType(m, "aws_iam_role_policy")) {
    const doc = decodePolicy(p.values.policy);
    if (doc === undefined || typeof p.values.role !== "string") continue;
    // References inside count as nothing: a document over the quota without them is over with them.
    const size = JSON.stringify(doc)
      .replace(/"\$\{[^}]*\}"/g, '""')
      .replace(/\s/g, "").length;
    const entry = byRole.get(p.values.role) ?? { addresses: [], size: 0 };
    entry.addresses.push(p.address);
    entry.size += size;
    byRole.set(p.values.role, entry);
  }
  return [...byRole.values()]
    .filter((e) => e.size > IAM_ROLE_INLINE_POLICY_MAX)
    .map((e) => ({
      status: "fail" as const,
      address: e.addresses[0],
      message: `the role's inline policies hold ${e.size} characters (without white space), more than IAM's ${IAM_ROLE_INLINE_POLICY_MAX}: ${e.addresses.join(", ")}`,
    }));
}

function cut(v: string): string {
  return v.length > 100 ? `${v.slice(0, 97)}...` : v;
}
