import * as fs from "fs";
import * as path from "path";
import { PROVIDED_BY_VPC_OUTPUT } from "../outputs";

/** One resource of a Terraform configuration, whatever format it was read from. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** `aws_vpc.network` */
  readonly address: string;
  /** Arguments as Terraform JSON writes them; references are `${type.name.attr}` strings. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Where the resource is written (file as given, 1-based line), for SARIF and editors; absent when not found. */
  readonly location?: SourceLocation;
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** A root module, read from Terraform JSON or HCL, for the checker's rules. */
export interface TfModel {
  readonly source: string;
  readonly format: "json" | "hcl" | "plan";
  readonly resources: readonly TfResource[];
  /** Profiles recorded by private-routing under `//.private_routing.profiles`, if any. */
  readonly profiles?: readonly string[];
  /** Endpoint services the VPC already has, from the output `provided_by_vpc_endpoints` private-routing writes: present though not in this code. */
  readonly providedByVpc?: readonly string[];
  readonly region?: string;
  /** The aws provider's `default_tags.tags`, when written as a literal map. */
  readonly defaultTags?: Readonly<Record<string, unknown>>;
  /** The files read, in order (for findings that concern the whole module). */
  readonly files?: readonly string[];
}

/** Thrown for input the checker cannot read (exit code 2). */
export class CheckInputError extends Error {}

/**
 * A model from one Terraform JSON document (`*.tf.json`, or cdktf's `cdk.tf.json`). hcl2json's
 * output has the same shape except that every body is wrapped in a list; both are accepted.
 */
export function modelFromTerraformJson(docs: readonly Record<string, unknown>[], source: string, format: "json" | "hcl"): TfModel {
  const resources: TfResource[] = [];
  let profiles: string[] | undefined;
  let providedByVpc: string[] | undefined;
  let region: string | undefined;
  let defaultTags: Record<string, unknown> | undefined;
  for (const doc of docs) {
    const meta = (doc["//"] as { private_routing?: { profiles?: string[] } } | undefined)?.private_routing;
    if (meta?.profiles) profiles = meta.profiles;
    const provided = block((doc.output as Record<string, unknown> | undefined)?.[PROVIDED_BY_VPC_OUTPUT])?.value;
    if (Array.isArray(provided)) providedByVpc = provided.map(String);
    const aws = (doc.provider as Record<string, unknown> | undefined)?.aws;
    const provider = Array.isArray(aws) ? aws[0] : aws;
    if (provider && typeof (provider as { region?: unknown }).region === "string") region = (provider as { region: string }).region;
    const tags = block(block((provider as Record<string, unknown> | undefined)?.default_tags)?.tags);
    if (tags) defaultTags = tags;
    for (const [type, byName] of Object.entries((doc.resource ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [name, body] of Object.entries(byName)) {
        const values = (Array.isArray(body) ? body[0] : body) as Record<string, unknown>;
        resources.push({ type, name, address: `${type}.${name}`, values });
      }
    }
  }
  return { source, format, resources, profiles, providedByVpc, region, defaultTags };
}

/**
 * Reads a root module: a folder of Terraform configuration (`*.tf` and `*.tf.json`, merged as
 * Terraform merges them; any other `*.json` beside them, such as `terraform.tfvars.json` or a saved
 * plan, is not configuration and is left alone), one `*.tf` or `*.tf.json` file, or one plan JSON
 * (`terraform show -json plan.out`). Anything else is refused with a CheckInputError (exit 2).
 */
export async function loadModel(target: string): Promise<TfModel> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new CheckInputError(`${target}: no such file or folder`);
  }
  const files = stat.isDirectory()
    ? fs
        .readdirSync(target, { withFileTypes: true })
        .filter((e) => e.isFile() && (e.name.endsWith(".tf") || e.name.endsWith(".tf.json")))
        .map((e) => path.join(target, e.name))
        .sort()
    : [target];
  if (files.length === 0) throw new CheckInputError(`${target}: no *.tf or *.tf.json files to check`);
  const json = files.filter((f) => !f.endsWith(".tf"));
  const hcl = files.filter((f) => f.endsWith(".tf"));
  const docs: Record<string, unknown>[] = [];
  for (const f of json) {
    const doc = readJson(f);
    const kind = jsonKind(doc);
    if (kind === "plan") {
      if (stat.isDirectory())
        throw new CheckInputError(
          `${f}: a plan inside a configuration folder; check the folder without it, or pass the plan as its own file`,
        );
      checkPlanVersion(doc, f);
      return locate(modelFromPlan(doc, target), [f]);
    }
    if (kind !== "configuration")
      throw new CheckInputError(
        `${f}: ${kind}; give a root module folder, a *.tf or *.tf.json file, or a plan (terraform show -json plan.out)`,
      );
    checkConfigurationShape(doc, f);
    docs.push(doc);
  }
  if (hcl.length > 0) {
    const { parse } = require("@cdktf/hcl2json") as { parse: (file: string, text: string) => Promise<Record<string, unknown>> };
    for (const f of hcl) {
      const text = fs.readFileSync(f, "utf8");
      // Our HCL records its profiles in a header comment (JSON has the `//` key for it).
      const recorded = /^# private-routing profiles: (.+)$/m.exec(text)?.[1];
      if (recorded) docs.push({ "//": { private_routing: { profiles: recorded.split(",").map((p) => p.trim()) } } });
      let doc: Record<string, unknown>;
      try {
        doc = await parse(path.basename(f), text);
      } catch (e) {
        throw new CheckInputError(`${f}: not valid HCL (${String((e as Error).message ?? e).split("\n")[0]})`);
      }
      checkConfigurationShape(doc, f);
      docs.push(doc);
    }
  }
  return locate(modelFromTerraformJson(docs, target, hcl.length > 0 ? "hcl" : "json"), files);
}

/**
 * Finds where each resource is written: `resource "type" "name"` in HCL, the `"name": {` key under
 * `"type"` in Terraform JSON, the `"address": "…"` of a plan's planned values. Text search, no
 * second parser: a resource it cannot place simply has no location.
 */
function locate(model: TfModel, files: readonly string[]): TfModel {
  const lines = new Map<string, SourceLocation>();
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    // Line starts once per file, then a binary search per resource (a plan can be megabytes).
    const starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    const lineAt = (index: number) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= index) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    };
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    for (const r of model.resources) {
      if (lines.has(r.address)) continue;
      let index = -1;
      if (model.format === "plan") index = text.search(new RegExp(`"address":\\s*"${escape(r.address)}"`));
      else if (f.endsWith(".tf")) index = text.search(new RegExp(`^[ \\t]*resource\\s+"${escape(r.type)}"\\s+"${escape(r.name)}"`, "m"));
      else {
        const typeAt = text.search(new RegExp(`"${escape(r.type)}"\\s*:`));
        if (typeAt >= 0) {
          const nameAt = text.slice(typeAt).search(new RegExp(`"${escape(r.name)}"\\s*:`));
          if (nameAt >= 0) index = typeAt + nameAt;
        }
      }
      if (index >= 0) lines.set(r.address, { file: f, line: lineAt(index) });
    }
  }
  return { ...model, files, resources: model.resources.map((r) => (lines.has(r.address) ? { ...r, location: lines.get(r.address) } : r)) };
}

function readJson(f: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(f, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new CheckInputError(`${f}: not valid JSON (${(e as Error).message})`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw new CheckInputError(
      `${f}: not Terraform JSON (the document must be an object, got ${doc === null ? "null" : Array.isArray(doc) ? "an array" : typeof doc})`,
    );
  return doc as Record<string, unknown>;
}

const CONFIGURATION_KEYS = [
  "resource",
  "data",
  "provider",
  "terraform",
  "variable",
  "output",
  "module",
  "locals",
  "moved",
  "import",
  "check",
  "removed",
  "//",
];

/** What a JSON document is: a plan, Terraform configuration, or (as a reason) something else. */
function jsonKind(doc: Record<string, unknown>): "plan" | "configuration" | string {
  if ("planned_values" in doc || "resource_changes" in doc) return "plan";
  if ("lineage" in doc && "serial" in doc)
    return "a Terraform state file, not configuration or a plan (the checker reads what you intend to build)";
  if ("values" in doc && "format_version" in doc)
    return "a Terraform state in JSON (terraform show -json without a plan), not configuration or a plan";
  if (Object.keys(doc).length === 0 || Object.keys(doc).some((k) => CONFIGURATION_KEYS.includes(k))) return "configuration";
  return `not Terraform configuration (no ${CONFIGURATION_KEYS.filter((k) => k !== "//").join(", ")} key)`;
}

/** Plans of format 1.x are what this reader knows (Terraform 1.x writes 1.0 to 1.2). */
function checkPlanVersion(doc: Record<string, unknown>, f: string): void {
  const v = doc.format_version;
  if (typeof v !== "string" || !/^1\.\d+$/.test(v))
    throw new CheckInputError(
      `${f}: a plan of format_version ${JSON.stringify(v ?? null)}; this checker reads format 1.x (Terraform 1.x's terraform show -json)`,
    );
}

/** Blocks that must be objects for the model to read them: a malformed one is an input error, not a crash. */
function checkConfigurationShape(doc: Record<string, unknown>, f: string): void {
  const isObject = (v: unknown) => v !== null && typeof v === "object";
  for (const key of ["resource", "provider"]) {
    const v = doc[key];
    if (v === undefined) continue;
    if (!isObject(v) || Array.isArray(v))
      throw new CheckInputError(`${f}: \`${key}\` must be an object, got ${JSON.stringify(v)?.slice(0, 80)}`);
    if (key !== "resource") continue;
    for (const [type, byName] of Object.entries(v as Record<string, unknown>)) {
      if (!isObject(byName))
        throw new CheckInputError(
          `${f}: \`resource.${type}\` must map names to resource bodies, got ${JSON.stringify(byName)?.slice(0, 80)}`,
        );
      for (const [name, body] of Object.entries(byName as Record<string, unknown>)) {
        const b = Array.isArray(body) ? body[0] : body;
        if (!isObject(b))
          throw new CheckInputError(
            `${f}: \`resource.${type}.${name}\` must be a block (an object), got ${JSON.stringify(body)?.slice(0, 80)}`,
          );
      }
    }
  }
}

/** `${aws_vpc.network.id}` → `aws_vpc.network`; anything else → undefined. */
export function referencedAddress(value: unknown): string | undefined {
  const m = /^\$\{([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_]+\}$/.exec(String(value));
  return m?.[1];
}

/** A nested block: cdktf writes one as an object, hcl2json as a one-element list. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
}

/** A repeated block or list: always a list. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function byType(model: TfModel, type: string): TfResource[] {
  return model.resources.filter((r) => r.type === type);
}

type Expressions = Record<string, unknown>;

/**
 * A model from `terraform show -json plan.out`: the planned values, with every argument that the
 * configuration sets by reference written back as `${type.name.attr}`, as in a configuration, so
 * the same rules follow subnet → route table → route. A value that is neither known nor a
 * reference stays absent, and the rules report what depends on it as not verifiable.
 */
export function modelFromPlan(doc: Record<string, unknown>, source: string): TfModel {
  const planned = ((doc.planned_values as Expressions | undefined)?.root_module as Expressions | undefined)?.resources as
    Expressions[] | undefined;
  const malformed =
    planned !== undefined &&
    (!Array.isArray(planned) ||
      planned.some((r) => r === null || typeof r !== "object" || typeof r.address !== "string" || typeof r.type !== "string"));
  if (malformed)
    throw new CheckInputError(
      `${source}: a plan whose planned_values.root_module.resources is not a list of resources with address and type`,
    );
  const config = (doc.configuration as Expressions | undefined)?.root_module as Expressions | undefined;
  const expressionsByAddress = new Map(
    ((config?.resources ?? []) as Expressions[]).map((r) => [r.address as string, (r.expressions ?? {}) as Expressions]),
  );
  const providerConfig = ((doc.configuration as Expressions | undefined)?.provider_config as Expressions | undefined)?.aws as
    Expressions | undefined;
  const region = ((providerConfig?.expressions as Expressions | undefined)?.region as Expressions | undefined)?.constant_value as
    string | undefined;
  const defaultTags = block(block((providerConfig?.expressions as Expressions | undefined)?.default_tags)?.tags as unknown)
    ?.constant_value as Record<string, unknown> | undefined;
  const resources: TfResource[] = (planned ?? [])
    .filter((r) => r.mode === "managed")
    .map((r) => ({
      type: r.type as string,
      name: r.name as string,
      address: r.address as string,
      values: overlayReferences(
        (r.values ?? {}) as Expressions,
        expressionsByAddress.get(r.address as string) ?? {},
        (r.sensitive_values ?? {}) as Expressions,
      ),
    }));
  const provided = (
    ((doc.planned_values as Expressions | undefined)?.outputs as Expressions | undefined)?.[PROVIDED_BY_VPC_OUTPUT] as
      Expressions | undefined
  )?.value;
  const providedByVpc = Array.isArray(provided) ? provided.map(String) : undefined;
  return { source, format: "plan", resources, region, defaultTags, providedByVpc };
}

function overlayReferences(values: Expressions, expressions: Expressions, sensitive: Expressions): Expressions {
  const out: Expressions = { ...values };
  for (const [key, expr] of Object.entries(expressions)) {
    if (Array.isArray(expr)) {
      // A nested block: expressions per block, values per block (and which of them are sensitive).
      const blocks = list(values[key]);
      const marks = list(sensitive[key]);
      out[key] = expr.map((e, i) =>
        overlayReferences((blocks[i] ?? {}) as Expressions, (e ?? {}) as Expressions, (marks[i] ?? {}) as Expressions),
      );
      continue;
    }
    const e = expr as { references?: string[]; constant_value?: unknown };
    if (!e || !Array.isArray(e.references)) continue;
    // `aws_subnet.a.id` (with its bare `aws_subnet.a` twin); variables and locals are not followed.
    const refs = e.references.filter((r) => r.split(".").length === 3 && !/^(var|local|data|module)\./.test(r)).map((r) => `\${${r}}`);
    if (refs.length === 0) {
      // A value taken from exactly one variable, when the plan marks it sensitive (a connection's
      // secret) or does not know it: written back as the configuration has it, so a plan shows
      // what a rule sees in the configuration (SEC-2). A known, non-sensitive value stays: a
      // variable defaulting to 0.0.0.0/0 must still be seen as 0.0.0.0/0 (SEC-1).
      const vars = e.references.filter((r) => /^var\.[A-Za-z0-9_-]+$/.test(r));
      const known = values[key] !== undefined && values[key] !== null && sensitive[key] !== true;
      if (vars.length === 1 && e.references.length === 1 && !known) out[key] = `\${${vars[0]}}`;
      continue;
    }
    out[key] = Array.isArray(values[key]) || Array.isArray(e.constant_value) || refs.length > 1 ? refs : refs[0];
  }
  return out;
}
