import { acceptedFromOutput, CheckInputError, hubClaimFrom, isIdentityAttribute, list, TfModel, TfResource } from "./model-types";
import { ACCEPTED_DEVIATIONS_OUTPUT, PROVIDED_BY_HUB_OUTPUT, PROVIDED_BY_VPC_OUTPUT } from "../outputs";

// Reads a plan (`terraform show -json plan.out`, format 1.x) completely: every module instance of
// planned_values (child_modules at any depth), each resource instance matched to its configuration
// block (count/for_each keys stripped), and every reference followed to the resource instances it
// names, across module boundaries (a module's input variable → the parent's argument, `module.x.out`
// → the child's output expression). Format: https://developer.hashicorp.com/terraform/internals/json-format

type Json = Record<string, unknown>;
interface Expression {
  readonly references?: readonly string[];
  readonly constant_value?: unknown;
}
interface ModuleConfig {
  readonly resources?: readonly Json[];
  readonly module_calls?: Readonly<Record<string, { expressions?: Record<string, Expression>; module?: ModuleConfig }>>;
  readonly outputs?: Readonly<Record<string, { expression?: Expression }>>;
}
/** A module instance: its address (`""` for the root, `module.vpc`, `module.a["x"].module.b`), its configuration and its caller. */
interface Scope {
  readonly address: string;
  readonly config: ModuleConfig;
  readonly caller?: { readonly scope: Scope; readonly call: string };
}
interface Instance {
  readonly address: string;
  readonly index?: unknown;
}

const NEUTRAL = /^(count|each|path|terraform|self)\./;

/**
 * A model from `terraform show -json plan.out`. An argument that references resources is written
 * as in a configuration, `${module.vpc.aws_subnet.private[0].id}`, so rules follow subnet → route
 * table → route across modules. A configured value the plan does not know (after_unknown) and that
 * names no modelled resource is recorded in `unknown` with the expression's references: rules that
 * read it report "cannot verify", never a pass.
 */
export function modelFromPlan(doc: Json, source: string): TfModel {
  const planned = (doc.planned_values as Json | undefined)?.root_module as Json | undefined;
  const instances: { resource: Json; module: string }[] = [];
  const moduleInstances = new Set<string>([""]);
  const walk = (m: Json, module: string, depth: number) => {
    const resources = m.resources;
    if (resources !== undefined && (!Array.isArray(resources) || resources.some((r) => !isResource(r))))
      throw new CheckInputError(
        `${source}: a plan whose planned_values${module ? ` module ${module}` : ".root_module"}.resources is not a list of resources with address and type`,
      );
    for (const r of (resources ?? []) as Json[]) instances.push({ resource: r, module });
    const children = m.child_modules;
    if (children !== undefined && !Array.isArray(children))
      throw new CheckInputError(`${source}: a plan whose child_modules is not a list`);
    for (const c of (children ?? []) as Json[]) {
      if (c === null || typeof c !== "object" || typeof c.address !== "string" || depth > 64)
        throw new CheckInputError(`${source}: a plan with a malformed child module (no address)`);
      moduleInstances.add(c.address);
      walk(c, c.address, depth + 1);
    }
  };
  if (planned) walk(planned, "", 0);

  const unknownByAddress = new Map<string, Json>();
  for (const c of list(doc.resource_changes) as Json[]) {
    const after = (c?.change as Json | undefined)?.after_unknown;
    if (typeof c?.address === "string" && after && typeof after === "object") unknownByAddress.set(c.address, after as Json);
  }
  const variables = (doc.variables ?? {}) as Record<string, { value?: unknown } | undefined>;
  const rootConfig = ((doc.configuration as Json | undefined)?.root_module ?? {}) as ModuleConfig;

  // Instances of each configuration block, by module instance and block address (`aws_subnet.private`).
  const byBlock = new Map<string, Instance[]>();
  for (const { resource: r, module } of instances) {
    if (r.mode !== "managed") continue;
    const key = `${module}|${r.type}.${r.name}`;
    byBlock.set(key, [...(byBlock.get(key) ?? []), { address: r.address as string, index: r.index }]);
  }

  const scopeCache = new Map<string, Scope>([["", { address: "", config: rootConfig }]]);
  const scopeOf = (moduleAddress: string): Scope | undefined => {
    if (scopeCache.has(moduleAddress)) return scopeCache.get(moduleAddress);
    const m = /^(.*?)\.?module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?$/.exec(moduleAddress);
    if (!m) return undefined;
    const parent = scopeOf(m[1]);
    const config = parent?.config.module_calls?.[m[2]]?.module;
    const scope = parent && config ? { address: moduleAddress, config, caller: { scope: parent, call: m[2] } } : undefined;
    if (scope) scopeCache.set(moduleAddress, scope);
    return scope;
  };
  const childInstances = (scope: Scope, call: string): string[] => {
    const prefix = `${scope.address ? `${scope.address}.` : ""}module.${call}`;
    const found = [...moduleInstances].filter((a) => a === prefix || (a.startsWith(`${prefix}[`) && !a.slice(prefix.length).includes(".")));
    return found.length > 0 ? found : [prefix];
  };

  /** The resource instances an expression's references name, followed through variables and outputs. */
  const follow = (given: readonly unknown[], scope: Scope, index: unknown, depth: number): { refs: string[]; opaque: string[] } => {
    const references = given.filter((r): r is string => typeof r === "string");
    const refs: string[] = [];
    const opaque: string[] = [];
    if (depth > 32) return { refs, opaque: [...references] };
    // Terraform lists `a.b[0].id`, `a.b[0]` and `a.b`: keep the most precise of each.
    const precise = references.filter((r) => !references.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))));
    const byKey = references.some((r) => /^(count\.index|each\.(key|value))/.test(r));
    for (const r of precise) {
      if (NEUTRAL.test(r)) continue;
      const v = /^var\.([A-Za-z0-9_-]+)$/.exec(r);
      if (v) {
        const arg = scope.caller?.scope.config.module_calls?.[scope.caller.call]?.expressions?.[v[1]];
        if (scope.caller && Array.isArray(arg?.references)) {
          const inner = follow(arg!.references!, scope.caller.scope, undefined, depth + 1);
          refs.push(...inner.refs);
          opaque.push(...inner.opaque);
        }
        continue;
      }
      // `module.x.out`, or one instance's: `module.x[0].out`, `module.x["k"].out`.
      const o = /^module\.([A-Za-z0-9_-]+)(\[(?:\d+|"[^"]*")\])?\.([A-Za-z0-9_-]+)/.exec(r);
      if (o) {
        const expression = scope.config.module_calls?.[o[1]]?.module?.outputs?.[o[3]]?.expression;
        const instancesOfCall = childInstances(scope, o[1]);
        const chosenInstances = o[2] === undefined ? instancesOfCall : instancesOfCall.filter((c) => c.endsWith(`module.${o[1]}${o[2]}`));
        for (const child of chosenInstances) {
          const childScope = scopeOf(child);
          if (!childScope || !Array.isArray(expression?.references)) continue;
          const inner = follow(expression!.references!, childScope, undefined, depth + 1);
          refs.push(...inner.refs);
          opaque.push(...inner.opaque);
        }
        continue;
      }
      const res = /^([a-z][A-Za-z0-9_]*)\.([A-Za-z0-9_-]+)(\[(\d+|"[^"]*")\])?(?:\.([A-Za-z0-9_]+))?/.exec(r);
      if (!res || res[1] === "data" || res[1] === "local" || res[1] === "module") {
        opaque.push(r);
        continue;
      }
      const all = byBlock.get(`${scope.address}|${res[1]}.${res[2]}`) ?? [];
      const explicit = res[4] === undefined ? undefined : res[4].startsWith('"') ? JSON.parse(res[4]) : Number(res[4]);
      const chosen =
        explicit !== undefined
          ? all.filter((i) => i.index === explicit)
          : byKey && index !== undefined && all.some((i) => i.index === index)
            ? all.filter((i) => i.index === index)
            : all;
      refs.push(...chosen.map((i) => `\${${i.address}.${res[5] ?? "id"}}`));
    }
    return { refs: [...new Set(refs)], opaque };
  };

  const resources: TfResource[] = [];
  for (const { resource: r, module } of instances) {
    if (r.mode !== "managed") continue;
    const scope = scopeOf(module);
    const blockAddress = `${r.type}.${r.name}`;
    const config = (list(scope?.config.resources) as Json[]).find((c) => isObject(c) && c.address === blockAddress && c.mode !== "data");
    const unknown: Record<string, string> = {};
    const values = overlay(
      objectOr(r.values),
      objectOr(config?.expressions),
      objectOr(r.sensitive_values),
      unknownByAddress.get(r.address as string) ?? {},
      (references) => (scope ? follow(references, scope, r.index, 0) : { refs: [], opaque: references.map(String) }),
      (key, why) => (unknown[key] = why),
    );
    resources.push({
      type: r.type as string,
      name: r.name as string,
      address: r.address as string,
      values,
      ...(Object.keys(unknown).length > 0 ? { unknown } : {}),
    });
  }

  const providerConfig = ((doc.configuration as Json | undefined)?.provider_config as Json | undefined)?.aws as Json | undefined;
  const providerExpressions = (providerConfig?.expressions ?? {}) as Json;
  const regionExpression = providerExpressions.region as Expression | undefined;
  const regionVar = (list(regionExpression?.references) as unknown[])
    .find((x) => String(x).startsWith("var."))
    ?.toString()
    .slice(4);
  const region = (regionExpression?.constant_value ?? (regionVar ? variables[regionVar]?.value : undefined)) as string | undefined;
  const tags = objectOr(list(providerExpressions.default_tags)[0]).tags as Expression | undefined;
  const defaultTags = isObject(tags?.constant_value) ? (tags!.constant_value as Record<string, unknown>) : undefined;
  const provided = (((doc.planned_values as Json | undefined)?.outputs as Json | undefined)?.[PROVIDED_BY_VPC_OUTPUT] as Json | undefined)
    ?.value;
  const providedByVpc = Array.isArray(provided) ? provided.map(String) : undefined;
  const hubClaim = hubClaimFrom(
    (((doc.planned_values as Json | undefined)?.outputs as Json | undefined)?.[PROVIDED_BY_HUB_OUTPUT] as Json | undefined)?.value,
  );
  const accepted = acceptedFromOutput(
    (((doc.planned_values as Json | undefined)?.outputs as Json | undefined)?.[ACCEPTED_DEVIATIONS_OUTPUT] as Json | undefined)?.value,
  );
  return {
    source,
    format: "plan",
    accepted,
    resources,
    region: typeof region === "string" ? region : undefined,
    defaultTags,
    providedByVpc,
    ...(hubClaim ? { providedByHub: hubClaim } : {}),
    modules: [...moduleInstances].filter(Boolean).sort(),
  };
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
/** An object from the plan, or an empty one where the plan has something else (a reader never trusts the shape). */
const objectOr = (v: unknown): Json => (isObject(v) ? v : {});

function isResource(r: unknown): boolean {
  return r !== null && typeof r === "object" && typeof (r as Json).address === "string" && typeof (r as Json).type === "string";
}

/**
 * The planned values with every argument the configuration sets from a resource written back as
 * that resource's reference(s). `unknown` marks a configured argument whose value the plan does not
 * know and whose references name no modelled resource (a data source, a computed attribute, a local).
 */
function overlay(
  values: Json,
  expressions: Json,
  sensitive: Json,
  afterUnknown: Json,
  follow: (references: readonly unknown[]) => { refs: string[]; opaque: string[] },
  markUnknown: (key: string, why: string) => void,
): Json {
  const out: Json = { ...values };
  for (const [key, expr] of Object.entries(expressions)) {
    if (Array.isArray(expr)) {
      // A nested block: expressions per block, values per block (and which of them are sensitive or unknown).
      const blocks = list(values[key]);
      const marks = list(sensitive[key]);
      const unknowns = list(afterUnknown[key]);
      if (afterUnknown[key] === true) markUnknown(key, "the block is known only after apply");
      out[key] = expr.map((e, i) =>
        overlay((blocks[i] ?? {}) as Json, (e ?? {}) as Json, (marks[i] ?? {}) as Json, (unknowns[i] ?? {}) as Json, follow, (inner, why) =>
          markUnknown(key, `${inner}: ${why}`),
        ),
      );
      continue;
    }
    const e = expr as Expression | null;
    if (!e || !Array.isArray(e.references)) continue;
    const { refs, opaque } = follow(e.references);
    const known = afterUnknown[key] !== true && values[key] !== undefined && values[key] !== null && sensitive[key] !== true;
    // A reference to a value (a CIDR, an IP address, a flag) is that value: kept when the plan
    // knows it, else unknown; only identities are written back as references.
    const values_ = refs.filter((r) => !isIdentityAttribute(/\.([A-Za-z0-9_]+)\}$/.exec(r)?.[1] ?? "id"));
    if (values_.length > 0) {
      if (!known) markUnknown(key, `known only after apply (from ${values_.map((r) => r.slice(2, -1)).join(", ")})`);
      continue;
    }
    if (refs.length > 0) {
      const isList = Array.isArray(values[key]) || Array.isArray(sensitive[key]) || Array.isArray(e.constant_value) || refs.length > 1;
      out[key] = isList ? refs : refs[0];
      continue;
    }
    // A value taken from exactly one variable, when the plan marks it sensitive (a connection's
    // secret): written back as the configuration has it, so a plan shows what a rule sees in the
    // configuration (SEC-2). A known, non-sensitive value stays: a variable defaulting to
    // 0.0.0.0/0 must still be seen as 0.0.0.0/0 (SEC-1).
    const vars = e.references.filter((r) => /^var\.[A-Za-z0-9_-]+$/.test(r));
    if (sensitive[key] === true && vars.length === 1 && e.references.length === 1) {
      out[key] = `\${${vars[0]}}`;
      continue;
    }
    if (!known && afterUnknown[key] === true)
      markUnknown(key, `known only after apply (from ${(opaque.length > 0 ? opaque : e.references).join(", ")})`);
  }
  return out;
}
