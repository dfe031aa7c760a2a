import type { SourceLocation, TfModel } from "./model";
import { detectProfiles, PROFILES } from "./profiles";
import type { Finding, Rule } from "./rule";

export interface CheckResult {
  readonly source: string;
  readonly profiles: readonly string[];
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
  /** Rule IDs with no finding at all: verified. */
  readonly passed: readonly string[];
  /** Where each resource is written, by address (for SARIF); and the files read. */
  readonly locations: Readonly<Record<string, SourceLocation>>;
  readonly files: readonly string[];
}

/** Runs the rules of the given profiles (or the detected ones) over a model. Pure. */
export function runCheck(model: TfModel, profiles?: readonly string[]): CheckResult {
  const chosen = profiles && profiles.length > 0 ? profiles : detectProfiles(model);
  const rules = [...new Map(chosen.flatMap((p) => PROFILES[p] ?? []).map((r) => [r.id, r])).values()];
  const findings = rules.flatMap((r) => r.check(model).map((f) => ({ ...f, ruleId: r.id, severity: r.severity })));
  const locations = Object.fromEntries(model.resources.filter((r) => r.location).map((r) => [r.address, r.location!]));
  return {
    source: model.source,
    profiles: chosen,
    rules,
    findings,
    passed: rules.filter((r) => !findings.some((f) => f.ruleId === r.id)).map((r) => r.id),
    locations,
    files: model.files ?? [],
  };
}

/** Findings that stop a synth or fail the CLI: violations of error rules (not the unverifiable ones). */
export function blockingFindings(result: CheckResult): Finding[] {
  return result.findings.filter((f) => f.status === "fail" && f.severity === "error");
}
