import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { checkMwaaNetworkProps } from "../constructs/mwaa-network";
import { checkSubnetLayout, planPrivateSubnets } from "../net/private-subnets";
import { joinPath, Problem, under } from "../problems";
import { configSchema, DeploymentsConfig } from "./schema";

/** The configuration could not be read or is invalid; `problems` says why, one entry per problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    this.name = "ConfigError";
  }
}

/** Reads, parses and validates a configuration file (.json, .yaml or .yml). Throws ConfigError. */
export function loadConfig(file: string): DeploymentsConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, [{ path: file, value: undefined, rule: `must be a readable file (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  return parseConfig(text, file);
}

/** Parses and validates configuration text; the format follows the file name's extension. */
export function parseConfig(text: string, file: string): DeploymentsConfig {
  const ext = path.extname(file).toLowerCase();
  let raw: unknown;
  try {
    if (ext === ".json") raw = JSON.parse(text);
    else if (ext === ".yaml" || ext === ".yml") raw = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
    else throw new ConfigError(file, [{ path: file, value: ext || "(none)", rule: "must have the extension .json, .yaml or .yml" }]);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    // YAML's pretty errors end their first line with "at line L, column C:"; the rest is an excerpt.
    const reason = (e as Error).message.split("\n")[0].replace(/:$/, "");
    throw new ConfigError(file, [{ path: file, value: undefined, rule: `must be valid ${ext === ".json" ? "JSON" : "YAML"} (${reason})` }]);
  }

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.flatMap((i) => issueToProblems(i, raw)));

  const problems = checkConfig(parsed.data);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return parsed.data;
}

/** Rules the schema cannot express: CIDR arithmetic, AZs of the Region, uniqueness, endpoint names. */
export function checkConfig(config: DeploymentsConfig): Problem[] {
  const problems: Problem[] = [];
  const firstByName = new Map<string, number>();
  config.deployments.forEach((d, i) => {
    const at = `deployments[${i}]`;
    const first = firstByName.get(d.name);
    if (first !== undefined) {
      problems.push({ path: `${at}.name`, value: d.name, rule: `must be unique; deployments[${first}] has the same name` });
    } else {
      firstByName.set(d.name, i);
    }

    const layout = { region: d.region, ...d.network };
    const layoutProblems = checkSubnetLayout(layout);
    problems.push(...under(`${at}.network`, layoutProblems));

    if (d.mwaa) {
      // Subnet checks were reported under network above; the MWAA checks need a valid layout.
      const privateSubnets = layoutProblems.length === 0 ? planPrivateSubnets(layout).map((s) => ({ availabilityZone: s.availabilityZone, subnetId: "" })) : [];
      const mwaaProblems = checkMwaaNetworkProps({ ...d.mwaa, network: { region: d.region, privateSubnets } }).filter((p) => !p.path.startsWith("network."));
      problems.push(...under(`${at}.mwaa`, mwaaProblems));
    }

    const statePath = d.backend.path;
    if (statePath === "" || path.isAbsolute(statePath) || /^[a-zA-Z]:/.test(statePath) || statePath.split(/[\\/]/).includes("..")) {
      problems.push({ path: `${at}.backend.path`, value: statePath, rule: "must be a relative path inside the stack's folder (no leading /, no ..)" });
    }
  });
  return problems;
}

function issueToProblems(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const at = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: joinPath(at, key),
      value: valueAt(raw, [...issue.path, key]),
      rule: "is not a known key (see schema/private-routing.schema.json)",
    }));
  }
  const value = valueAt(raw, issue.path);
  if (issue.code === "invalid_type") {
    return [{ path: at, value, rule: value === undefined ? "is required" : `must be ${article(issue.expected)}` }];
  }
  return [{ path: at, value, rule: issue.message }];
}

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
