import * as fs from "fs";
import * as path from "path";
import { ACCEPTED_DEVIATIONS_OUTPUT, PROVIDED_BY_HUB_OUTPUT, PROVIDED_BY_VPC_OUTPUT } from "../outputs";
import {
  acceptedFromOutput,
  block,
  CheckInputError,
  hubClaimFrom,
  HubClaim,
  readInput,
  recordedMetadata,
  TfModel,
  TfResource,
} from "./model-types";
import { modelFromPlan } from "./plan-model";
import { ConfigFile, modelFromConfiguration } from "./config-model";
import { showPath } from "../problems";

/**
 * Whether a folder entry is one Terraform would read as a file: anything but a folder, a symbolic
 * link followed (to a folder: skipped, as Terraform skips it). A pipe or a link to nothing is kept,
 * so that reading it refuses the input (exit 2) as Terraform would fail on it, not skipped silently.
 */
function isFileEntry(dir: string, e: fs.Dirent): boolean {
  if (e.isDirectory()) return false;
  if (!e.isSymbolicLink()) return true;
  try {
    return !fs.statSync(path.join(dir, e.name)).isDirectory();
  } catch {
    return true;
  }
}

export * from "./model-types";
export { modelFromPlan };

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
  let accepted: Record<string, string> | undefined;
  let providedByHub: HubClaim | undefined;
  for (const doc of docs) {
    const meta = recordedMetadata(doc);
    if (meta.profiles) profiles = meta.profiles;
    if (meta.accepted) accepted = meta.accepted;
    accepted ??= acceptedFromOutput(block((doc.output as Record<string, unknown> | undefined)?.[ACCEPTED_DEVIATIONS_OUTPUT])?.value);
    const provided = block((doc.output as Record<string, unknown> | undefined)?.[PROVIDED_BY_VPC_OUTPUT])?.value;
    if (Array.isArray(provided)) providedByVpc = provided.map(String);
    providedByHub ??= hubClaimFrom(block((doc.output as Record<string, unknown> | undefined)?.[PROVIDED_BY_HUB_OUTPUT])?.value);
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
  return { source, format, resources, profiles, providedByVpc, ...(providedByHub ? { providedByHub } : {}), region, defaultTags, accepted };
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
    throw new CheckInputError(`${showPath(target)}: no such file or folder`);
  }
  if (!stat.isDirectory() && !target.endsWith(".tf")) {
    // One JSON file: a plan (whatever its name, *.tf.json included), configuration, or refused with what it is.
    const doc = readJson(target);
    const kind = jsonKind(doc);
    if (kind === "plan") {
      checkPlanVersion(doc, target);
      return locate(modelFromPlan(doc, target), target);
    }
    if (kind !== "configuration")
      throw new CheckInputError(
        `${target}: ${kind}; give a root module folder, a *.tf or *.tf.json file, or a plan (terraform show -json plan.out)`,
      );
  }
  const root = await readConfiguration(target);
  return modelFromConfiguration(root, { target, readFolder: readConfiguration, parseHcl });
}

async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  const { parse } = require("@cdktf/hcl2json") as { parse: (file: string, text: string) => Promise<Record<string, unknown>> };
  return parse(file, text);
}

/**
 * A binary file named *.tf or *.tf.json, said once: the HCL parser would give one diagnostic per
 * byte (a megabyte of output), JSON.parse an excerpt of its bytes. NUL bytes, or bytes that are
 * not UTF-8 (readInput decodes them as U+FFFD; a real U+FFFD in a file is refused the same way).
 */
function refuseBinary(f: string, text: string, what: "HCL" | "JSON"): void {
  if (text.includes("\u0000") || text.includes("\uFFFD"))
    throw new CheckInputError(`${f}: not valid ${what} (not UTF-8 text: it holds NUL bytes or bytes that are not UTF-8)`);
}

/** The parser's first three diagnostics (`file:line,col: summary; detail`), then a count of the rest: bounded output. */
function firstDiagnostics(message: string): string {
  const parts = message.split(/ (?=[^ :]+\.tf:\d+,\d+)/);
  if (parts.length <= 3) return message.length > 2000 ? `${message.slice(0, 1997)}...` : message;
  return `${parts.slice(0, 3).join(" ")} … and ${parts.length - 3} more`;
}

/**
 * The configuration files of a module folder (`*.tf` and `*.tf.json`, merged as Terraform merges
 * them; any other `*.json` beside them, such as `terraform.tfvars.json` or a saved plan, is not
 * configuration and is left alone), or the one `*.tf`/`*.tf.json` file named. Refused with a
 * CheckInputError (exit 2): a folder with none, a plan or state among them, unreadable files.
 */
async function readConfiguration(target: string): Promise<ConfigFile[]> {
  const isDir = fs.statSync(target).isDirectory();
  const files = isDir
    ? fs
        .readdirSync(target, { withFileTypes: true })
        .filter((e) => isFileEntry(target, e) && (e.name.endsWith(".tf") || e.name.endsWith(".tf.json")))
        .map((e) => path.join(target, e.name))
        .sort()
    : [target];
  if (files.length === 0) throw new CheckInputError(`${target}: no *.tf or *.tf.json files to check`);
  const out: ConfigFile[] = [];
  for (const f of files) {
    if (f.endsWith(".tf")) {
      const text = readInput(f);
      refuseBinary(f, text, "HCL");
      let doc: Record<string, unknown>;
      try {
        doc = await parseHcl(path.basename(f), text);
      } catch (e) {
        throw new CheckInputError(`${f}: not valid HCL (${firstDiagnostics(String((e as Error).message ?? e).split("\n")[0])})`);
      }
      checkConfigurationShape(doc, f);
      // Our HCL records its profiles in a header comment (JSON has the `//` key for it).
      const recorded = /^# private-routing profiles: (.+)$/m.exec(text)?.[1];
      const accepted = Object.fromEntries(
        [...text.matchAll(/^# private-routing accepted: ([A-Z0-9-]+): (.+)$/gm)].map((m) => [m[1], m[2]]),
      );
      if (recorded)
        out.push({
          file: f,
          doc: { "//": { private_routing: { profiles: recorded.split(",").map((p) => p.trim()), accepted } } },
        });
      out.push({ file: f, doc });
      continue;
    }
    const doc = readJson(f);
    const kind = jsonKind(doc);
    if (kind === "plan")
      throw new CheckInputError(
        `${f}: a plan inside a configuration folder; check the folder without it, or pass the plan as its own file`,
      );
    if (kind !== "configuration")
      throw new CheckInputError(
        `${f}: ${kind}; give a root module folder, a *.tf or *.tf.json file, or a plan (terraform show -json plan.out)`,
      );
    checkConfigurationShape(doc, f);
    out.push({ file: f, doc });
  }
  return out;
}

/**
 * Finds where each resource of a plan is written: the `"address": "…"` of its planned values, so
 * SARIF places a finding on the plan file's line. Text search, no second parser: a resource it
 * cannot place simply has no location. (Configuration folders are placed by their reader.)
 */
function locate(model: TfModel, file: string): TfModel {
  const text = readInput(file);
  // Line starts once, then a binary search per resource (a plan can be megabytes).
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
  const resources = model.resources.map((r) => {
    const index = text.search(new RegExp(`"address":\\s*"${escape(r.address)}"`));
    return index >= 0 ? { ...r, location: { file, line: lineAt(index) } } : r;
  });
  return { ...model, files: [file], resources };
}

function readJson(f: string): Record<string, unknown> {
  let doc: unknown;
  const text = readInput(f);
  refuseBinary(f, text, "JSON");
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
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
