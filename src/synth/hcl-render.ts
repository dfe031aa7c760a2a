import { formatHcl, skipString, skipTemplate } from "./hcl-format";

/**
 * Turns cdktf's HCL for a stack into HCL a Terraform reviewer accepts as hand-written:
 * - the `terraform {}` block is rendered here from the JSON configuration, because cdktf's
 *   renderer drops overrides such as `required_version` (it prints `0 = "required_version"`) and a
 *   cloud workspace's `project`;
 * - interpolation-only strings are unwrapped (`"${aws_vpc.network.id}"` becomes
 *   `aws_vpc.network.id`, `"${jsonencode({…})}"` becomes `jsonencode({…})`), which Terraform
 *   evaluates identically;
 * - `depends_on` lists and `provider` meta-arguments hold bare references (cdktf quotes them,
 *   which Terraform warns about: "Quoted references are deprecated");
 * - the layout is terraform fmt's (formatHcl).
 */
export function toReviewableHcl(
  cdktfHcl: string,
  terraformBlock: Record<string, unknown>,
  header: string,
  checks: Record<string, unknown> = {},
): string {
  const rest = cutLeadingBlock(cdktfHcl, "terraform");
  const checkBlocks = Object.entries(checks).map(([name, c]) => renderCheckBlock(name, c as CheckJson));
  return formatHcl(
    `${header}\n${renderTerraformBlock(terraformBlock)}\n${unquoteProviders(unquoteDependsOn(unwrapInterpolations([rest, ...checkBlocks].join("\n"))))}`,
  );
}

interface CheckJson {
  readonly data: Record<string, Record<string, Record<string, unknown>>>;
  readonly assert: readonly { readonly condition: string; readonly error_message: string }[];
}

/**
 * A `check` block (cdktf's HCL renderer drops them): its scoped data sources, then its assertions.
 * Conditions are single interpolations (unwrapped to expressions with the rest); error messages
 * are templates whose `${…}` parts Terraform evaluates.
 */
function renderCheckBlock(name: string, c: CheckJson): string {
  const lines = [`check ${hclValue(name)} {`];
  for (const [type, byName] of Object.entries(c.data)) {
    for (const [dataName, args] of Object.entries(byName)) {
      lines.push(`data ${hclValue(type)} ${hclValue(dataName)} {`, ...Object.entries(args).map(([k, v]) => `${k} = ${hclValue(v)}`), "}");
    }
  }
  for (const a of c.assert) {
    lines.push("", "assert {", `condition = ${hclTemplate(a.condition)}`, `error_message = ${hclTemplate(a.error_message)}`, "}");
  }
  lines.push("}");
  return lines.join("\n");
}

/** A string whose `${…}` parts are Terraform expressions, as an HCL template: only the text around them is escaped. */
export function hclTemplate(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("${", i)) {
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '"') {
          j = s.indexOf('"', j + 1);
          if (j < 0) throw new Error(`hclTemplate: unterminated string in ${s}`);
        } else if (s[j] === "{") depth++;
        else if (s[j] === "}" && --depth === 0) break;
      }
      if (j >= s.length) throw new Error(`hclTemplate: unterminated interpolation in ${s}`);
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const c = s[i];
    out += c === '"' ? '\\"' : c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "%" && s[i + 1] === "{" ? "%%" : c;
    i++;
  }
  return `"${out}"`;
}

/** Removes the first top-level block named `name` (cdktf always writes the terraform block first). */
function cutLeadingBlock(hcl: string, name: string): string {
  const start = hcl.search(new RegExp(`^${name}\\s*\\{`, "m"));
  if (start < 0) return hcl;
  let depth = 0;
  for (let i = hcl.indexOf("{", start); i < hcl.length; i++) {
    const c = hcl[i];
    if (c === '"') {
      i = skipString(hcl, i) - 1;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return hcl.slice(0, start) + hcl.slice(i + 1);
  }
  throw new Error(`unbalanced ${name} block in cdktf HCL`);
}

function renderTerraformBlock(tf: Record<string, unknown>): string {
  const lines = ["terraform {"];
  if (tf.required_version !== undefined) lines.push(`required_version = ${hclValue(tf.required_version)}`);
  const providers = (tf.required_providers ?? {}) as Record<string, unknown>;
  if (Object.keys(providers).length > 0) {
    lines.push("required_providers {");
    for (const [name, spec] of Object.entries(providers)) lines.push(`${name} = ${hclValue(spec)}`);
    lines.push("}");
  }
  for (const [type, settings] of Object.entries((tf.backend ?? {}) as Record<string, Record<string, unknown>>)) {
    lines.push(`backend "${type}" {`);
    for (const [k, v] of Object.entries(settings)) lines.push(`${k} = ${hclValue(v)}`);
    lines.push("}");
  }
  // cdktf's HCL drops a named workspace's `project`; rendered here from the JSON instead.
  if (tf.cloud !== undefined) {
    const { workspaces, ...settings } = tf.cloud as Record<string, unknown>;
    lines.push("cloud {");
    for (const [k, v] of Object.entries(settings)) if (v !== undefined) lines.push(`${k} = ${hclValue(v)}`);
    if (workspaces !== undefined) {
      lines.push("workspaces {");
      for (const [k, v] of Object.entries(workspaces as Record<string, unknown>)) if (v !== undefined) lines.push(`${k} = ${hclValue(v)}`);
      lines.push("}");
    }
    lines.push("}");
  }
  for (const key of Object.keys(tf)) {
    if (!["required_version", "required_providers", "backend", "cloud"].includes(key)) {
      throw new Error(`terraform.${key} has no HCL rendering yet`);
    }
  }
  lines.push("}");
  return lines.join("\n");
}

/** A JSON value as an HCL expression; strings are escaped, never interpreted. */
export function hclValue(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string")
    return `"${v
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\n/g, "\\n")
      .replace(/\$\{/g, () => "$${")
      .replace(/%\{/g, "%%{")}"`;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(hclValue).join(", ")}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, x]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclValue(k)} = ${hclValue(x)}`).join("\n")}\n}`;
}

/**
 * `depends_on = ["aws_x.y"]` becomes `depends_on = [aws_x.y]`, and `ignore_changes = ["vpc"]`
 * `ignore_changes = [vpc]`: references, which Terraform warns about when quoted ("Quoted references
 * are deprecated"); JSON takes them as strings.
 */
export function unquoteDependsOn(hcl: string): string {
  return hcl.replace(/\b(?:depends_on|ignore_changes)\s*=\s*\[([^\]]*)\]/g, (whole, items: string) =>
    whole.replace(items, items.replace(/"([A-Za-z_][A-Za-z0-9_.-]*)"/g, "$1")),
  );
}

/** `provider = "aws.vpc_owner"` (the meta-argument, alone on its line) becomes `provider = aws.vpc_owner`. */
export function unquoteProviders(hcl: string): string {
  return hcl.replace(/^(\s*provider\s*=\s*)"([a-z][a-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)"\s*$/gm, "$1$2");
}

/** Replaces every string literal that is exactly one `${…}` by the expression inside it. */
export function unwrapInterpolations(hcl: string): string {
  let out = "";
  let i = 0;
  while (i < hcl.length) {
    const c = hcl[i];
    if (c === "#" || (c === "/" && hcl[i + 1] === "/")) {
      const end = hcl.indexOf("\n", i);
      const stop = end < 0 ? hcl.length : end;
      out += hcl.slice(i, stop);
      i = stop;
      continue;
    }
    if (c !== '"') {
      out += c;
      i++;
      continue;
    }
    const end = skipString(hcl, i);
    if (hcl.startsWith("${", i + 1) && skipTemplate(hcl, i + 3) === end - 1) {
      out += unwrapInterpolations(hcl.slice(i + 3, end - 2));
    } else {
      out += hcl.slice(i, end);
    }
    i = end;
  }
  return out;
}
