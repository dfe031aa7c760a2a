import { credentialIn, redactCredentials } from "./aws/credential-shapes";

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
  // A field that is missing has no value to show: "is required", not "is required, got: nothing".
  const got = p.value === undefined ? "" : `, got: ${showValue(p.value)}`;
  return `\`${terminalSafe(redactCredentials(p.path))}\` ${terminalSafe(redactCredentials(p.rule), 4000)}${got}`;
}

/** How every entry point prints a warning (plan advice, endpoint prices). */
export function formatWarning(w: { readonly deployment: string; readonly path: string; readonly message: string }): string {
  return `warning: ${terminalSafe(w.deployment)}: ${terminalSafe(redactCredentials(w.message), 4000)}`;
}

/**
 * Whether a character must not reach a terminal raw: C0 and C1 controls and DEL (escape
 * sequences retitle or repaint it), the bidirectional marks and overrides (U+202E shows text
 * reversed: a path or address that reads as another), line separators and invisible characters.
 */
function unsafeForTerminal(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) || // zero-width space, joiners, LRM/RLM
    (code >= 0x2028 && code <= 0x202e) || // line and paragraph separators, bidi embeddings and overrides
    code === 0x2060 ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/**
 * Text from the input (a key, a path, a value, a resource address) made safe to print: every
 * character unsafeForTerminal written as `\uXXXX`, and the whole cut at `max` characters, so a
 * pasted escape sequence is never sent raw and a 5 MB key is not echoed whole.
 */
export function terminalSafe(text: string, max = 200): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    const piece = unsafeForTerminal(code) ? `\\u${code.toString(16).padStart(4, "0")}` : c;
    // Cut between characters and escapes, never inside one (half an escape or a surrogate pair).
    if (out.length + piece.length > max - 3) return `${out}...`;
    out += piece;
  }
  return out;
}

/** A value shown exactly as the file has it (a number YAML would otherwise show parsed: `012345678901`). */
export class AsWritten {
  constructor(readonly text: string) {}
}

export function showValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v instanceof AsWritten) return terminalSafe(v.text, 100);
  // A value carrying a credential is never echoed, whichever rule it broke: its kind and length only.
  const credential = typeof v === "string" ? credentialIn(v) : undefined;
  if (credential) return `(hidden: ${credential}, ${[...(v as string)].length} characters)`;
  // Bounded: a huge value (a pasted file) is named, not echoed whole.
  return terminalSafe(redactCredentials(JSON.stringify(v) ?? String(v)), 100);
}

/**
 * A word of the command line (a flag, a path, a name) as the user typed it, for a message: cut at
 * 100 characters, and quoted with its control characters escaped when it has any, so that a
 * pasted escape sequence is never sent raw to the terminal.
 */
export function showArg(a: string, max = 100): string {
  const unsafe = [...a].some((c) => unsafeForTerminal(c.codePointAt(0)!));
  return terminalSafe(unsafe ? JSON.stringify(a) : a, max);
}

/**
 * A file or folder path for a message: escaped as showArg does, but cut only past 4096 characters
 * (Linux's PATH_MAX), since a path cut short names no file the user can open. CI's temporary
 * folders gave paths past 100 characters, and a cut journal path told the user nothing.
 */
export function showPath(p: string): string {
  return showArg(p, 4096);
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
