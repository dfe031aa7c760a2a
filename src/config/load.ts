import * as path from "path";
import { parse as parseYaml, parseDocument } from "yaml";
import type { z } from "zod";
import { MWAA_LOCAL_FILE_FIELDS } from "../plan/checks/mwaa";
import { planDeployment, planDeployments } from "../plan/plan-deployments";
import type { DeploymentPlan, LocalFiles } from "../plan/types";
import type { PreviousEnvironment } from "../plan/checks/mwaa";
import { AsWritten, joinPath, Problem, showPath, under } from "../problems";
import { configJsonSchema, configSchema, deploymentSchema, DeploymentsConfig } from "./schema";
import { suggest } from "../suggest";
import { fromNode, notUtf8, readRegularFile } from "../files";

/**
 * Our own bounds on what is read into memory, not AWS limits: a configuration is a few kilobytes
 * (the examples, 9 deployments, are 11.5 KB), so 10 MiB is only ever reached by a wrong file; the
 * files an MWAA environment names (requirements.txt, plugins.zip, the startup script) are copied
 * into the generated module, and 512 MiB keeps that within one Node Buffer.
 */
const CONFIG_MAX_BYTES = 10 * 1024 * 1024;
const LOCAL_FILE_MAX_BYTES = 512 * 1024 * 1024;

/** The configuration could not be read or is invalid; `problems` says why, one entry per problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
    /** The file itself could not be read (missing, a folder, no permission): exit 2, as for a missing check path. */
    readonly unreadable = false,
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    this.name = "ConfigError";
  }
}

/** A configuration the schema and every rule accept, and its deployments' resolved plans. */
export interface LoadedConfig {
  readonly config: DeploymentsConfig;
  readonly plans: readonly DeploymentPlan[];
}

/** Reads, parses, validates and plans a configuration file (.json, .yaml or .yml). Throws ConfigError. */
export function loadConfig(file: string, previous?: ReadonlyMap<string, PreviousEnvironment>): LoadedConfig {
  let text: string;
  try {
    const bytes = readRegularFile(file, CONFIG_MAX_BYTES);
    const encoding = notUtf8(bytes);
    if (encoding)
      throw new ConfigError(file, [
        {
          path: showPath(file),
          value: undefined,
          rule: `must be UTF-8 text (with or without a byte order mark); it is ${encoding}: save it as UTF-8`,
        },
      ]);
    text = bytes.toString("utf8");
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const err = fromNode(e, file);
    throw new ConfigError(
      file,
      [{ path: showPath(file), value: undefined, rule: `must be a readable file (${err.code}: ${err.message})` }],
      true,
    );
  }
  return parseConfig(text, file, previous);
}

/** Keys JavaScript objects treat as their prototype: kept they would be dropped silently, so refused. */
function prototypeKeyProblems(v: unknown, at: string): Problem[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => prototypeKeyProblems(x, `${at}[${i}]`));
  if (v === null || typeof v !== "object") return [];
  return Object.entries(v).flatMap(([k, x]) =>
    k === "__proto__"
      ? [
          {
            path: joinPath(at, k),
            value: undefined,
            rule: "is a key this tool cannot keep (JavaScript reads __proto__ as an object's prototype, so it would be dropped without a word): rename it",
          },
        ]
      : prototypeKeyProblems(x, joinPath(at, k)),
  );
}

/** Parses, validates and plans configuration text; the format follows the file name's extension. */
export function parseConfig(text: string, file: string, previous?: ReadonlyMap<string, PreviousEnvironment>): LoadedConfig {
  const ext = path.extname(file).toLowerCase();
  let raw: unknown;
  // No configuration nests this deep; deeper input would only exhaust the parsers' stack.
  if (nestingDepth(text) > MAX_DEPTH) {
    throw new ConfigError(file, [
      { path: file, value: undefined, rule: `must not nest objects and lists more than ${MAX_DEPTH} levels deep` },
    ]);
  }
  try {
    if (ext === ".json") {
      // A byte order mark is allowed (editors on Windows write one), as it is for YAML.
      const json = text.startsWith("\uFEFF") ? text.slice(1) : text;
      raw = JSON.parse(json);
      // JSON.parse keeps the last of two equal keys silently; YAML rejects them, and so does this.
      // JSON is YAML, so the YAML parser finds the repeated key and its line.
      parseYaml(json, { prettyErrors: true, uniqueKeys: true });
    } else if (ext === ".yaml" || ext === ".yml") raw = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
    else throw new ConfigError(file, [{ path: file, value: ext || "(none)", rule: "must have the extension .json, .yaml or .yml" }]);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    // YAML's pretty errors end their first line with "at line L, column C:"; the rest is an excerpt.
    let reason =
      ext === ".json"
        ? jsonReason((e as Error).message, text.replace(/^\uFEFF/, ""))
        : (e as Error).message.split("\n")[0].replace(/:$/, "");
    // An alias bomb (aliases of aliases): the YAML library stops it at its alias limit; say so in words.
    if (/^Excessive alias count/.test(reason))
      reason =
        "its aliases (*name) expand beyond the YAML library's limit of 100 uses, which guards against alias bombs: write the repeated parts out";
    // A repeated key: say which (the YAML library gives its line and column only).
    const dup = /^Map keys must be unique at line (\d+), column (\d+)/.exec(reason);
    if (dup) {
      const line = text.replace(/^\uFEFF/, "").split("\n")[Number(dup[1]) - 1] ?? "";
      const at = /^\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^:\n]*?))\s*:/.exec(line.slice(Number(dup[2]) - 1));
      const key = at?.[1] ?? at?.[2]?.replace(/''/g, "'") ?? at?.[3];
      reason = `${key !== undefined ? `the key ${JSON.stringify(key).slice(0, 80)} is given twice in one object` : "a key is given twice in one object"}, at line ${dup[1]}, column ${dup[2]}`;
    }
    // The YAML library's advice is for programmers ("use parseAllDocuments()"): say what to change.
    const multi = /multiple documents.* at line (\d+)/.exec(reason);
    if (multi) reason = `one document only: a second one starts at line ${multi[1]}, after ---`;
    throw new ConfigError(file, [{ path: file, value: undefined, rule: `must be valid ${ext === ".json" ? "JSON" : "YAML"} (${reason})` }]);
  }

  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === ""))
    throw new ConfigError(file, [
      {
        path: showPath(file),
        value: undefined,
        rule: "is empty: it must hold an object with a deployments list (see docs/configuration.md)",
      },
    ]);
  if (typeof raw !== "object" || Array.isArray(raw))
    throw new ConfigError(file, [
      {
        path: showPath(file),
        value: Array.isArray(raw) ? "(a list)" : raw,
        rule: "must hold an object with a deployments list at its top (deployments: [...]), not a list or a single value (see docs/configuration.md)",
      },
    ]);
  const protoKeys = prototypeKeyProblems(raw, "");
  if (protoKeys.length > 0) throw new ConfigError(file, protoKeys);
  const files = readLocalFiles(raw, path.dirname(file));
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) {
    const result = planDeployments(parsed.data, files, previous);
    if (result.problems) throw new ConfigError(file, result.problems);
    return { config: parsed.data, plans: result.plans };
  }
  // The schema's problems, and with them the rules of every deployment the schema accepts on its
  // own: a user sees every problem of the file in one run, not one stage at a time.
  const problems = oneMessagePerTypo(parsed.error.issues.flatMap((i) => issueToProblems(i, raw, (at) => sourceText(text, ext, at))));
  const deployments = (raw as { deployments?: unknown } | null)?.deployments;
  if (Array.isArray(deployments)) {
    deployments.forEach((d, i) => {
      const failed = new Set(
        parsed.error.issues.filter((x) => x.path[0] === "deployments" && x.path[1] === i).map((x) => String(x.path[2] ?? "")),
      );
      problems.push(...under(`deployments[${i}]`, plannerProblemsBeside(d, failed, files)));
    });
  }
  throw new ConfigError(file, problems);
}

/**
 * V8's JSON.parse messages in words a user acts on: a position becomes a line and column, and the
 * excerpt V8 quotes without saying so (`Unexpected token 'x', "{"a": x}" is not valid JSON`) is
 * labelled as the file's text near the mistake.
 */
function jsonReason(reason: string, text: string): string {
  const position = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(reason);
  if (position) {
    const before = text.slice(0, Number(position[1])).split("\n");
    return `${reason.slice(0, position.index)} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
  }
  const excerpt = /^Unexpected token (.+), ((?:\.\.\.)?".*"(?:\.\.\.)?) is not valid JSON$/s.exec(reason);
  if (excerpt) return `unexpected ${excerpt[1]}; the file's text near it: ${excerpt[2].replace(/\r?\n/g, "\\n")}`;
  return reason.split("\n")[0];
}

/**
 * Features whose checks read each other (a connection names a consumed configuration, a state
 * machine a connection): when the schema rejects one, the planner's findings on the others may
 * only be consequences, so none of the group is reported until the next run.
 */
const FEATURE_GROUPS: readonly (readonly string[])[] = [
  ["mwaa"],
  ["endpoints"],
  ["apprunner"],
  ["lattice", "eventBridge", "stepFunctions"],
  ["tags"],
  ["backend"],
];

/**
 * The planner's problems of a deployment the schema rejected, for the parts it accepted: the
 * rejected features are set aside and the planner runs on the rest, so a mistake in one feature
 * does not hide the mistakes of another. When what everything depends on is rejected (name,
 * Region, account, network) nothing more can be said of the deployment.
 */
function plannerProblemsBeside(deployment: unknown, failedKeys: ReadonlySet<string>, files: LocalFiles): Problem[] {
  if (deployment === null || typeof deployment !== "object" || Array.isArray(deployment)) return [];
  const setAside = new Set(FEATURE_GROUPS.filter((g) => g.some((k) => failedKeys.has(k))).flat());
  if ([...failedKeys].some((k) => !setAside.has(k))) return [];
  const rest = Object.fromEntries(Object.entries(deployment).filter(([k]) => !setAside.has(k)));
  const one = deploymentSchema.safeParse(rest);
  if (!one.success) return [];
  const result = planDeployment(one.data, files);
  if (!("problems" in result)) return [];
  // A problem of the deployment as a whole may come from a feature set aside: only problems of a kept part are sure.
  return result.problems.filter((p) => {
    const first = /^[A-Za-z]+/.exec(p.path)?.[0];
    return first !== undefined && Object.hasOwn(rest, first);
  });
}

/**
 * The keys the configuration schema allows in the object at `at` (the path of an unknown key's
 * parent): what a misspelt key is compared with, so `network.vpcCidr` is not offered `vpcId`.
 */
function knownKeys(at: readonly PropertyKey[]): string[] {
  type Node = Record<string, unknown>;
  const alternatives = (n: Node): Node[] => [
    n,
    ...(["anyOf", "oneOf", "allOf"] as const).flatMap((k) => ((n[k] ?? []) as Node[]).flatMap(alternatives)),
  ];
  let nodes: Node[] = [configJsonSchema() as Node];
  for (const segment of at) {
    nodes = nodes
      .flatMap(alternatives)
      .map((n) => (typeof segment === "number" ? n.items : (n.properties as Record<string, unknown> | undefined)?.[String(segment)]))
      .filter((n): n is Node => n !== null && typeof n === "object");
  }
  return [...new Set(nodes.flatMap(alternatives).flatMap((n) => Object.keys((n.properties ?? {}) as object)))].filter(
    (k) => k !== "$schema",
  );
}

/**
 * A scalar's text as the file has it (YAML only): `012345678901` rather than the number 12345678901
 * it parses to. Undefined when the file is JSON or the node has no plain source.
 */
function sourceText(text: string, ext: string, at: readonly PropertyKey[]): string | undefined {
  if (ext === ".json") return undefined;
  const node = parseDocument(text).getIn(at as (string | number)[], true) as { range?: [number, number, number] } | undefined;
  return node?.range ? text.slice(node.range[0], node.range[1]) : undefined;
}

/**
 * A mistyped key is one mistake, not two: the unknown key whose suggestion is a required key
 * reported missing beside it takes that message over ("did you mean region? it is required"), and
 * the separate "is required" is dropped.
 */
function oneMessagePerTypo(problems: Problem[]): Problem[] {
  const required = new Set(problems.filter((p) => p.rule === "is required").map((p) => p.path));
  const covered = new Set<string>();
  const merged = problems.map((p) => {
    const meant = /^is not a known key \(did you mean ([^?]+)\?\)/.exec(p.rule)?.[1];
    const parent = p.path.slice(0, Math.max(0, p.path.lastIndexOf(".")));
    const target = meant === undefined ? undefined : joinPath(parent, meant);
    if (target === undefined || !required.has(target)) return p;
    covered.add(target);
    return { ...p, rule: p.rule.replace(`(did you mean ${meant}?)`, `(did you mean ${meant}? it is required, and missing)`) };
  });
  return merged.filter((p) => !(p.rule === "is required" && covered.has(p.path)));
}

function issueToProblems(issue: z.core.$ZodIssue, raw: unknown, source: (at: readonly PropertyKey[]) => string | undefined): Problem[] {
  const at = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) =>
      SECRET_KEY_RE.test(key)
        ? // Not echoed: a secret written into the configuration is exactly what must not spread further.
          {
            path: joinPath(at, key),
            value: "(hidden)",
            rule: "must not be in the configuration: secret values come from sensitive Terraform variables (see the generated README's inputs), never from files",
          }
        : {
            path: joinPath(at, key),
            value: valueAt(raw, [...issue.path, key]),
            rule: `is not a known key${suggest(key, knownKeys(issue.path))} (see docs/configuration.md)`,
          },
    );
  }
  if (issue.code === "invalid_key") {
    // A map key that breaks its rule (a tag key): the key is the value, the inner issue the rule.
    return [{ path: at, value: issue.path[issue.path.length - 1], rule: issue.issues[0]?.message ?? "is not an allowed key" }];
  }
  const value = valueAt(raw, issue.path);
  if (value === undefined) return [{ path: at, value, rule: "is required" }];
  if (issue.code === "invalid_type") {
    // YAML reads an unquoted 012345678901 (an account ID, a tag) as a number and drops the zero:
    // show it as written and say how to keep it.
    const written = typeof value === "number" && issue.expected === "string" ? source(issue.path) : undefined;
    if (written !== undefined && written !== String(value))
      return [{ path: at, value: new AsWritten(written), rule: `must be a string: quote it ("${written}") to keep it as written` }];
    if (typeof value === "number" && issue.expected === "string")
      return [{ path: at, value, rule: `must be a string: quote it ("${value}")` }];
    return [{ path: at, value, rule: `must be ${article(issue.expected)}` }];
  }
  return [{ path: at, value, rule: issue.message }];
}

/** Keys that would carry a secret value (password, clientSecret, apiKeyValue, token, …). */
const SECRET_KEY_RE = /(password|passwd|secret|token|credential|^value$|apikeyvalue|privatekey)/i;

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : joinPath(acc, String(k))), "");
}

function valueAt(raw: unknown, p: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of p) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

const MAX_DEPTH = 64;

/** How deep brackets nest in JSON or YAML flow text (brackets inside double-quoted strings do not count). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return max;
}

/**
 * The local files the configuration names (an MWAA environment's requirementsFile, pluginsFile,
 * startupScriptFile), read relative to the configuration file's folder: the planner stays free
 * of I/O and reports a file that cannot be read as a problem of its field.
 */
function readLocalFiles(raw: unknown, baseDir: string): LocalFiles {
  const files = new Map<string, Buffer | { problem: string }>();
  const deployments = (raw as { deployments?: unknown } | null)?.deployments;
  if (!Array.isArray(deployments)) return files;
  for (const d of deployments) {
    const env = (d as { mwaa?: { environment?: Record<string, unknown> } } | null)?.mwaa?.environment;
    for (const field of MWAA_LOCAL_FILE_FIELDS) {
      const local = env?.[field];
      if (typeof local !== "string" || files.has(local)) continue;
      try {
        files.set(local, readRegularFile(path.resolve(baseDir, local), LOCAL_FILE_MAX_BYTES));
      } catch (e) {
        const err = fromNode(e, local);
        files.set(local, {
          problem:
            err.code === "EISDIR"
              ? "must name a file, not a folder"
              : `cannot be read (${err.code}: ${err.message}) relative to the configuration file's folder`,
        });
      }
    }
  }
  return files;
}
