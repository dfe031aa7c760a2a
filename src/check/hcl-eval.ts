// A static evaluator for the expressions of Terraform configuration as hcl2json and Terraform JSON
// write them ("${…}" templates). It evaluates what a configuration fixes by itself: literals,
// variables with a default or a value, locals, count/for_each keys, resource references (as
// `${address.attr}` strings, the form the rules read), [*] splats, conditionals, comparisons and a
// small set of pure functions. What depends on the world (an input with no value, a data source, a
// value computed at apply) is an Unknown, with why; what the evaluator does not implement (a `for`
// expression, other functions) is Unsupported, and the caller keeps the expression's text.
// Language: https://developer.hashicorp.com/terraform/language/expressions

import { isIdentityAttribute } from "./model-types";
import { cidrSubnet, formatIpv4Cidr, parseIpv4Prefix } from "../net/ipv4-cidr";

/** A value that cannot be known from the configuration alone. `input`: it comes from an input variable with no value. */
export class Unknown {
  constructor(
    readonly why: string,
    readonly input = false,
  ) {}
}
/** An expression this evaluator does not implement; its text is kept as written. */
export class Unsupported {
  constructor(readonly why: string) {}
}
/** The instances of a resource block: `single` (no count/for_each), or keyed by count index or for_each key. */
export class Instances {
  constructor(
    readonly instances: readonly { address: string; key?: string | number }[],
    readonly keyed: boolean,
    /** The value of an argument of one instance as configured (undefined when the configuration does not set it). */
    readonly configured: (address: string, attr: string) => Value,
    /** Set when one instance was chosen, or when splatting (`[*]`). */
    readonly mode: "block" | "one" | "splat" = "block",
  ) {}
}
export type Value = unknown;

export interface EvalScope {
  variable(name: string): Value;
  local(name: string): Value;
  /** The instances of `type.name` in this module, or undefined when there is no such block. */
  resource(type: string, name: string): Instances | Unknown | undefined;
  /**
   * An output of a module call: of its only instance (`module.x.out`), of the instance with this
   * count index or for_each key (`module.x[0].out`, `module.x["a"].out`), or of every instance in
   * order (`module.x[*].out`, a list).
   */
  moduleOutput(call: string, output: string, instance?: { key: Value } | "all"): Value;
  /** count.index, each.key/value, and dynamic block iterators by name. */
  readonly iterators?: Readonly<Record<string, { key: Value; value: Value }>>;
}

const isOpaque = (v: Value): v is Unknown | Unsupported => v instanceof Unknown || v instanceof Unsupported;

/**
 * Values are partial inside the evaluator: a list or an object keeps its other members when one is
 * unknown (`{ s3 = {…}, dynamodb = { policy = data.x.json } }` still has two keys, which is all a
 * for_each needs). What leaves it is settled (`settle`): the first unknown inside a value stands for
 * the whole value, an Unknown before an Unsupported, so a rule never reads half a value.
 */
export function deepOpaque(v: Value): Unknown | Unsupported | undefined {
  let unsupported: Unsupported | undefined;
  const walk = (x: Value, depth: number): Unknown | undefined => {
    if (x instanceof Unknown) return x;
    if (x instanceof Unsupported) {
      unsupported ??= x;
      return undefined;
    }
    if (depth > 64 || x === null || typeof x !== "object" || x instanceof Instances) return undefined;
    for (const y of Array.isArray(x) ? x : Object.values(x)) {
      const found = walk(y, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(v, 0) ?? unsupported;
}

/** A value as it leaves the evaluator: itself when wholly known, else the first unknown inside it. */
export function settle(v: Value): Value {
  return deepOpaque(v) ?? v;
}

/** Functions whose result does not depend on the members of a list or an object, only on its shape or keys. */
const STRUCTURAL = new Set([
  "length",
  "keys",
  "values",
  "merge",
  "concat",
  "lookup",
  "element",
  "slice",
  "tolist",
  "tomap",
  "coalescelist",
]);

/** Evaluates a value as written in a configuration: strings are templates, lists and objects are walked. */
export function evaluate(value: Value, scope: EvalScope): Value {
  if (typeof value === "string") return value.includes("${") || value.includes("%{") ? template(value, scope) : value;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, scope)]));
  return value;
}

/** A template: one `${expr}` alone is the expression's value; otherwise the parts are joined as text. */
function template(text: string, scope: EvalScope, bound?: ReadonlyMap<string, Value>): Value {
  if (text.includes("%{")) return new Unsupported("a template directive (%{…})");
  const parts: Value[] = [];
  let i = 0;
  let literal = "";
  let literals = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      literal += "${";
      i += 3;
      continue;
    }
    if (text.startsWith("${", i)) {
      const end = closing(text, i + 2);
      if (end < 0) return new Unsupported("an unterminated interpolation");
      if (literal) {
        parts.push(literal);
        literals++;
      }
      literal = "";
      parts.push(expression(text.slice(i + 2, end).replace(/^~|~$/g, ""), scope, bound));
      i = end + 1;
      continue;
    }
    literal += text[i++];
  }
  if (literal) {
    parts.push(literal);
    literals++;
  }
  // `"${expr}"` alone is the expression's value (a list stays a list); anything else is a string.
  if (parts.length === 1 && literals === 0) return parts[0];
  const opaque = parts.find(isOpaque);
  if (opaque) return opaque;
  if (parts.some((p) => p !== null && typeof p === "object")) return new Unsupported("a list or object inside a string");
  return parts.map((p) => (p === null ? "" : String(p))).join("");
}

/** The index of the `}` closing an interpolation that starts at `from`, skipping strings and nested braces. */
function closing(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\") i++;
        else if (text.startsWith("${", i)) i = closing(text, i + 2);
        if (i < 0) return -1;
      }
    } else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

// ---- expressions ----

type Token = { kind: "num" | "str" | "id" | "op"; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i))!;
      out.push({ kind: "num", text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      out.push({ kind: "id", text: m[0] });
      i += m[0].length;
    } else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\\") j += 2;
        else if (src.startsWith("${", j)) {
          const end = closing(src, j + 2);
          if (end < 0) throw new Unsupported("an unterminated string");
          j = end + 1;
        } else j++;
      }
      out.push({ kind: "str", text: src.slice(i + 1, j) });
      i = j + 1;
    } else {
      const op = ["[*]", ".*", "==", "!=", "<=", ">=", "&&", "||", "=>", "..."].find((o) => src.startsWith(o, i)) ?? c;
      if (!"[*].*==!=<=>=&&||=>...+-*/%<>!?:,()[]{}=".includes(op)) throw new Unsupported(`the character ${JSON.stringify(c)}`);
      out.push({ kind: "op", text: op });
      i += op.length;
    }
  }
  return out;
}

/** Evaluates one expression (the inside of `${…}`); never throws. */
export function expression(src: string, scope: EvalScope, bound?: ReadonlyMap<string, Value>): Value {
  try {
    const p = new Parser(tokenize(src), scope, bound);
    const v = p.expr();
    if (!p.done()) return new Unsupported(`"${src.slice(0, 40)}"`);
    return v;
  } catch (e) {
    if (e instanceof Unsupported || e instanceof Unknown) return e;
    return new Unsupported(String((e as Error).message ?? e));
  }
}

class Parser {
  constructor(
    private readonly tokens: Token[],
    private readonly scope: EvalScope,
    /** Names a `for` expression binds (`s` in `[for s in aws_subnet.private : s.id]`). */
    private readonly bound: ReadonlyMap<string, Value> = new Map(),
    private i = 0,
  ) {}
  /** Where the parser stands: a `for` expression parses its parts again from here, once per element. */
  position(): number {
    return this.i;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  /** The next token; with `text`, only an operator or name spelt so (never a string's content). */
  private peek(text?: string): Token | undefined {
    const t = this.tokens[this.i];
    return text === undefined || (t?.text === text && t.kind !== "str") ? t : undefined;
  }
  private take(text?: string): Token {
    const t = this.tokens[this.i];
    if (!t || (text !== undefined && (t.text !== text || t.kind === "str"))) throw new Unsupported(`expected ${text ?? "more"}`);
    this.i++;
    return t;
  }
  private accept(text: string): boolean {
    if (this.peek(text)) {
      this.i++;
      return true;
    }
    return false;
  }

  expr(): Value {
    const cond = this.binary(0);
    if (!this.accept("?")) return cond;
    const a = this.expr();
    this.take(":");
    const b = this.expr();
    if (isOpaque(cond)) return cond;
    if (typeof cond !== "boolean") return new Unsupported("a condition that is not a boolean");
    return cond ? a : b;
  }

  private static readonly LEVELS = [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"]];
  private binary(level: number): Value {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = Parser.LEVELS[level].find((o) => this.peek(o)?.kind === "op");
      if (!op) return left;
      this.i++;
      const right = this.binary(level + 1);
      left = operate(op, left, right);
    }
  }
  private unary(): Value {
    if (this.accept("!")) {
      const v = this.unary();
      return isOpaque(v) ? v : typeof v === "boolean" ? !v : new Unsupported("! of a non-boolean");
    }
    if (this.accept("-")) {
      const v = this.unary();
      return isOpaque(v) ? v : typeof v === "number" ? -v : new Unsupported("- of a non-number");
    }
    return this.postfix(this.primary());
  }

  private primary(): Value {
    const t = this.take();
    if (t.kind === "num") return Number(t.text);
    if (t.kind === "str") return template(unescape(t.text), this.scope, this.bound);
    if (t.kind === "op") {
      if (t.text === "(") {
        const v = this.expr();
        this.take(")");
        return v;
      }
      if (t.text === "[") return this.tuple();
      if (t.text === "{") return this.object();
      throw new Unsupported(`"${t.text}"`);
    }
    if (t.text === "true") return true;
    if (t.text === "false") return false;
    if (t.text === "null") return null;
    if (this.bound.has(t.text) && !this.peek("(")) return this.bound.get(t.text);
    if (this.peek("(")) return this.call(t.text);
    return this.traversal(t.text);
  }

  private tuple(): Value {
    if (this.peek("for")) return this.forExpression("]");
    const items: Value[] = [];
    while (!this.accept("]")) {
      items.push(this.expr());
      if (!this.accept(",")) {
        this.take("]");
        break;
      }
    }
    return items;
  }
  private object(): Value {
    if (this.peek("for")) return this.forExpression("}");
    const out: Record<string, Value> = {};
    let opaque: Value;
    while (!this.accept("}")) {
      const keyToken = this.tokens[this.i];
      let key: Value;
      if (keyToken?.kind === "id" && (this.tokens[this.i + 1]?.text === "=" || this.tokens[this.i + 1]?.text === ":")) {
        key = keyToken.text;
        this.i++;
      } else key = this.expr();
      if (!this.accept("=")) this.take(":");
      const v = this.expr();
      // An unknown key loses the object; an unknown value is kept as a member.
      if (isOpaque(key)) opaque ??= key;
      else if (key !== null && typeof key === "object") opaque ??= new Unsupported("an object key that is not a string");
      else out[String(key)] = v;
      this.accept(",");
    }
    return opaque ?? out;
  }

  /**
   * `[for v in coll : expr if cond]` and `{for k, v in coll : key => value if cond}`, the opening
   * bracket taken. The parts are parsed once to find where they end (the names bound to nothing
   * yet), then again for each element of the collection with its key and value bound: a list's
   * index, a map's key (in lexical order, as Terraform iterates), a resource's count index or
   * for_each key. Grouping (`...`) is not evaluated.
   */
  private forExpression(close: "]" | "}"): Value {
    this.take("for");
    const first = this.take().text;
    const second = this.accept(",") ? this.take().text : undefined;
    this.take("in");
    const collection = this.expr();
    this.take(":");
    const bind = (k: Value, v: Value) =>
      new Map([
        ...this.bound,
        ...((second === undefined
          ? [[first, v]]
          : [
              [first, k],
              [second, v],
            ]) as [string, Value][]),
      ]);
    const part = (at: number, names: ReadonlyMap<string, Value>) => {
      const p = new Parser(this.tokens, this.scope, names, at);
      return { value: p.expr(), end: p.position() };
    };
    // The layout: key (or the tuple's body), `=>` value and `...` for an object, then `if` cond.
    const unbound = bind(new Unsupported("a for variable"), new Unsupported("a for variable"));
    const head = this.i;
    let valueAt: number | undefined;
    let at = part(head, unbound).end;
    if (close === "}") {
      if (this.tokens[at]?.text !== "=>") throw new Unsupported("expected => in a for expression");
      valueAt = at + 1;
      at = part(valueAt, unbound).end;
    }
    const grouping = this.tokens[at]?.text === "..." && this.tokens[at]?.kind === "op";
    if (grouping) at++;
    let condAt: number | undefined;
    if (this.tokens[at]?.text === "if" && this.tokens[at]?.kind === "id") {
      condAt = at + 1;
      at = part(condAt, unbound).end;
    }
    this.i = at;
    this.take(close);
    if (grouping) return new Unsupported("a for expression grouping with ...");
    const elements = elementsOf(collection);
    if (!Array.isArray(elements)) return elements;
    const list: Value[] = [];
    const map: Record<string, Value> = {};
    for (const [k, v] of elements) {
      const names = bind(k, v);
      if (condAt !== undefined) {
        const cond = part(condAt, names).value;
        if (isOpaque(cond)) return cond;
        if (typeof cond !== "boolean") return new Unsupported("a for expression's if that is not a boolean");
        if (!cond) continue;
      }
      const body = part(head, names).value;
      if (valueAt === undefined) {
        list.push(body);
        continue;
      }
      const value = part(valueAt, names).value;
      if (isOpaque(body)) return body;
      if (body === null || typeof body === "object") return new Unsupported("a for expression key that is not a string");
      // Terraform refuses a duplicate key without `...`.
      if (Object.hasOwn(map, String(body))) return new Unsupported(`a duplicate key ${JSON.stringify(body)} in a for expression`);
      map[String(body)] = value;
    }
    return valueAt === undefined ? list : map;
  }

  private call(name: string): Value {
    this.take("(");
    const args: Value[] = [];
    while (!this.accept(")")) {
      args.push(this.expr());
      if (this.accept("...")) throw new Unsupported("argument expansion (...)");
      if (!this.accept(",")) {
        this.take(")");
        break;
      }
    }
    if (name === "try") {
      // The first argument that evaluates, null included (find() ?? would skip a null).
      const i = args.findIndex((a) => !(a instanceof Unsupported));
      return i >= 0 ? args[i] : new Unsupported("try()");
    }
    const opaque = args.find(isOpaque) ?? (STRUCTURAL.has(name) ? undefined : args.map(deepOpaque).find(Boolean));
    if (opaque) return opaque;
    // Own keys only: a configuration calling toString() or constructor() gets "unsupported", not Object's.
    const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!fn) return new Unsupported(`the function ${name}()`);
    return fn(...args);
  }

  private name(): string {
    if (!this.accept(".")) throw new Unsupported("a traversal");
    return this.take().text;
  }

  private traversal(root: string): Value {
    const it = this.scope.iterators?.[root];
    if (it) {
      const attr = this.name();
      return attr === "index" || attr === "key" ? it.key : attr === "value" ? it.value : new Unsupported(`${root}.${attr}`);
    }
    switch (root) {
      case "var":
        return this.scope.variable(this.name());
      case "local":
        return this.scope.local(this.name());
      case "module": {
        const call = this.name();
        if (this.accept("[*]") || this.accept(".*")) return this.scope.moduleOutput(call, this.name(), "all");
        if (this.peek("[")) {
          this.take("[");
          const key = this.expr();
          this.take("]");
          return this.scope.moduleOutput(call, this.name(), { key });
        }
        return this.scope.moduleOutput(call, this.name());
      }
      case "data": {
        const type = this.name();
        const name = this.name();
        this.skipTraversal();
        return new Unknown(`from data.${type}.${name}, read at plan`);
      }
      case "count":
      case "each":
        throw new Unsupported(`${root} outside a counted block`);
      case "path":
      case "terraform":
      case "self":
        this.skipTraversal();
        return new Unsupported(`${root}.…`);
      default: {
        const name = this.name();
        const found = this.scope.resource(root, name);
        if (found === undefined) throw new Unsupported(`${root}.${name}, which is not a resource of this module`);
        return found;
      }
    }
  }
  private skipTraversal() {
    for (;;) {
      if (this.accept(".")) this.take();
      else if (this.peek("[")) {
        this.take("[");
        this.expr();
        this.take("]");
      } else if (!this.accept("[*]") && !this.accept(".*")) return;
    }
  }

  private postfix(v: Value): Value {
    for (;;) {
      if (this.accept("[*]") || this.accept(".*")) {
        v = splat(v);
      } else if (this.peek("[")) {
        this.take("[");
        const key = this.expr();
        this.take("]");
        v = index(v, key);
      } else if (this.peek(".") && this.tokens[this.i + 1]?.kind === "id") {
        this.take(".");
        v = attribute(v, this.take().text);
      } else if (this.peek(".") && this.tokens[this.i + 1]?.kind === "num") {
        this.take(".");
        v = index(v, Number(this.take().text));
      } else return v;
    }
  }
}

function unescape(s: string): string {
  return s.replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c as "n"] ?? c);
}

/** The (key, value) pairs a `for` expression iterates: a list's, a map's in lexical key order, or a counted resource's instances. */
function elementsOf(c: Value): [Value, Value][] | Unknown | Unsupported {
  if (isOpaque(c)) return c;
  if (Array.isArray(c)) return c.map((v, i) => [i, v]);
  if (c instanceof Instances) {
    if (!c.keyed) return new Unsupported("a for expression over a single resource");
    return c.instances.map((i) => [i.key, new Instances([i], c.keyed, c.configured, "one")]);
  }
  if (c !== null && typeof c === "object")
    return Object.keys(c)
      .sort()
      .map((k) => [k, (c as Record<string, Value>)[k]]);
  return new Unsupported("a for expression over a value that is not a collection");
}

function splat(v: Value): Value {
  if (isOpaque(v)) return v;
  if (v instanceof Instances) return new Instances(v.instances, v.keyed, v.configured, "splat");
  if (Array.isArray(v)) return v;
  return v === null ? [] : [v];
}

function index(v: Value, key: Value): Value {
  if (isOpaque(v)) return v;
  if (isOpaque(key)) return key;
  if (v instanceof Instances) {
    const one = v.instances.find((i) => i.key === key || (typeof key === "string" && String(i.key) === key));
    return one ? new Instances([one], v.keyed, v.configured, "one") : new Unsupported(`no instance [${JSON.stringify(key)}]`);
  }
  if (Array.isArray(v) && typeof key === "number") return key in v ? v[key] : new Unsupported("an index out of range");
  if (v !== null && typeof v === "object" && !Array.isArray(v) && typeof key === "string")
    return key in (v as object) ? (v as Record<string, Value>)[key] : new Unsupported(`no key ${key}`);
  return new Unsupported("an index on a value that has none");
}

function attribute(v: Value, name: string): Value {
  if (isOpaque(v)) return v;
  if (v instanceof Instances) {
    // An identity stays a reference (what rules follow); any other attribute is its configured value, or unknown.
    const of = (address: string): Value => {
      if (isIdentityAttribute(name)) return `\${${address}.${name}}`;
      const set = v.configured(address, name);
      return set === undefined ? new Unknown(`known only after apply (${address}.${name})`) : set;
    };
    if (v.mode === "splat") {
      const all = v.instances.map((i) => of(i.address));
      return all.find(isOpaque) ?? all;
    }
    if (v.mode === "one" || !v.keyed) return of(v.instances[0]?.address);
    return new Unsupported("an attribute of a resource with count or for_each, without an index");
  }
  if (Array.isArray(v)) return v.map((x) => attribute(x, name)).find(isOpaque) ?? v.map((x) => attribute(x, name));
  if (v !== null && typeof v === "object")
    return name in (v as object) ? (v as Record<string, Value>)[name] : new Unsupported(`no attribute ${name}`);
  return new Unsupported(`.${name} of a ${typeof v}`);
}

function operate(op: string, a: Value, b: Value): Value {
  if (op === "&&" && a === false) return false;
  if (op === "||" && a === true) return true;
  if (isOpaque(a)) return a;
  if (isOpaque(b)) return b;
  const inner = deepOpaque(a) ?? deepOpaque(b);
  if (inner) return inner;
  if (op === "==") return JSON.stringify(a) === JSON.stringify(b);
  if (op === "!=") return JSON.stringify(a) !== JSON.stringify(b);
  if (op === "&&" || op === "||") {
    if (typeof a !== "boolean" || typeof b !== "boolean") return new Unsupported(`${op} of non-booleans`);
    return op === "&&" ? a && b : a || b;
  }
  const x = typeof a === "string" && a.trim() !== "" ? Number(a) : a;
  const y = typeof b === "string" && b.trim() !== "" ? Number(b) : b;
  if (typeof x !== "number" || typeof y !== "number" || Number.isNaN(x) || Number.isNaN(y)) return new Unsupported(`${op} of non-numbers`);
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return x / y;
    case "%":
      return x % y;
    case "<":
      return x < y;
    case ">":
      return x > y;
    case "<=":
      return x <= y;
    default:
      return x >= y;
  }
}

const asList = (v: Value): Value[] | undefined => (Array.isArray(v) ? v : undefined);
const asMap = (v: Value): Record<string, Value> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Instances) ? (v as Record<string, Value>) : undefined;
const distinct = (xs: Value[]) => xs.filter((x, i) => xs.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i);

/** The pure functions evaluated; any other is Unsupported (its text is kept). */
/**
 * Terraform's `cidrsubnet(prefix, newbits, netnum)` for IPv4
 * (https://developer.hashicorp.com/terraform/language/functions/cidrsubnet): the prefix's host bits
 * are ignored, as Go's net.ParseCIDR does; IPv6 and out-of-range arguments stay unsupported.
 */
function cidrsubnetOf(prefix: Value, newbits: Value, netnum: Value): Value {
  const parent = typeof prefix === "string" ? parseIpv4Prefix(prefix) : undefined;
  if (!parent || typeof newbits !== "number" || typeof netnum !== "number") return new Unsupported("cidrsubnet() of these arguments");
  try {
    return formatIpv4Cidr(cidrSubnet(parent, newbits, netnum));
  } catch {
    return new Unsupported(`cidrsubnet(${prefix}, ${newbits}, ${netnum}), out of range`);
  }
}

/**
 * A set as Terraform orders it (checked against `terraform console` in hcl-eval.terraform.test.ts):
 * numbers ascending; strings, or a mix of strings, numbers and booleans (converted to strings), in
 * byte order. A set of lists or objects is not evaluated.
 */
function toSet(xs: readonly Value[]): Value {
  const unique = distinct([...xs]) as Value[];
  if (unique.every((x) => typeof x === "number")) return [...(unique as number[])].sort((a, b) => a - b);
  if (unique.every((x) => typeof x === "string" || typeof x === "number" || typeof x === "boolean"))
    return (distinct(unique.map(String)) as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Unsupported("toset() of lists or objects");
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  cidrsubnet: (prefix, newbits, netnum) => cidrsubnetOf(prefix, newbits, netnum),
  length: (v) =>
    typeof v === "string" ? v.length : (asList(v)?.length ?? (asMap(v) ? Object.keys(asMap(v)!).length : new Unsupported("length()"))),
  element: (l, i) => {
    const xs = asList(l);
    return xs && typeof i === "number" && xs.length > 0 ? xs[i % xs.length] : new Unsupported("element()");
  },
  toset: (l) => (asList(l) ? toSet(asList(l)!) : new Unsupported("toset()")),
  tolist: (l) => asList(l) ?? new Unsupported("tolist()"),
  tomap: (m) => asMap(m) ?? new Unsupported("tomap()"),
  concat: (...ls) => (ls.every(Array.isArray) ? (ls as Value[][]).flat() : new Unsupported("concat()")),
  flatten: (l) => (asList(l) ? (asList(l)! as unknown[]).flat(Infinity) : new Unsupported("flatten()")),
  distinct: (l) => (asList(l) ? distinct(asList(l)!) : new Unsupported("distinct()")),
  compact: (l) => (asList(l) ? asList(l)!.filter((x) => x !== null && x !== "") : new Unsupported("compact()")),
  slice: (l, a, b) => (asList(l) && typeof a === "number" && typeof b === "number" ? asList(l)!.slice(a, b) : new Unsupported("slice()")),
  contains: (l, v) => (asList(l) ? asList(l)!.some((x) => JSON.stringify(x) === JSON.stringify(v)) : new Unsupported("contains()")),
  keys: (m) => (asMap(m) ? Object.keys(asMap(m)!).sort() : new Unsupported("keys()")),
  values: (m) =>
    asMap(m)
      ? Object.keys(asMap(m)!)
          .sort()
          .map((k) => asMap(m)![k])
      : new Unsupported("values()"),
  merge: (...ms) => (ms.every((m) => m === null || asMap(m)) ? Object.assign({}, ...ms.filter(Boolean)) : new Unsupported("merge()")),
  lookup: (m, k, d) => {
    const map = asMap(m);
    if (!map || typeof k !== "string") return new Unsupported("lookup()");
    return k in map ? map[k] : d === undefined ? new Unsupported(`lookup() of a missing key ${k}`) : d;
  },
  coalesce: (...xs) => xs.find((x) => x !== null && x !== "") ?? new Unsupported("coalesce() of nothing"),
  join: (sep, l) =>
    typeof sep === "string" && asList(l)?.every((x) => typeof x === "string") ? asList(l)!.join(sep) : new Unsupported("join()"),
  split: (sep, s) => (typeof sep === "string" && typeof s === "string" ? s.split(sep) : new Unsupported("split()")),
  lower: (s) => (typeof s === "string" ? s.toLowerCase() : new Unsupported("lower()")),
  upper: (s) => (typeof s === "string" ? s.toUpperCase() : new Unsupported("upper()")),
  tostring: (v) => (["string", "number", "boolean"].includes(typeof v) ? String(v) : new Unsupported("tostring()")),
  tonumber: (v) =>
    typeof v === "number"
      ? v
      : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))
        ? Number(v)
        : new Unsupported("tonumber()"),
  tobool: (v) => (typeof v === "boolean" ? v : v === "true" ? true : v === "false" ? false : new Unsupported("tobool()")),
  format: (f, ...xs) => formatOf(f, xs),
  formatlist: (f, ...xs) => {
    // Lists are walked together (all of one length), a single value repeats.
    const lengths = [...new Set(xs.filter(Array.isArray).map((l) => (l as Value[]).length))];
    if (lengths.length !== 1) return new Unsupported("formatlist()");
    const out = Array.from({ length: lengths[0] }, (_, i) =>
      formatOf(
        f,
        xs.map((x) => (Array.isArray(x) ? x[i] : x)),
      ),
    );
    return out.find(isOpaque) ?? out;
  },
  max: (...xs) => (xs.length > 0 && xs.every((x) => typeof x === "number") ? Math.max(...(xs as number[])) : new Unsupported("max()")),
  min: (...xs) => (xs.length > 0 && xs.every((x) => typeof x === "number") ? Math.min(...(xs as number[])) : new Unsupported("min()")),
  sum: (l) =>
    asList(l) && asList(l)!.length > 0 && asList(l)!.every((x) => typeof x === "number")
      ? (asList(l) as number[]).reduce((a, b) => a + b, 0)
      : new Unsupported("sum()"),
  abs: (x) => (typeof x === "number" ? Math.abs(x) : new Unsupported("abs()")),
  ceil: (x) => (typeof x === "number" ? Math.ceil(x) : new Unsupported("ceil()")),
  floor: (x) => (typeof x === "number" ? Math.floor(x) : new Unsupported("floor()")),
  coalescelist: (...ls) =>
    ls.every(Array.isArray)
      ? ((ls as Value[][]).find((l) => l.length > 0) ?? new Unsupported("coalescelist() of nothing"))
      : new Unsupported("coalescelist()"),
  // A substring only: `/…/` is a regular expression in Terraform, not evaluated here.
  replace: (str, sub, rep) =>
    typeof str === "string" &&
    typeof sub === "string" &&
    typeof rep === "string" &&
    !(sub.length > 1 && sub.startsWith("/") && sub.endsWith("/"))
      ? str.split(sub).join(rep)
      : new Unsupported("replace()"),
  trimspace: (x) => (typeof x === "string" ? x.trim() : new Unsupported("trimspace()")),
  startswith: (x, p) => (typeof x === "string" && typeof p === "string" ? x.startsWith(p) : new Unsupported("startswith()")),
  endswith: (x, p) => (typeof x === "string" && typeof p === "string" ? x.endsWith(p) : new Unsupported("endswith()")),
};

/**
 * `format` with the verbs `%s`, `%d` and `%%` only, which cover what network modules write; any
 * other verb (`%03d`, `%v`, `%q`) is not evaluated rather than evaluated wrong.
 */
function formatOf(f: Value, xs: readonly Value[]): Value {
  if (typeof f !== "string" || f.replace(/%%|%[sd]/g, "").includes("%")) return new Unsupported("format() with these verbs");
  let n = 0;
  let bad = false;
  const out = f.replace(/%%|%[sd]/g, (m) => {
    if (m === "%%") return "%";
    const x = xs[n++];
    if (m === "%d" && !(typeof x === "number" && Number.isInteger(x))) bad = true;
    if (m === "%s" && !(typeof x === "string" || typeof x === "number" || typeof x === "boolean")) bad = true;
    return String(x);
  });
  return bad || n !== xs.length ? new Unsupported("format() of these arguments") : out;
}
