import { credentialIn } from "../../aws/credential-shapes";
import type { DeploymentConfig } from "../../config/schema";
import { notUtf8 } from "../../files";
import { joinPath, Problem } from "../../problems";
import type { LocalFiles } from "../types";

/**
 * Secrets refused wherever the configuration holds free text, so none reaches a generated file:
 * every string of a deployment is looked at for a credential's shape (credentialIn: access keys,
 * private keys, token prefixes, a password in a URL, a secret in a query string or on a command
 * line), and every key of the maps the user names (tags, Airflow options) for a secret's name
 * (App Runner's environment and an EventBridge connection's parameter keys have checks of their
 * own, in src/plan/apprunner.ts and lattice.ts). The message names the field and
 * the supported way; the value is never shown (`(hidden)`, and showValue hides a credential's
 * shape wherever else it appears). Paths are relative to the deployment.
 */
export function secretProblems(d: DeploymentConfig, files: LocalFiles = new Map()): Problem[] {
  const problems: Problem[] = [];
  walk(d, "", undefined, problems);
  // The text files an MWAA environment names are copied into the module: a requirements.txt
  // whose --index-url carries a password would put it there.
  for (const field of ["requirementsFile", "startupScriptFile"] as const) {
    const local = d.mwaa?.environment?.[field];
    const content = local === undefined ? undefined : files.get(local);
    if (!Buffer.isBuffer(content)) continue;
    // Read as UTF-8 below: a file in another encoding (pip reads UTF-16 with a mark) is refused, not skipped.
    const encoding = notUtf8(content);
    if (encoding) {
      problems.push({
        path: `mwaa.environment.${field}`,
        value: local,
        rule: `must name a UTF-8 text file; it is ${encoding}: save it as UTF-8`,
      });
      continue;
    }
    const lines = content.toString("utf8").split("\n");
    const line = lines.findIndex((l) => credentialIn(l) !== undefined);
    if (line >= 0)
      problems.push({
        path: `mwaa.environment.${field}`,
        value: "(hidden)",
        rule: `names a file whose line ${line + 1} carries ${credentialIn(lines[line])}: it would be copied into the generated module; reach a private package repository with the environment's role instead (CodeArtifact: add codeartifact.api and codeartifact.repositories to mwaa.extraEndpoints)`,
      });
  }
  return problems;
}

/**
 * The maps whose keys the user names, by where they are, with the supported way for a secret
 * there; the last: whether their keys are judged here (an EventBridge connection's parameters'
 * keys are LAT-5's, src/plan/lattice.ts; their values are judged here).
 */
const NAMED_MAPS: readonly (readonly [RegExp, string, string, boolean])[] = [
  [/^tags$/, "tags", "tags are readable by anyone who can describe the resource: no secret belongs in one", true],
  [
    /^mwaa\.environment\.airflowConfigurationOptions$/,
    "airflowConfigurationOptions",
    "keep connections in a secrets backend (secrets.backend), so no value lands in generated files",
    true,
  ],
  [
    /\.(headers|queryString|body)$/,
    "http",
    "use the connection's authorization (basic, apiKey or oauth), whose secret comes from a sensitive variable",
    false,
  ],
];

/**
 * A key that names a secret: ending in password, secret, token, api key, secret key (Airflow's
 * `webserver.secret_key`), private key, Fernet key, access key, client secret or credentials
 * (after a separator, or in camelCase), or an Authorization header.
 * `AWS_ACCESS_KEY_ID` (an ID) and Airflow's own `secrets.backend…` options are not.
 */
const SECRET_NAME_RE =
  /(^|[_.\-\s])(password|passwd|pwd|secret|token|api[_-]?key|secret[_-]?key|private[_-]?key|fernet[_-]?key|access[_-]?key|client[_-]?secret|credentials?)$|^(proxy-)?authorization$/i;
/** The same names in camelCase (`dbPassword`, `apiToken`, `webhookSecretKey`): a capital starts the word. */
const SECRET_NAME_CAMEL_RE =
  /[a-z0-9](Password|Passwd|Pwd|Secret|Token|ApiKey|SecretKey|PrivateKey|FernetKey|AccessKey|ClientSecret|Credentials?)$/;

function walk(v: unknown, at: string, map: (typeof NAMED_MAPS)[number] | undefined, problems: Problem[]): void {
  if (typeof v === "string") {
    const credential = credentialIn(v);
    const key = map ? at.slice(at.length - mapKeyLength(at, map)) : "";
    const named = map !== undefined && map[3] && isSecretName(map[1], key) && !/^arn:/.test(v);
    if (credential || named)
      problems.push({
        path: at,
        value: "(hidden)",
        rule: `${credential ? `carries ${credential}` : `is named like a secret (${key.slice(0, 60)})`}: ${map ? map[2] : "secret values come from sensitive Terraform variables or Secrets Manager, never from the configuration"}`,
      });
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, `${at}[${i}]`, undefined, problems));
    return;
  }
  if (v === null || typeof v !== "object") return;
  const inner = map ? undefined : NAMED_MAPS.find(([re]) => re.test(at));
  for (const [k, x] of Object.entries(v)) {
    // A key is written to generated files as much as a value (a tag's key): judged alike, and
    // never echoed (the path shows the field holding it, not the key).
    const keyCredential = credentialIn(k);
    if (keyCredential) {
      problems.push({
        path: joinPath(at, "(a key)"),
        value: "(hidden)",
        rule: `has a key that carries ${keyCredential}: no secret belongs in the configuration`,
      });
      continue;
    }
    // App Runner's secrets map holds ARNs by design (anything else there is refused by its own
    // check), and its environment is judged by checkAppRunnerService, which its construct runs too.
    if ((k === "secrets" || k === "environment") && /^apprunner\.services\[\d+\]$/.test(at)) continue;
    walk(x, joinPath(at, k), inner, problems);
  }
}

/** The key's length at the end of `at`: everything after the map's own path (keys may hold dots). */
function mapKeyLength(at: string, map: (typeof NAMED_MAPS)[number]): number {
  for (let i = at.length - 1; i > 0; i--) if (at[i] === "." && map[0].test(at.slice(0, i))) return at.length - i - 1;
  return at.length;
}

/** Whether a key of the user's map names a secret (Airflow's own `secrets.backend…` options do not). */
function isSecretName(map: string, key: string): boolean {
  if (map === "airflowConfigurationOptions" && key.startsWith("secrets.")) return false;
  return SECRET_NAME_RE.test(key) || SECRET_NAME_CAMEL_RE.test(key);
}
