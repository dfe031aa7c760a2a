import { INPUT, SourceLocation, TfModel, TfResource } from "./model";
import { detectProfiles, PROFILES } from "./profiles";
import type { Finding, Rule } from "./rule";

/** What became of one rule on one input. */
export interface RuleOutcome {
  readonly id: string;
  /**
   * `passed`: it looked at something and found nothing wrong. `failed`: a violation. `unverifiable`:
   * only findings it could not decide (a value known after apply, a subnet defined elsewhere).
   * `not_applicable`: nothing it reads is in the input; never counted as passed.
   */
  readonly status: "passed" | "failed" | "unverifiable" | "not_applicable";
  /** How many resources it read an argument of. */
  readonly looked: number;
}

export interface CheckResult {
  readonly source: string;
  readonly profiles: readonly string[];
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
  readonly outcomes: readonly RuleOutcome[];
  /** Rule IDs that looked at something and found nothing: verified. */
  readonly passed: readonly string[];
  /** Rule IDs with nothing to look at in this input. */
  readonly notApplicable: readonly string[];
  /** Where each resource is written, by address (for SARIF); and the files read. */
  readonly locations: Readonly<Record<string, SourceLocation>>;
  readonly files: readonly string[];
  /** Module calls the reader did not follow (registry or git sources), with why. */
  readonly notFollowed: readonly string[];
}

/**
 * Runs the rules of the given profiles (or the detected ones) over a model. Pure.
 *
 * Each rule runs on a view of the model that records which resources' arguments it reads. That
 * record decides two things the rule itself does not have to know about:
 * - a rule that read no argument of any resource, and found nothing, had nothing to check: not applicable;
 * - a rule that read an argument whose value cannot be known here (`TfResource.unknown`) cannot
 *   pass or fail on it: its violations become "cannot verify", and so does its silence.
 */
export function runCheck(model: TfModel, profiles?: readonly string[]): CheckResult {
  const chosen = profiles && profiles.length > 0 ? profiles : detectProfiles(model);
  const rules = [...new Map(chosen.flatMap((p) => PROFILES[p] ?? []).map((r) => [r.id, r])).values()];
  const findings: Finding[] = [];
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    const view = tracked(model, rule.judgesInputs === true);
    let found: Finding[] = rule.check(view.model).map((f) => ({ ...f, ruleId: rule.id, severity: rule.severity }));
    if (view.unknownRead.size > 0) {
      const reads = [...view.unknownRead.entries()]
        .slice(0, 3)
        .map(([at, why]) => `${at} is ${why}`)
        .join("; ");
      const more = view.unknownRead.size > 3 ? ` (and ${view.unknownRead.size - 3} more)` : "";
      // A plan knows inputs, data sources and what this reader does not evaluate; not what only an apply knows.
      const planWouldKnow = [...view.unknownRead.values()].some((why) => !why.startsWith("known only after apply"));
      const advice = model.format !== "plan" && planWouldKnow ? "; check a plan (terraform show -json) instead" : "";
      found = found.map((f) =>
        f.status === "fail" ? { ...f, status: "unverifiable", message: `${f.message} (cannot verify: ${reads}${more})` } : f,
      );
      if (found.length === 0)
        found.push({
          ruleId: rule.id,
          severity: rule.severity,
          status: "unverifiable",
          address: "-",
          message: `cannot verify: ${reads}${more}${advice}`,
        });
    }
    findings.push(...found);
    const status: RuleOutcome["status"] = found.some((f) => f.status === "fail")
      ? "failed"
      : found.length > 0
        ? "unverifiable"
        : view.looked.size === 0
          ? "not_applicable"
          : "passed";
    outcomes.push({ id: rule.id, status, looked: view.looked.size });
  }
  const locations = Object.fromEntries(model.resources.filter((r) => r.location).map((r) => [r.address, r.location!]));
  return {
    source: model.source,
    profiles: chosen,
    rules,
    findings,
    outcomes,
    passed: outcomes.filter((o) => o.status === "passed").map((o) => o.id),
    notApplicable: outcomes.filter((o) => o.status === "not_applicable").map((o) => o.id),
    locations,
    files: model.files ?? [],
    notFollowed: model.notFollowed ?? [],
  };
}

/** The model with each resource's arguments watched: which resources were read, and which unknown arguments. */
function tracked(model: TfModel, inputsAreValues: boolean): { model: TfModel; looked: Set<string>; unknownRead: Map<string, string> } {
  const looked = new Set<string>();
  const unknownRead = new Map<string, string>();
  const watch = (r: TfResource, key: string | symbol) => {
    if (typeof key !== "string") return;
    looked.add(r.address);
    const why = r.unknown?.[key];
    // An argument set from an input variable is a value to a rule that judges inputs (SEC-2 wants secrets to be inputs).
    if (why && !(inputsAreValues && why.startsWith(INPUT))) unknownRead.set(`${r.address}.${key}`, why);
  };
  const resources = model.resources.map((r) => ({
    ...r,
    values: new Proxy(r.values, {
      get: (target, key) => (watch(r, key), Reflect.get(target, key)),
      has: (target, key) => (watch(r, key), Reflect.has(target, key)),
    }),
  }));
  return { model: { ...model, resources }, looked, unknownRead };
}

/** Findings that stop a synth or fail the CLI: violations of error rules (not the unverifiable ones). */
export function blockingFindings(result: CheckResult): Finding[] {
  return result.findings.filter((f) => f.status === "fail" && f.severity === "error");
}
