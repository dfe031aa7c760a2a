/**
 * `for` expressions in the folder reader's evaluator (src/check/hcl-eval.ts), as Terraform evaluates
 * them (https://developer.hashicorp.com/terraform/language/expressions/for): list and map results,
 * `if` filters, two-name forms, iteration over a counted resource's instances (identities stay
 * references), strings that use the bound names, and what stays unsupported.
 */
import { EvalScope, evaluate, Instances, Unknown, Unsupported } from "../../src/check/hcl-eval";

const subnets = new Instances(
  [
    { address: "aws_subnet.private[0]", key: 0 },
    { address: "aws_subnet.private[1]", key: 1 },
  ],
  true,
  (address, attr) => (attr === "map_public_ip_on_launch" ? address.endsWith("[1]") : undefined),
);
const scope: EvalScope = {
  variable: (n) => ({ services: ["sqs", "kms", "logs"], region: "eu-west-1", tags: { b: "2", a: "1" } })[n] ?? new Unknown(`var.${n}`),
  local: (n) => new Unsupported(`local.${n}`),
  resource: (type, name) => (type === "aws_subnet" && name === "private" ? subnets : undefined),
  moduleOutput: (c, o) => new Unsupported(`module.${c}.${o}`),
};
const shown = (v: unknown) => (v instanceof Unknown || v instanceof Unsupported ? `${v.constructor.name}: ${v.why}` : v);

test.each([
  ["${[for s in var.services : upper(s)]}", ["SQS", "KMS", "LOGS"]],
  ['${[for s in var.services : s if s != "kms"]}', ["sqs", "logs"]],
  ["${[for i, s in var.services : i]}", [0, 1, 2]],
  [
    '${{for s in var.services : s => "com.amazonaws.${var.region}.${s}" if s != "kms"}}',
    { sqs: "com.amazonaws.eu-west-1.sqs", logs: "com.amazonaws.eu-west-1.logs" },
  ],
  // A map is iterated in lexical key order.
  ['${[for k, v in var.tags : "${k}=${v}"]}', ["a=1", "b=2"]],
  // Over a counted resource: an identity is a reference; another attribute its configured value.
  ["${[for s in aws_subnet.private : s.id]}", ["${aws_subnet.private[0].id}", "${aws_subnet.private[1].id}"]],
  [
    "${{for s in aws_subnet.private : s.id => s.map_public_ip_on_launch}}",
    { "${aws_subnet.private[0].id}": false, "${aws_subnet.private[1].id}": true },
  ],
  ["${[for a in [for s in var.services : length(s)] : a * 2]}", [6, 6, 8]],
  // The shape terraform-aws-modules' examples use for subnets; host bits of the prefix are ignored.
  ['${[for i, s in var.services : cidrsubnet("10.20.0.0/16", 8, i + 1)]}', ["10.20.1.0/24", "10.20.2.0/24", "10.20.3.0/24"]],
  ['${cidrsubnet("10.20.7.9/16", 4, 15)}', "10.20.240.0/20"],
])("%s", (text, expected) => {
  expect(shown(evaluate(text, scope))).toEqual(expected);
});

test.each([
  ["${[for s in var.missing : s]}", "Unknown: var.missing"],
  ["${{for s in var.services : length(s) => s}}", "Unsupported: a duplicate key 3 in a for expression"],
  ["${{for s in var.services : s => s...}}", "Unsupported: a for expression grouping with ..."],
  ["${[for s in var.services : s if s]}", "Unsupported: a for expression's if that is not a boolean"],
  ["${[for s in var.region : s]}", "Unsupported: a for expression over a value that is not a collection"],
  ['${cidrsubnet("10.20.0.0/16", 8, 256)}', "Unsupported: cidrsubnet(10.20.0.0/16, 8, 256), out of range"],
  ['${cidrsubnet("fd00::/56", 8, 1)}', "Unsupported: cidrsubnet() of these arguments"],
])("%s stays opaque, with why", (text, why) => {
  expect(shown(evaluate(text, scope))).toBe(why);
});
