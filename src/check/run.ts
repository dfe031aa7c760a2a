import { INPUT, referencedAddress, SourceLocation, TfModel, TfResource } from "./model";
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
  /**
   * Resource blocks whose count or for_each the reader could not evaluate, with why: one stand-in
   * carries what every instance shares, and what each instance sets apart is not checked.
   */
  readonly notExpanded: readonly string[];
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
  const parts = byVpc(model);
  const runs = parts.map((part) => runOne(part.model, profiles, part.vpc));
  const chosen = [...new Set(runs.flatMap((r) => r.profiles))];
  const order = (p: string) => Object.keys(PROFILES).indexOf(p);
  const rules = [...new Map(runs.flatMap((r) => r.rules).map((r) => [r.id, r])).values()];
  const seen = new Set<string>();
  const findings = rules.flatMap((rule) =>
    runs
      .flatMap((r) => r.findings.filter((f) => f.ruleId === rule.id))
      .filter((f) => !seen.has(JSON.stringify(f)) && seen.add(JSON.stringify(f))),
  );
  const rank = ["failed", "unverifiable", "passed", "not_applicable"];
  const outcomes = rules.map((rule) => {
    const mine = runs.flatMap((r) => r.outcomes.filter((o) => o.id === rule.id));
    const status = rank.find((st) => mine.some((o) => o.status === st)) as RuleOutcome["status"];
    return { id: rule.id, status, looked: mine.reduce((n, o) => n + o.looked, 0) };
  });
  const locations = Object.fromEntries(model.resources.filter((r) => r.location).map((r) => [r.address, r.location!]));
  return {
    source: model.source,
    profiles: [...chosen].sort((a, b) => order(a) - order(b)),
    rules,
    findings,
    outcomes,
    passed: outcomes.filter((o) => o.status === "passed").map((o) => o.id),
    notApplicable: outcomes.filter((o) => o.status === "not_applicable").map((o) => o.id),
    locations,
    files: model.files ?? [],
    notFollowed: model.notFollowed ?? [],
    notExpanded: model.resources
      .filter((r) => r.unknown?.count !== undefined)
      .map(
        (r) =>
          `${r.address}: ${r.unknown!.count}; what each instance sets apart (each.key, count.index) is not checked (check a plan to include it)`,
      ),
  };
}

/**
 * The model split per VPC when it builds more than one: each VPC with every resource that
 * references it, directly or through others (subnets, route tables, groups, endpoints, the rules
 * and associations on them), plus the resources tied to no VPC (IAM, S3). Rules and profile
 * detection then run per VPC: a NAT gateway in an egress VPC beside an MWAA VPC is not the MWAA
 * network's. A resource that references two VPCs (a peering connection) belongs to both.
 */
function byVpc(model: TfModel): { model: TfModel; vpc?: string }[] {
  const vpcs = model.resources.filter((r) => r.type === "aws_vpc").map((r) => r.address);
  if (vpcs.length < 2) return [{ model }];
  const owners = new Map<string, Set<string>>(vpcs.map((v) => [v, new Set([v])]));
  const refsOf = new Map(model.resources.map((r) => [r.address, references(r.values)]));
  for (let changed = true; changed;) {
    changed = false;
    for (const r of model.resources) {
      const mine = owners.get(r.address) ?? new Set<string>();
      const before = mine.size;
      for (const ref of refsOf.get(r.address) ?? []) for (const v of owners.get(ref) ?? []) mine.add(v);
      if (mine.size > before) {
        owners.set(r.address, mine);
        changed = true;
      }
    }
  }
  return vpcs.map((vpc) => ({
    vpc,
    model: { ...model, resources: model.resources.filter((r) => !owners.has(r.address) || owners.get(r.address)!.has(vpc)) },
  }));
}

/** The addresses a value references, at any depth. */
function references(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    for (const m of value.matchAll(/\$\{([^}]+)\}/g)) {
      const address = referencedAddress(`\${${m[1]}}`);
      if (address) out.add(address);
    }
  } else if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => references(v, out));
  return out;
}

/** Runs the rules of the given profiles (or the ones detected in this part) over one part of a model. */
function runOne(model: TfModel, profiles: readonly string[] | undefined, vpc: string | undefined) {
  const chosen = profiles && profiles.length > 0 ? profiles : detectProfiles(model);
  const rules = [...new Map(chosen.flatMap((p) => (Object.hasOwn(PROFILES, p) ? PROFILES[p] : [])).map((r) => [r.id, r])).values()];
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
    // Something missing from the whole module may be made by a module call that was not followed.
    if (model.notFollowed && model.notFollowed.length > 0)
      found = found.map((f) =>
        f.status === "fail" && f.address === "-"
          ? { ...f, status: "unverifiable", message: `${f.message}, unless a module that is not followed makes it (check a plan)` }
          : f,
      );
    // A requirement the configuration relaxed on purpose (recorded in the module): its violations
    // are reported, as warnings that say why, and do not block.
    // A key "RULE-ID address" accepts that resource's violations only; "RULE-ID" the rule's all.
    const acceptedFor = (f: Finding) => model.accepted?.[`${rule.id} ${f.address}`] ?? model.accepted?.[rule.id];
    found = found.map((f) => {
      const accepted = f.status === "fail" ? acceptedFor(f) : undefined;
      return accepted ? { ...f, severity: "warning", message: `${f.message} (accepted: ${accepted})`, accepted } : f;
    });
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
  // With several VPCs, a finding about "the module" is about this VPC's part of it.
  const placed = vpc ? findings.map((f) => (f.address === "-" ? { ...f, address: vpc } : f)) : findings;
  return { profiles: chosen, rules, findings: placed, outcomes };
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
