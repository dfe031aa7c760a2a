/** Helpers for reading synthesized Terraform JSON in tests (snake_case keys, as Terraform reads them). */
export type Attrs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface TerraformJson {
  resource?: Record<string, Record<string, Attrs>>;
  output?: Record<string, { value: unknown; description?: string }>;
  provider?: Record<string, Attrs[]>;
  terraform?: Attrs;
  [key: string]: unknown;
}

export function resourcesOf(tf: TerraformJson, type: string): Record<string, Attrs> {
  return tf.resource?.[type] ?? {};
}

/** `${type.name.attr}`, the way cdktf writes a reference. */
export function ref(type: string, name: string, attr = "id"): string {
  return `\${${type}.${name}.${attr}}`;
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * Decodes `${jsonencode({"Version" = "2012-10-17", …})}` as cdktf writes Fn.jsonencode of an
 * object: keys are quoted, so turning ` = ` outside strings into `:` gives JSON; a bare reference
 * (`aws_s3_bucket.b.arn`) becomes the string `${aws_s3_bucket.b.arn}`, as cdktf writes references.
 */
export function decodeJsonencode(expr: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const m = /^\$\{jsonencode\((.*)\)\}$/s.exec(expr);
  if (!m) throw new Error(`not a jsonencode expression: ${expr.slice(0, 80)}`);
  let out = "";
  const body = m[1];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      let j = i + 1;
      while (body[j] !== '"') j += body[j] === "\\" ? 2 : 1;
      out += body.slice(i, j + 1);
      i = j;
    } else if (c === "=" && body[i - 1] === " " && body[i + 1] === " ") {
      out = `${out.trimEnd()}:`;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_.\-]*/.exec(body.slice(i))![0];
      out += ["true", "false", "null"].includes(word) ? word : JSON.stringify(`\${${word}}`);
      i += word.length - 1;
    } else out += c;
  }
  return JSON.parse(out);
}
