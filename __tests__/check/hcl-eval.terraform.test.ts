/**
 * The folder reader's evaluator against Terraform itself: each expression below is one the
 * evaluator claims to support (docs/checker.md), evaluated by src/check/hcl-eval.ts and by
 * `terraform console` (Terraform 1.11.4 here, `jsonencode(…)` of the same text), and the two
 * values must be equal. Literal expressions only: no provider, no state, about 50 ms each.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EvalScope, evaluate, Unknown, Unsupported } from "../../src/check/hcl-eval";
import { describeTerraform, TERRAFORM, terraformEnv } from "../support/terraform";
import { budget } from "../support/time-budget";

const describeTf = describeTerraform();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-console-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const none: EvalScope = {
  variable: (n) => new Unsupported(`var.${n}`),
  local: (n) => new Unsupported(`local.${n}`),
  resource: () => undefined,
  moduleOutput: (c, o) => new Unsupported(`module.${c}.${o}`),
};

const EXPRESSIONS = [
  'length("abc")',
  "length([1, 2])",
  "length({ a = 1 })",
  'element(["a", "b", "c"], 4)',
  "concat([1], [2, 3])",
  "flatten([[1], [2, [3]]])",
  "distinct([1, 1, 2])",
  'compact(["a", "", "b"])',
  "slice([1, 2, 3, 4], 1, 3)",
  'contains(["a"], "a")',
  "keys({ b = 1, a = 2 })",
  "values({ b = 1, a = 2 })",
  "merge({ a = 1 }, { b = 2 }, { a = 3 })",
  'lookup({ a = 1 }, "b", 3)',
  'coalesce("", "x")',
  'join("-", ["a", "b"])',
  'split(",", "a,b")',
  'lower("AB")',
  'upper("ab")',
  'format("%s-%d", "a", 1)',
  "tostring(1)",
  'tonumber("2")',
  'tobool("true")',
  'toset(["b", "a", "b"])',
  'tolist(toset(["b", "a"]))',
  "toset([3, 1, 2, 10, 1])",
  'toset(["b", 1, "a", true])',
  'toset(["B", "a", "_"])',
  "tomap({ a = 1 })",
  "true ? 1 : 2",
  '"a" != "b"',
  "3 > 2 && false",
  "7 % 3",
  "10 / 4",
  "-3 + 1",
  "[{ a = 1 }, { a = 2 }][*].a",
  '[for s in ["sqs", "kms", "logs"] : upper(s)]',
  '[for s in ["sqs", "kms", "logs"] : s if s != "kms"]',
  '[for i, s in ["sqs", "kms"] : "${i}:${s}"]',
  '{ for s in ["sqs", "kms", "logs"] : s => "com.amazonaws.eu-west-1.${s}" if s != "kms" }',
  '[for k, v in { b = 1, a = 2 } : "${k}${v}"]',
  "[for a in [for s in [1, 2, 3] : s * 2] : a + 1]",
  '[for i, s in ["a", "b", "c"] : cidrsubnet("10.20.0.0/16", 8, i + 1)]',
  'cidrsubnet("10.20.7.9/16", 4, 15)',
  'cidrsubnet("10.0.0.0/8", 16, 257)',
  // Functions terraform-aws-modules/terraform-aws-vpc calls that the reader did not evaluate (its
  // count expressions went unexpanded): added, each checked here.
  "max(3, 7, 1)",
  "min(3, 7, 1)",
  "sum([1, 2, 3.5])",
  "abs(-3)",
  "ceil(1.2)",
  "floor(1.8)",
  'coalescelist([], ["a"], ["b"])',
  'replace("a-b-c", "-", "_")',
  'formatlist("%s-%d", ["a", "b"], [1, 2])',
  'formatlist("x%s", ["a", "b"])',
  'trimspace("  a b ")',
  'startswith("abc", "ab")',
  'endswith("abc", "bc")',
  'format("%d%%", 50)',
  // try: the first argument that evaluates, null included (it was skipped before).
  'try(null, "x")',
  'try(tostring({ a = 1 }), "x")',
  'try({ a = 1 }.b, "fallback")',
];

/**
 * Beyond what the reader claims: it must give Terraform's value or none (Unsupported: the text is
 * kept), never a wrong one. Before, `format` passed other verbs through untouched ("%03d").
 */
const BEYOND = [
  'format("%03d", 7)',
  'format("%v", "a")',
  'format("%d", 1.5)',
  'replace("abc", "/b/", "x")',
  "jsonencode({ a = 1 })",
  'regexall("[a-z]+", "a1b2")',
  'formatlist("%s", ["a"], ["b", "c"])',
  "max()",
  'substr("hello", 1, 3)',
];

describeTf("the folder reader's evaluator agrees with terraform console", () => {
  test(
    `${EXPRESSIONS.length} expressions`,
    () => {
      const env = terraformEnv();
      const disagree: string[] = [];
      for (const e of EXPRESSIONS) {
        const ours = evaluate(`\${${e}}`, none);
        const text = execFileSync(TERRAFORM, ["console"], { cwd: tmp, env, input: `jsonencode(${e})\n`, encoding: "utf8" });
        const theirs = JSON.parse(JSON.parse(text.trim()) as string) as unknown;
        const shown = ours instanceof Unknown || ours instanceof Unsupported ? `${ours.constructor.name}: ${ours.why}` : ours;
        if (JSON.stringify(sortKeys(shown)) !== JSON.stringify(sortKeys(theirs)))
          disagree.push(`${e}: ours ${JSON.stringify(shown)}, Terraform's ${JSON.stringify(theirs)}`);
      }
      expect(disagree).toEqual([]);
    },
    budget(120_000),
  );

  test(
    `${BEYOND.length} expressions beyond that: Terraform's value or none, never another`,
    () => {
      const env = terraformEnv();
      const wrong: string[] = [];
      for (const e of BEYOND) {
        const ours = evaluate(`\${${e}}`, none);
        if (ours instanceof Unknown || ours instanceof Unsupported) continue;
        let theirs: unknown;
        try {
          const text = execFileSync(TERRAFORM, ["console"], {
            cwd: tmp,
            env,
            input: `jsonencode(${e})\n`,
            encoding: "utf8",
            stdio: "pipe",
          });
          theirs = JSON.parse(JSON.parse(text.trim()) as string);
        } catch {
          theirs = "(Terraform refuses it)";
        }
        if (JSON.stringify(sortKeys(ours)) !== JSON.stringify(sortKeys(theirs)))
          wrong.push(`${e}: ours ${JSON.stringify(ours)}, Terraform's ${JSON.stringify(theirs)}`);
      }
      expect(wrong).toEqual([]);
    },
    budget(120_000),
  );
});

/** Objects with their keys in order, so that two maps compare by content (Terraform's jsonencode sorts keys). */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}
