import * as path from "path";
import type { CheckResult } from "./run";
import { ALL_RULES, noWorkload, PROFILES } from "./profiles";
import { terminalSafe } from "../problems";
import { redactCredentials } from "../aws/credential-shapes";

/** One line per finding, then a count per source. */
/** Finding lines printed per module in the table. */
export const MAX_TABLE_ROWS = 50;

export function tableReport(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    // Sources, addresses and messages carry the input's text (a resource name, a path): escaped for the terminal.
    lines.push(`${terminalSafe(r.source, 1000)}  [${r.profiles.join(", ")}]`);
    if (noWorkload(r.profiles))
      lines.push(
        `  no workload detected (no MWAA, App Runner, interface endpoint or VPC Lattice resource): only the security and AWS value rules ran; name one with --profile ${Object.keys(
          PROFILES,
        )
          .filter((p) => p !== "security")
          .join("|")}`,
      );
    const rows = [
      ...r.findings.map(
        (f) =>
          `  ${f.status === "fail" ? (f.severity === "error" ? "FAIL " : "WARN ") : "CANNOT VERIFY"}  ${f.ruleId.padEnd(9)} ${terminalSafe(redactCredentials(f.address))}: ${terminalSafe(redactCredentials(f.message), 4000)}`,
      ),
      ...r.notFollowed.map((n) => `  NOT FOLLOWED  ${terminalSafe(n, 1000)}`),
      ...r.notExpanded.map((n) => `  NOT EXPANDED  ${terminalSafe(n, 1000)}`),
    ];
    // Bounded, as synth's problems are: a plan of thousands of failing resources is summed up, and
    // the machine formats, which CI reads, keep every finding.
    lines.push(...rows.slice(0, MAX_TABLE_ROWS));
    const rest = rows.length - MAX_TABLE_ROWS;
    if (rest > 0) lines.push(`  … and ${rest} more line${rest === 1 ? "" : "s"} like these: --format json or sarif lists every one`);
    const count = (status: string) => r.outcomes.filter((o) => o.status === status).length;
    const na = r.outcomes.filter((o) => o.status === "not_applicable").map((o) => o.id);
    // A failed rule whose every violation the module accepts (warnings) does not block: counted apart.
    const accepted = r.outcomes.filter(
      (o) => o.status === "failed" && r.findings.every((f) => f.ruleId !== o.id || f.status !== "fail" || f.accepted !== undefined),
    ).length;
    lines.push(
      `  ${r.rules.length} rules: ${count("passed")} passed, ${count("failed") - accepted} failed, ${accepted > 0 ? `${accepted} accepted as deviations, ` : ""}${count("unverifiable")} could not be verified, ${na.length} not applicable${na.length > 0 ? ` (nothing to check: ${na.join(", ")})` : ""}`,
    );
  }
  return lines;
}

export function jsonReport(results: readonly CheckResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      source: r.source,
      profiles: r.profiles,
      workloadDetected: !noWorkload(r.profiles),
      rules: r.outcomes,
      passed: r.passed,
      notApplicable: r.notApplicable,
      notFollowed: r.notFollowed,
      notExpanded: r.notExpanded,
      findings: r.findings,
    })),
    null,
    2,
  );
}

/** SARIF 2.1.0, for GitHub code scanning and other CI tools. */
export function sarifReport(results: readonly CheckResult[]): string {
  return JSON.stringify(
    {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "private-routing",
              informationUri: "https://github.com/",
              rules: ALL_RULES.map((rule) => ({
                id: rule.id,
                shortDescription: { text: rule.summary },
                fullDescription: { text: rule.explanation },
                help: { text: rule.fix },
                defaultConfiguration: { level: rule.severity },
              })),
            },
          },
          results: results.flatMap((r) => [
            ...r.findings.map((f) => ({
              ruleId: f.ruleId,
              level: f.status === "unverifiable" ? "note" : f.severity,
              message: { text: `${f.address}: ${f.message}${f.status === "unverifiable" ? " (could not be verified)" : ""}` },
              locations: [{ physicalLocation: physicalLocation(r, f.address), logicalLocations: [{ fullyQualifiedName: f.address }] }],
            })),
            // SARIF's own kind for a rule with nothing to check (§3.27.9): level none, never a pass.
            ...r.notApplicable.map((id) => ({
              ruleId: id,
              kind: "notApplicable",
              level: "none",
              message: { text: `${r.source}: nothing to check` },
              locations: [{ physicalLocation: physicalLocation(r, "-") }],
            })),
          ]),
        },
      ],
    },
    null,
    2,
  );
}

/**
 * Where code scanning should annotate a finding: the resource's file and line, or for a finding
 * about the whole module (`-`, `provider.aws`) its first file; the folder only when no file is known.
 */
function physicalLocation(r: CheckResult, address: string): Record<string, unknown> {
  const uri = (file: string) => file.split(path.sep).join("/");
  const at = r.locations[address];
  if (at) return { artifactLocation: { uri: uri(at.file) }, region: { startLine: at.line } };
  return { artifactLocation: { uri: uri(r.files[0] ?? r.source) } };
}
