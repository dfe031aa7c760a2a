import type { TfModel } from "./model";

export type Severity = "error" | "warning";

/** What a rule found: a violation, or a requirement it could not verify from the configuration. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** `fail`: the configuration breaks the requirement. `unverifiable`: it cannot be decided offline (never counted as a pass). */
  readonly status: "fail" | "unverifiable";
  /** The resource the finding is about (`aws_vpc_endpoint.mwaa_kms`), or the module (`-`). */
  readonly address: string;
  readonly message: string;
  /** Why the module accepts this violation (its recorded deviation): then a warning that does not block. */
  readonly accepted?: string;
}

/** One rule: one requirement of docs/requirements.md, or a security rule of our own. */
export interface Rule {
  /** The requirement ID (`MWAA-P5`) or `SEC-…` for our own rules. */
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  /** Why, citing the AWS requirement. */
  readonly explanation: string;
  readonly fix: string;
  /**
   * True when the rule itself decides on arguments set from input variables (SEC-2 passes a secret
   * that is `${var.x}`): such an argument is then a value to it, not "cannot verify".
   */
  readonly judgesInputs?: boolean;
  /** A pure function over the model. */
  readonly check: (model: TfModel) => Omit<Finding, "ruleId" | "severity">[];
}
