import { IAM_QUOTAS_SOURCE, IAM_ROLE_INLINE_POLICY_MAX, VALUE_FIELDS, VALUE_RULES } from "../aws/value-rules";
import { ALL_RULES, PROFILES } from "./profiles";

/** docs/rules.md: the rules reference, generated from the rule definitions (`npm run rules-doc`). */
export function rulesReference(): string {
  const lines = [
    "# Compliance checker rules",
    "",
    "Generated from the rule definitions in `src/check/rules/` by `npm run rules-doc`; a test keeps it current.",
    "",
    "| Profile | Rules |",
    "|---|---|",
    ...Object.entries(PROFILES).map(([p, rules]) => `| \`${p}\` | ${rules.map((r) => `\`${r.id}\``).join(", ")} |`),
    "",
  ];
  for (const r of ALL_RULES) {
    lines.push(`## ${r.id}`, "", `**${r.summary}** (severity: ${r.severity})`, "", r.explanation, "", `Fix: ${r.fix}`, "");
  }
  return lines.join("\n");
}

/** docs/value-rules.md: AWS's value rules (src/aws/value-rules.ts) with their sources (`npm run rules-doc`). */
export function valueRulesReference(): string {
  const lines = [
    "# AWS value rules",
    "",
    "Generated from `src/aws/value-rules.ts` by `npm run rules-doc`; a test keeps it current.",
    "",
    "What AWS accepts in each field the generator fills from its own text or from the configuration. The",
    "hashicorp/aws provider 5.100.0 checks few of these, so `terraform validate` and `plan` pass and `apply`",
    "fails. The same table checks the configuration (a synth refuses a value outside it, naming",
    "the field), repairs the generator's own descriptions, and drives the checker rule `VAL-1` on any",
    "Terraform. Each rule names the AWS page it comes from and the day it was read.",
    "",
    "| Rule | Field | Rule as checked | Terraform attributes | Source (read) |",
    "|---|---|---|---|---|",
  ];
  for (const r of Object.values(VALUE_RULES)) {
    const fields = VALUE_FIELDS.filter((f) => f.rule === r.id).map((f) => `\`${f.type === "*" ? "any resource" : f.type}.${f.path}\``);
    if (r.id === "tag.key" || r.id === "tag.value") fields.push("`provider.aws.default_tags`");
    const extra = r.extra ? "; further rules in the code (reserved prefixes and shapes)" : "";
    lines.push(
      `| \`${r.id}\` | ${r.field} | ${r.rule.replace(/\|/g, "\\|")}${extra} | ${fields.join(", ")} | [${r.source.document}](${r.source.url}) (${r.source.read}) |`,
    );
  }
  lines.push(
    "",
    `Beyond single fields: a role's inline policies together hold at most ${IAM_ROLE_INLINE_POLICY_MAX.toLocaleString("en-US")} characters, white space not counted ([${IAM_QUOTAS_SOURCE.document}](${IAM_QUOTAS_SOURCE.url}), ${IAM_QUOTAS_SOURCE.read}).`,
    "",
    "Where the sources are silent: the AWS RAM API reference gives resource share names no length or character",
    "rule, so only an empty name is refused. Tag characters follow the strictest common set (IAM's),",
    "because the provider's `default_tags` reach IAM, S3, VPC Lattice and EventBridge resources, not only",
    "EC2 (which accepts any character).",
    "",
  );
  return lines.join("\n");
}
