import * as fs from "fs";
import * as path from "path";
import { deepOpaque, EvalScope, evaluate, Instances, settle, Unknown, Unsupported, Value } from "./hcl-eval";
import { acceptedFromOutput, hubClaimFrom, INPUT, readInput, recordedMetadata, SourceLocation, TfModel, TfResource } from "./model-types";
import { ACCEPTED_DEVIATIONS_OUTPUT, PROVIDED_BY_HUB_OUTPUT, PROVIDED_BY_VPC_OUTPUT } from "../outputs";

// Reads a folder of Terraform configuration (HCL and Terraform JSON) as Terraform would build it:
// module calls with a local source are followed into their folders, count and for_each expanded
// when their value can be known, and every argument evaluated statically (hcl-eval.ts). The
// result is the same model a plan gives (plan-model.ts): instance addresses with module paths, and
// references as `${module.vpc.aws_subnet.private[0].id}`.

/** One configuration file as read: its path and its document (hcl2json's shape or Terraform JSON's). */
export interface ConfigFile {
  readonly file: string;
  readonly doc: Record<string, unknown>;
}
/** Reads the configuration files of a folder (or the one file named); throws CheckInputError on bad input. */
export type ReadFolder = (target: string) => Promise<readonly ConfigFile[]>;

const MAX_DEPTH = 16;
/** Instances of one block the reader expands; a larger count is reported as unknown rather than built. */
const MAX_INSTANCES = 10_000;
const META = new Set(["count", "for_each", "lifecycle", "depends_on", "provider", "provisioner", "connection", "dynamic"]);
const MODULE_META = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

type Json = Record<string, unknown>;
const first = (v: unknown): Json => ((Array.isArray(v) ? v[0] : v) ?? {}) as Json;
const entries = (v: unknown): [string, unknown][] => (v && typeof v === "object" && !Array.isArray(v) ? Object.entries(v) : []);

/** A module's files merged as Terraform merges them. */
interface ModuleSource {
  readonly dir: string;
  readonly files: readonly string[];
  readonly resources: { type: string; name: string; body: Json; file: string }[];
  readonly variables: Map<string, Json>;
  readonly locals: Map<string, unknown>;
  readonly calls: Map<string, { body: Json; file: string }>;
  readonly outputs: Map<string, unknown>;
  readonly provider?: Json;
  readonly profiles?: string[];
  readonly accepted?: Record<string, string>;
}

function merge(dir: string, files: readonly ConfigFile[]): ModuleSource {
  const src: ModuleSource = {
    dir,
    files: files.map((f) => f.file),
    resources: [],
    variables: new Map(),
    locals: new Map(),
    calls: new Map(),
    outputs: new Map(),
  };
  let provider: Json | undefined;
  let profiles: string[] | undefined;
  let accepted: Record<string, string> | undefined;
  for (const { file, doc } of files) {
    const meta = recordedMetadata(doc);
    if (meta.profiles) profiles = meta.profiles;
    if (meta.accepted) accepted = meta.accepted;
    for (const [type, byName] of entries(doc.resource))
      for (const [name, body] of entries(byName)) src.resources.push({ type, name, body: first(body), file });
    for (const [name, body] of entries(doc.variable)) src.variables.set(name, first(body));
    for (const block of Array.isArray(doc.locals) ? doc.locals : [doc.locals]) for (const [k, v] of entries(block)) src.locals.set(k, v);
    for (const [name, body] of entries(doc.module)) src.calls.set(name, { body: first(body), file });
    for (const [name, body] of entries(doc.output)) src.outputs.set(name, first(body).value);
    const aws = (doc.provider as Json | undefined)?.aws;
    if (aws !== undefined) provider = first(aws);
  }
  return { ...src, provider, profiles, accepted };
}

/** Values given to the root module's variables by terraform.tfvars(.json) and *.auto.tfvars(.json), as Terraform loads them. */
async function tfvars(dir: string, parseHcl: (file: string, text: string) => Promise<Json>): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (!fs.statSync(dir).isDirectory()) return out;
  const names = fs.readdirSync(dir).filter((n) => /^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/.test(n));
  // Terraform's order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars* in lexical order.
  names.sort((a, b) => Number(!a.startsWith("terraform.")) - Number(!b.startsWith("terraform.")) || a.localeCompare(b));
  for (const n of names) {
    const f = path.join(dir, n);
    try {
      const text = readInput(f);
      const doc = n.endsWith(".json") ? (JSON.parse(text.replace(/^\uFEFF/, "")) as Json) : await parseHcl(n, text);
      for (const [k, v] of entries(doc)) out.set(k, v);
    } catch {
      // A tfvars file Terraform would refuse: its values stay unknown (the variables' defaults or inputs).
    }
  }
  return out;
}

export interface FolderModelOptions {
  readonly target: string;
  readonly readFolder: ReadFolder;
  readonly parseHcl: (file: string, text: string) => Promise<Json>;
}

/** The model of a configuration folder (or one file) and every local module it calls. */
export async function modelFromConfiguration(root: readonly ConfigFile[], options: FolderModelOptions): Promise<TfModel> {
  const { target } = options;
  const rootDir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  const sources = new Map<string, ModuleSource>();
  const load = async (dir: string): Promise<ModuleSource> => {
    const key = path.resolve(dir);
    if (!sources.has(key)) sources.set(key, merge(dir, await options.readFolder(dir)));
    return sources.get(key)!;
  };
  sources.set(path.resolve(target), merge(rootDir, root));
  const rootSource = sources.get(path.resolve(target))!;
  const rootValues = await tfvars(rootDir, options.parseHcl);

  const resources: TfResource[] = [];
  const notFollowed: string[] = [];
  const moduleSources: string[] = [];
  const unfollowed: string[] = [];
  const modules: string[] = [];
  const files = new Set<string>(rootSource.files);

  // Folders are read before evaluation (reading is async, evaluation is not): every local call, depth first.
  const sourceOf = new Map<string, ModuleSource | string>();
  const preload = async (src: ModuleSource, depth: number) => {
    for (const [call, { body }] of src.calls) {
      const key = `${path.resolve(src.dir)}|${call}`;
      if (sourceOf.has(key)) continue;
      const source = typeof body.source === "string" ? body.source : undefined;
      if (source) moduleSources.push(source);
      if (!source || !/^\.\.?\//.test(source)) {
        sourceOf.set(key, `source ${JSON.stringify(source ?? null)} is ${source ? "a registry or remote module" : "not a literal"}`);
        // What it is asked to build still tells the workload (its endpoints' service names).
        unfollowed.push(JSON.stringify(body));
        continue;
      }
      const dir = path.join(src.dir, source);
      if (depth >= MAX_DEPTH) {
        sourceOf.set(key, `nested deeper than ${MAX_DEPTH} modules`);
        continue;
      }
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        sourceOf.set(key, `its source ${source} is not a folder here`);
        continue;
      }
      const child = await load(dir);
      sourceOf.set(key, child);
      child.files.forEach((f) => files.add(f));
      await preload(child, depth + 1);
    }
  };
  await preload(rootSource, 0);

  const locations = new Map<string, string[]>();
  const locate = (file: string, type: string, name: string): SourceLocation | undefined => {
    if (!locations.has(file)) locations.set(file, readInput(file).split("\n"));
    const lines = locations.get(file)!;
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const hcl = new RegExp(`^\\s*resource\\s+"${esc(type)}"\\s+"${esc(name)}"`);
    const typeKey = new RegExp(`"${esc(type)}"\\s*:`);
    const nameKey = new RegExp(`"${esc(name)}"\\s*:`);
    if (file.endsWith(".tf")) {
      const i = lines.findIndex((l) => hcl.test(l));
      return i >= 0 ? { file, line: i + 1 } : undefined;
    }
    const t = lines.findIndex((l) => typeKey.test(l));
    const n = t < 0 ? -1 : lines.findIndex((l, i) => i >= t && nameKey.test(l));
    return n >= 0 ? { file, line: n + 1 } : undefined;
  };

  class Module implements EvalScope {
    private readonly vars = new Map<string, Value>();
    private readonly localValues = new Map<string, Value>();
    private readonly evaluating = new Set<string>();
    private readonly children = new Map<string, Module[] | string>();
    private readonly blocks = new Map<string, Instances | Unknown>();
    constructor(
      readonly src: ModuleSource,
      readonly address: string,
      private readonly args: ((name: string) => Value | undefined) | undefined,
      readonly depth: number,
      /** This instance's count index or for_each key, when its call has count or for_each. */
      readonly instanceKey?: string | number,
    ) {}
    variable(name: string): Value {
      if (!this.vars.has(name)) {
        const given = this.args ? this.args(name) : rootValues.get(name);
        const declared = this.src.variables.get(name);
        const value =
          given !== undefined
            ? this.args
              ? given
              : evaluate(given, this)
            : declared && "default" in declared
              ? evaluate(declared.default, this)
              : new Unknown(`${INPUT} var.${name}, which has no default${this.address ? ` in ${this.address}` : ""}`, true);
        this.vars.set(name, value);
      }
      return this.vars.get(name);
    }
    local(name: string): Value {
      if (!this.localValues.has(name)) {
        if (!this.src.locals.has(name)) return new Unsupported(`local.${name}, which is not defined`);
        if (this.evaluating.has(name)) return new Unsupported(`local.${name}, which refers to itself`);
        this.evaluating.add(name);
        this.localValues.set(name, evaluate(this.src.locals.get(name), this));
        this.evaluating.delete(name);
      }
      return this.localValues.get(name);
    }
    resource(type: string, name: string): Instances | Unknown | undefined {
      const key = `${type}.${name}`;
      if (!this.blocks.has(key)) {
        const block = this.src.resources.find((r) => r.type === type && r.name === name);
        if (!block) return undefined;
        this.blocks.set(key, this.instancesOf(`${this.prefix()}${key}`, block.body));
      }
      return this.blocks.get(key);
    }
    moduleOutput(call: string, output: string, instance?: { key: Value } | "all"): Value {
      const children = this.child(call);
      if (typeof children === "string") return new Unknown(`from module.${call}, which is not followed: ${children}`);
      const counted = "count" in (this.src.calls.get(call)?.body ?? {}) || "for_each" in (this.src.calls.get(call)?.body ?? {});
      const outputOf = (child: Module): Value =>
        child.src.outputs.has(output)
          ? evaluate(child.src.outputs.get(output), child)
          : new Unsupported(`module.${call}.${output}, which is not an output`);
      if (instance === "all") {
        const values = children.map(outputOf);
        return values.find((v) => v instanceof Unknown || v instanceof Unsupported) ?? values;
      }
      if (instance === undefined) {
        // Terraform refuses module.x.out when x has count or for_each: it needs an index.
        if (counted || children.length !== 1)
          return new Unsupported(`module.${call}.${output} without an index, for a module with count or for_each`);
        return outputOf(children[0]);
      }
      if (instance.key instanceof Unknown || instance.key instanceof Unsupported) return instance.key;
      const child = children.find((c) => c.instanceKey !== undefined && String(c.instanceKey) === String(instance.key));
      return child ? outputOf(child) : new Unsupported(`module.${call}[${JSON.stringify(instance.key)}], which is not an instance`);
    }
    prefix(): string {
      return this.address ? `${this.address}.` : "";
    }
    /** A module call's instances (evaluated once), or why it is not followed. */
    child(call: string): Module[] | string {
      if (!this.children.has(call)) {
        const found = this.src.calls.get(call);
        const source = found ? sourceOf.get(`${path.resolve(this.src.dir)}|${call}`) : "no such module call";
        if (!found || typeof source === "string" || source === undefined) {
          this.children.set(call, source === undefined ? "not read" : (source as string));
        } else if (this.depth >= MAX_DEPTH) {
          // A module that calls itself, or a very deep tree: Terraform would refuse the first.
          this.children.set(call, `nested deeper than ${MAX_DEPTH} modules`);
        } else {
          const instances = this.instancesOf(`${this.prefix()}module.${call}`, found.body);
          if (instances instanceof Unknown) this.children.set(call, `its count or for_each is ${instances.why}`);
          else
            this.children.set(
              call,
              instances.instances.map((i) => {
                const scope = withIterators(this, iteratorsOf(found.body, i.key, instances));
                return new Module(
                  source,
                  i.address,
                  (name) => (MODULE_META.has(name) || !(name in found.body) ? undefined : evaluate(found.body[name], scope)),
                  this.depth + 1,
                  i.key,
                );
              }),
            );
        }
      }
      return this.children.get(call)!;
    }
    /** The instances of a block with this address and body: one, or one per count index / for_each key. */
    instancesOf(address: string, body: Json): Instances | Unknown {
      if ("count" in body) {
        const n = evaluate(body.count, this);
        if (n instanceof Unknown) return n;
        if (typeof n !== "number") return new Unknown(`a count this reader cannot evaluate (${describe(body.count)})`);
        if (!Number.isInteger(n) || n < 0) return new Unknown(`a count of ${n}, which Terraform refuses (a whole number from 0)`);
        if (n > MAX_INSTANCES) return new Unknown(`a count of ${n}, more instances than this reader expands (${MAX_INSTANCES})`);
        return new Instances(
          Array.from({ length: n }, (_, k) => ({ address: `${address}[${k}]`, key: k })),
          true,
          this.configured(body),
        );
      }
      if ("for_each" in body) {
        const each = evaluate(body.for_each, this);
        if (each instanceof Unknown) return each;
        // A set's members are its keys: one unknown member, and which instances exist is unknown.
        const unknownMember = Array.isArray(each) ? deepOpaque(each) : undefined;
        if (unknownMember instanceof Unknown) return unknownMember;
        const keys = Array.isArray(each)
          ? unknownMember
            ? undefined
            : each.map(String)
          : each && typeof each === "object" && !(each instanceof Unsupported)
            ? Object.keys(each)
            : undefined;
        if (!keys) return new Unknown(`a for_each this reader cannot evaluate (${describe(body.for_each)})`);
        if (keys.length > MAX_INSTANCES)
          return new Unknown(`a for_each of ${keys.length} keys, more than this reader expands (${MAX_INSTANCES})`);
        return new Instances(
          keys.map((k) => ({ address: `${address}[${JSON.stringify(k)}]`, key: k })),
          true,
          this.configured(body),
        );
      }
      return new Instances([{ address }], false, this.configured(body));
    }
    /** An argument of one instance of a block, as its configuration sets it (evaluated with that instance's count.index/each). */
    configured(body: Json): (address: string, attr: string) => Value {
      return (address, attr) => {
        if (!(attr in body) || META.has(attr)) return undefined;
        const key = /\[(\d+|"[^"]*")\]$/.exec(address)?.[1];
        const k = key === undefined ? undefined : key.startsWith('"') ? (JSON.parse(key) as string) : Number(key);
        const its: Record<string, { key: Value; value: Value }> =
          k === undefined ? {} : { ["count" in body ? "count" : "each"]: { key: k, value: undefined } };
        const { values, unknown } = evaluateBody(
          { [attr]: body[attr], ...("for_each" in body ? { for_each: body.for_each } : {}) },
          withIterators(this, its),
        );
        return attr in unknown ? new Unknown(unknown[attr]) : values[attr];
      };
    }
    /** Every resource instance of this module and of the modules it calls. */
    collect(): void {
      if (this.address) modules.push(this.address);
      for (const block of this.src.resources) {
        const instances = this.resource(block.type, block.name)!;
        const location = locate(block.file, block.type, block.name);
        if (instances instanceof Unknown) {
          // The block exists, but how many instances is not known: one stands for them, with the
          // arguments every instance shares (vpc_endpoint_type = "Interface") and those that
          // depend on count.index or each unknown, so rules see what it is and cannot verify the rest.
          const stand = new Unknown(instances.why);
          const its: Record<string, { key: Value; value: Value }> = {
            ["count" in block.body ? "count" : "each"]: { key: stand, value: stand },
          };
          const { values, unknown } = evaluateBody(block.body, withIterators(this, its));
          resources.push({
            type: block.type,
            name: block.name,
            address: `${this.prefix()}${block.type}.${block.name}`,
            values,
            unknown: { count: instances.why, ...unknown },
            ...(location ? { location } : {}),
          });
          continue;
        }
        for (const i of instances.instances) {
          const scope = withIterators(this, iteratorsOf(block.body, i.key, instances));
          const { values, unknown } = evaluateBody(block.body, scope);
          resources.push({
            type: block.type,
            name: block.name,
            address: i.address,
            values,
            ...(Object.keys(unknown).length > 0 ? { unknown } : {}),
            ...(location ? { location } : {}),
          });
        }
      }
      for (const call of this.src.calls.keys()) {
        const children = this.child(call);
        if (typeof children === "string")
          notFollowed.push(`${this.prefix()}module.${call}: ${children}; its resources are not checked (check a plan to include them)`);
        else children.forEach((c) => c.collect());
      }
    }
  }

  const top = new Module(rootSource, "", undefined, 0);
  top.collect();
  const region = rootSource.provider ? settle(evaluate(rootSource.provider.region, top)) : undefined;
  const tags = settle(evaluate(first(rootSource.provider?.default_tags).tags, top));
  const provided = rootSource.outputs.has(PROVIDED_BY_VPC_OUTPUT)
    ? settle(evaluate(rootSource.outputs.get(PROVIDED_BY_VPC_OUTPUT), top))
    : undefined;
  const hubClaim = rootSource.outputs.has(PROVIDED_BY_HUB_OUTPUT)
    ? hubClaimFrom(settle(evaluate(rootSource.outputs.get(PROVIDED_BY_HUB_OUTPUT), top)))
    : undefined;
  const accepted = rootSource.outputs.has(ACCEPTED_DEVIATIONS_OUTPUT)
    ? settle(evaluate(rootSource.outputs.get(ACCEPTED_DEVIATIONS_OUTPUT), top))
    : undefined;
  return {
    source: target,
    format: rootSource.files.some((f) => f.endsWith(".tf")) ? "hcl" : "json",
    resources,
    profiles: rootSource.profiles,
    accepted:
      rootSource.accepted ?? (accepted instanceof Unknown || accepted instanceof Unsupported ? undefined : acceptedFromOutput(accepted)),
    providedByVpc: Array.isArray(provided) ? provided.map(String) : undefined,
    ...(hubClaim ? { providedByHub: hubClaim } : {}),
    region: typeof region === "string" ? region : undefined,
    defaultTags:
      tags && typeof tags === "object" && !Array.isArray(tags) && !(tags instanceof Unknown) && !(tags instanceof Unsupported)
        ? (tags as Json)
        : undefined,
    files: [...files],
    modules: modules.sort(),
    notFollowed,
    moduleSources: [...new Set(moduleSources)].sort(),
    unfollowedArguments: unfollowed.join("\n"),
  };
}

function describe(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** count.index, or each.key/each.value, for one instance of a block. */
function iteratorsOf(body: Json, key: string | number | undefined, instances: Instances): Record<string, { key: Value; value: Value }> {
  if (key === undefined || !instances.keyed) return {};
  if ("count" in body) return { count: { key, value: undefined } };
  return { each: { key, value: undefined } };
}

/** A scope that adds iterators (count, each, a dynamic block's) to another; each.value is looked up lazily from for_each. */
function withIterators(scope: EvalScope, its: Record<string, { key: Value; value: Value }>): EvalScope {
  return {
    variable: (n) => scope.variable(n),
    local: (n) => scope.local(n),
    resource: (t, n) => scope.resource(t, n),
    moduleOutput: (c, o, i) => scope.moduleOutput(c, o, i),
    iterators: { ...(scope.iterators ?? {}), ...its },
  };
}

/**
 * A resource body's arguments, evaluated: values, and the arguments that cannot be known (with
 * why). An argument the evaluator does not implement keeps its text, as the configuration wrote it.
 * `dynamic` blocks are expanded when their for_each can be evaluated.
 */
function evaluateBody(body: Json, scope: EvalScope): { values: Json; unknown: Record<string, string> } {
  const values: Json = {};
  const unknown: Record<string, string> = {};
  // each.value: the for_each element of this instance.
  const each = scope.iterators?.each;
  const withEach: EvalScope =
    each && "for_each" in body
      ? withIterators(scope, {
          each: {
            key: each.key,
            value: (() => {
              // A stand-in for instances that could not be counted: its each.value is as unknown as its key.
              if (each.key instanceof Unknown || each.key instanceof Unsupported) return each.key;
              const all = evaluate(body.for_each, scope);
              return Array.isArray(all) ? each.key : all && typeof all === "object" ? (all as Json)[String(each.key)] : undefined;
            })(),
          },
        })
      : scope;
  for (const [key, raw] of Object.entries(body)) {
    if (META.has(key)) continue;
    const v = settle(evaluate(raw, withEach));
    if (v instanceof Unknown) unknown[key] = v.why;
    else if (v instanceof Unsupported || v instanceof Instances) values[key] = raw;
    else values[key] = v;
  }
  for (const [name, defs] of entries(body.dynamic)) {
    for (const def of Array.isArray(defs) ? defs : [defs]) {
      const d = def as Json;
      const iterator = typeof d.iterator === "string" ? d.iterator : name;
      const over = evaluate(d.for_each, withEach);
      if (over instanceof Unknown || over instanceof Unsupported || over === null || typeof over !== "object") {
        unknown[name] = `from a dynamic block whose for_each ${over instanceof Unknown ? `is ${over.why}` : "this reader cannot evaluate"}`;
        continue;
      }
      const items: [Value, Value][] = Array.isArray(over) ? over.map((x, i) => [i, x]) : Object.entries(over as Json);
      const blocks = items.map(([k, v]) => evaluateBody(first(d.content), withIterators(withEach, { [iterator]: { key: k, value: v } })));
      for (const b of blocks) for (const [k, why] of Object.entries(b.unknown)) unknown[name] ??= `${k}: ${why}`;
      values[name] = [...(Array.isArray(values[name]) ? (values[name] as unknown[]) : []), ...blocks.map((b) => b.values)];
    }
  }
  return { values, unknown };
}
