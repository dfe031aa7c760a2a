/**
 * One problem with an input: which field, the value found there, and the rule it breaks. Every
 * user-facing validation error in the project is a list of these, so messages read alike:
 *   `deployments[0].network.availabilityZones` must name 2 different AZs, got: ["us-east-1a","us-east-1a"]
 */
export interface Problem {
  /** Field path, e.g. `deployments[0].network.cidrBlock`. */
  readonly path: string;
  readonly value: unknown;
  /** The rule, phrased to follow the field name: "must be …". */
  readonly rule: string;
}

export function formatProblem(p: Problem): string {
  return `\`${p.path}\` ${p.rule}, got: ${showValue(p.value)}`;
}

/** How every entry point prints a warning (plan advice, endpoint prices). */
export function formatWarning(w: { readonly deployment: string; readonly path: string; readonly message: string }): string {
  return `warning: ${w.deployment}: ${w.message}`;
}

/** A value shown exactly as the file has it (a number YAML would otherwise show parsed: `012345678901`). */
export class AsWritten {
  constructor(readonly text: string) {}
}

export function showValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v instanceof AsWritten) return v.text.length > 100 ? `${v.text.slice(0, 97)}...` : v.text;
  const s = JSON.stringify(v);
  // Bounded: a huge value (a pasted file) is named, not echoed whole.
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

/**
 * A word of the command line (a flag, a path, a name) as the user typed it, for a message: cut at
 * 100 characters, and quoted with its control characters escaped when it has any, so that a
 * pasted escape sequence is never sent raw to the terminal.
 */
export function showArg(a: string): string {
  const control = [...a].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));
  const shown = control ? JSON.stringify(a) : a;
  return shown.length > 100 ? `${shown.slice(0, 97)}...` : shown;
}

/** Prefixes relative problem paths: ("deployments[0].network", {path:"cidrBlock"}) -> "deployments[0].network.cidrBlock". */
export function under(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: joinPath(prefix, p.path) }));
}

export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** Thrown by constructs and the configuration loader; `message` lists every problem, one a line. */
export class ValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ValidationError";
  }
}

/** Throws a ValidationError when there is any problem. */
export function assertNoProblems(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ValidationError(problems);
}

/** Items whose key an earlier item already has: index → the first index with that key. */
export function repeatedKeys<T>(items: readonly T[], key: (item: T) => string): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const f = first.get(k);
    if (f === undefined) first.set(k, i);
    else repeats.set(i, f);
  });
  return repeats;
}
