/**
 * Shapes of values that carry a credential, so that one is never copied into a generated file
 * (and never echoed in a message). Used by the planner on plain-text configuration fields and by
 * the checker's SEC-3 on the same kinds of Terraform fields.
 *
 * Shapes are chosen to be specific (a false alarm blocks a synth): a URL with a password in its
 * user information (RFC 3986 section 3.2.1 deprecates it for this reason), AWS access key IDs
 * (AKIA/ASIA and 16 characters, "Understanding and getting your AWS credentials", AWS General
 * Reference), PEM private keys, and the documented token prefixes of GitHub (ghp_, gho_, ghu_,
 * ghs_, ghr_), Slack (xox…-) and Stripe live secret keys (sk_live_); and a secret placed where
 * URLs and command lines are logged (a query parameter or flag named for one, a bearer token).
 */
const SHAPES: readonly (readonly [RegExp, string])[] = [
  // A password that is a reference ($VAR, ${var.x}, %(name)s) is not a secret written here.
  [/[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:(?![$%])[^/\s@]+@/i, "a URL with a password in it"],
  // The same without a scheme, as a whole value (a host name field: user:password@app.terraform.io).
  [/^(?!mailto:)[^\s/:@$%]+:(?![$%])[^\s/@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "a password before a host name"],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key ID"],
  // A secret access key is 40 characters of base64 with no prefix of its own: recognised, as
  // secret scanners do, only beside its name (AWS_SECRET_ACCESS_KEY=…, aws_secret_access_key: …),
  // since 40 such characters alone are as often a hash or an ID.
  [/\b(aws_?)?secret_?access_?key["']?\s*[=:]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i, "an AWS secret access key"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, "a GitHub token"],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/\bsk_live_[0-9A-Za-z]{24,}/, "a Stripe secret key"],
  // A secret passed where anything that logs a URL or a command line shows it: a query parameter
  // named for one (?api_key=, &token=, ?sig=), a command-line flag whose name ends in one
  // (--db-password=…, not --password-stdin or --secret-id), an HTTP bearer token (with a digit:
  // not a word). References and booleans are not secrets.
  [
    /[?&](api[_-]?key|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd|sig|signature)=(?![$%]|(true|false)\b)[^&\s#]+/i,
    "a secret in a URL's query string",
  ],
  [/(^|\s)--?[a-z0-9-]*(password|passwd|secret|token|api-?key)(=|\s+)(?![$%-])\S+/i, "a secret on a command line"],
  [/\bbearer\s+(?=[A-Za-z0-9._~+/-]*\d)[A-Za-z0-9._~+/-]{16,}/i, "a bearer token"],
];

/** What credential the value carries, or undefined. */
export function credentialIn(value: string): string | undefined {
  return SHAPES.find(([re]) => re.test(value))?.[1];
}

/**
 * `text` with every credential's shape in it replaced by `(hidden)`: the last line of defence for
 * what is printed (a path made of a key, a rule that quotes a key, a value that is not a string).
 */
export function redactCredentials(text: string): string {
  let out = text;
  for (const [re] of SHAPES) out = out.replace(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`), "(hidden)");
  return out;
}
