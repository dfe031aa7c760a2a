/**
 * Decodes a policy as Terraform configurations carry it: a JSON string, or an interpolated
 * `jsonencode({...})` call as cdktf writes it (`{"Version" = "2012-10-17", ...}`) or hcl2json
 * returns it (`{ "Version" = ... }`). A bare reference inside (`aws_s3_bucket.b.arn`) becomes the
 * string `${aws_s3_bucket.b.arn}`. Returns undefined when the text is neither.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function decodePolicy(value: unknown): any {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{jsonencode\((.*)\)\}$/s.exec(value.trim());
  if (!m) {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  let out = "";
  const body = m[1];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === "\\" ? 2 : 1;
      out += body.slice(i, j + 1);
      i = j;
    } else if (c === "=" && body[i - 1] === " " && body[i + 1] === " ") {
      out = `${out.trimEnd()}:`;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_.\-[\]]*/.exec(body.slice(i))![0];
      out += ["true", "false", "null"].includes(word) ? word : JSON.stringify(`\${${word}}`);
      i += word.length - 1;
    } else out += c;
  }
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}
