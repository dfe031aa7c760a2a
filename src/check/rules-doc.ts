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
