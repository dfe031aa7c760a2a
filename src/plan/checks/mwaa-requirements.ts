import * as path from "path";
import type { MwaaEnvironmentConfig } from "../../config/schema";
import type { Problem } from "../../problems";
import { zipEntryNames } from "../../zip-entries";
import { redactCredentials } from "../../aws/credential-shapes";
import type { LocalFiles, NetworkFacts } from "../types";

/**
 * Where MWAA unpacks plugins.zip on its containers (AWS Knowledge Center, "How do I install custom
 * packages in my Amazon MWAA environment using plugins.zip", https://repost.aws/knowledge-center/mwaa-install-custom-packages,
 * read 2026-12-02: "This file is written on the backend Amazon ECS Fargate containers at the
 * location /usr/local/airflow/plugins/").
 */
export const MWAA_PLUGINS_DIR = "/usr/local/airflow/plugins";

const SOURCES =
  'MWAA User Guide, Apache Airflow access modes (https://docs.aws.amazon.com/mwaa/latest/userguide/configuring-networking.html): with a private web server "you must package all of your dependencies in a Python wheel archive (.whl), then reference the .whl in your requirements.txt"; Managing Python dependencies in requirements.txt (archived copy in awsdocs/amazon-mwaa-user-guide): --find-links /usr/local/airflow/plugins and --no-index, without --constraint (both read 2026-12-02)';

/** One requirements.txt, read as pip reads it: options, and requirement lines with their line numbers. */
interface Requirements {
  readonly noIndex: boolean;
  readonly findLinks: readonly string[];
  readonly indexUrls: readonly string[];
  readonly constraints: readonly string[];
  readonly nested: readonly string[];
  readonly packages: readonly { readonly line: number; readonly text: string; readonly name?: string; readonly pin?: string }[];
}

/** pip's requirements file format, as far as it decides where packages come from (pip User Guide, Requirements File Format). */
export function parseRequirements(text: string): Requirements {
  const r = { noIndex: false, findLinks: [] as string[], indexUrls: [] as string[], constraints: [] as string[], nested: [] as string[] };
  const packages: { line: number; text: string; name?: string; pin?: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let line = lines[i];
    // pip continues a line ending in \ onto the next, except a comment line (pip, req_file.py join_lines).
    while (line.endsWith("\\") && !/(^|\s)#/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    // A comment starts at a # at the line's start or after whitespace.
    line = line.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const option = /^(--?[A-Za-z-]+)(?:[=\s]\s*(.*))?$/.exec(line);
    if (option) {
      const [, flag, raw = ""] = option;
      // pip splits an option line as a shell would: the guide's own example quotes its URL.
      const value = raw.trim().replace(/^(["'])(.*)\1$/, "$2");
      if (flag === "--no-index") r.noIndex = true;
      else if (flag === "-f" || flag === "--find-links") r.findLinks.push(value);
      else if (flag === "-i" || flag === "--index-url" || flag === "--extra-index-url") r.indexUrls.push(value);
      else if (flag === "-c" || flag === "--constraint") r.constraints.push(value);
      else if (flag === "-r" || flag === "--requirement") r.nested.push(value);
      // An editable install is a URL or a local folder: a package line pip cannot take from a wheel folder.
      else if (flag === "-e" || flag === "--editable") packages.push({ line: first, text: line });
      continue;
    }
    // A pin is kept only when it is one exact version (==1.2.3); ==1.*, ranges and the rest are not judged.
    const req = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:===?\s*([0-9]+(?:\.[0-9]+)*)\s*(?:$|[;,\s]))?/.exec(line);
    const isReference = /^[a-z+]+:\/\//i.test(line) || line.startsWith(".") || line.startsWith("/") || /\.whl$/.test(line);
    packages.push(isReference || !req ? { line: first, text: line } : { line: first, text: line, name: req[1], pin: req[2] });
  }
  return { ...r, packages };
}

/** A release number compared as PEP 440 compares them: 1.0 and 1.0.0 are one version. */
function sameVersion(a: string, b: string): boolean {
  const parts = (v: string) => v.split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  if (x.some(Number.isNaN) || y.some(Number.isNaN)) return a === b;
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return false;
  return true;
}

/** A line of the file for a message: credentials taken out first (the shared shapes), then cut. */
function shown(text: string): string {
  return redactCredentials(text).slice(0, 100);
}

/** A --find-links value as the path pip looks in: `file://` taken off, $AIRFLOW_HOME as MWAA sets it. */
function findLinksPath(value: string): string {
  return value
    .replace(/^file:\/\//, "")
    .replace(/\$\{AIRFLOW_HOME\}|\$AIRFLOW_HOME\b/g, "/usr/local/airflow")
    .replace(/\/+$/, "");
}

/** A distribution name compared as pip compares them (PEP 503: case, and runs of - _ . alike). */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/**
 * Whether an environment with no route to the internet can install its requirements.txt: a local
 * file is read line by line against the wheels of a local plugins.zip; one in S3 cannot be read
 * here and is a warning that says so. Problems are what is certain to fail at install (pip finds
 * nothing: --no-index with no --find-links, or a package the plugins.zip has no wheel for);
 * warnings are what cannot be verified from here.
 */
export function requirementsFindings(
  p: MwaaEnvironmentConfig,
  ctx: { readonly routing: NetworkFacts["routing"]; readonly files?: LocalFiles; readonly extraEndpoints: readonly string[] },
): { problems: Problem[]; warnings: { path: string; message: string }[] } {
  const problems: Problem[] = [];
  const warnings: { path: string; message: string }[] = [];
  // The guide's rule is the private web server's ("you must package all of your dependencies in a
  // Python wheel archive"): with public routing and PRIVATE_ONLY it applies as well.
  if (ctx.routing !== "private" && p.webserverAccessMode !== "PRIVATE_ONLY") return { problems, warnings };
  // Who cannot reach the internet: the whole VPC, or (public routing) the private web server.
  const offline =
    ctx.routing === "private" ? "a VPC with no route to the internet" : "the private web server (PRIVATE_ONLY, even with public routing)";
  const warn = (field: string, message: string) => warnings.push({ path: `mwaa.environment.${field}`, message });
  if (p.requirementsS3Path !== undefined) {
    warn(
      "requirementsS3Path",
      `cannot verify that requirements.txt installs without internet access (it is in S3, not read here): pip on ${offline} cannot reach the Python Package Index; ship the packages as wheels in plugins.zip and start the file with --find-links ${MWAA_PLUGINS_DIR} and --no-index, or use a private repository such as CodeArtifact (codeartifact.api and codeartifact.repositories in mwaa.extraEndpoints). Sources: ${SOURCES}`,
    );
    return { problems, warnings };
  }
  const local = p.requirementsFile;
  const read = local === undefined ? undefined : ctx.files?.get(local);
  if (local === undefined || !Buffer.isBuffer(read)) return { problems, warnings };
  const req = parseRequirements(read.toString("utf8"));
  const add = (rule: string) => problems.push({ path: "mwaa.environment.requirementsFile", value: local, rule });
  const named = req.packages.filter((x) => x.name !== undefined);
  for (const c of req.constraints.filter((x) => /^https?:\/\//i.test(x)))
    warn(
      "requirementsFile",
      `names the constraints file ${shown(c)}, which cannot be fetched from ${offline}: leave --constraint out (without one MWAA applies the constraints file in its image, per the Apache Airflow versions page: "If you do not provide a constraint, Amazon MWAA will specify one for you"), or ship the file in plugins.zip and name its path under ${MWAA_PLUGINS_DIR}`,
    );
  for (const x of req.packages.filter((x) => x.name === undefined))
    warn(
      "requirementsFile",
      `line ${x.line} (${shown(x.text)}) is not a package name pip can find in a wheel folder: cannot verify it installs without internet access`,
    );
  for (const n of req.nested)
    warn("requirementsFile", `includes ${shown(n)} (-r), which is not read here: cannot verify it installs without internet access`);
  if (req.indexUrls.length > 0) {
    const codeArtifact = req.indexUrls.every((u) => /\.codeartifact\.[a-z0-9-]+\.amazonaws\.com/.test(u));
    const endpoints = ["codeartifact.api", "codeartifact.repositories"].filter((s) => !ctx.extraEndpoints.includes(s));
    if (!codeArtifact)
      warn(
        "requirementsFile",
        `names a package index (${req.indexUrls.map(shown).join(", ")}): cannot verify it is reachable from ${offline}`,
      );
    else if (endpoints.length > 0)
      warn(
        "requirementsFile",
        `installs from CodeArtifact, which the VPC reaches only through interface endpoints: add ${endpoints.join(" and ")} to mwaa.extraEndpoints`,
      );
    return { problems, warnings };
  }
  if (!req.noIndex) {
    if (named.length > 0)
      warn(
        "requirementsFile",
        `installs ${named.map((x) => x.name).join(", ")} from the Python Package Index, which ${offline} cannot reach: ship them as wheels in plugins.zip and start the file with --find-links ${MWAA_PLUGINS_DIR} and --no-index. Sources: ${SOURCES}`,
      );
    return { problems, warnings };
  }
  // --no-index: the wheels must be in a folder --find-links names, inside the unpacked plugins.zip.
  const dirs = req.findLinks.map(findLinksPath).filter((f) => f === MWAA_PLUGINS_DIR || f.startsWith(`${MWAA_PLUGINS_DIR}/`));
  if (named.length === 0) return { problems, warnings };
  if (dirs.length === 0 && req.findLinks.length > 0) {
    warn(
      "requirementsFile",
      `has --no-index and --find-links only outside ${MWAA_PLUGINS_DIR} (${req.findLinks.map(shown).join(", ")}): cannot verify that a wheel is there for ${named.map((x) => x.name).join(", ")}`,
    );
    return { problems, warnings };
  }
  if (dirs.length === 0) {
    add(
      `has --no-index and no --find-links into ${MWAA_PLUGINS_DIR} (where MWAA unpacks plugins.zip), so pip finds none of ${named.map((x) => x.name).join(", ")}: add --find-links ${MWAA_PLUGINS_DIR}`,
    );
    return { problems, warnings };
  }
  if (p.pluginsS3Path !== undefined) {
    warn(
      "pluginsS3Path",
      `cannot verify that plugins.zip carries wheels for ${named.map((x) => x.name).join(", ")} (it is in S3, not read here)`,
    );
    return { problems, warnings };
  }
  const plugins = p.pluginsFile === undefined ? undefined : ctx.files?.get(p.pluginsFile);
  if (p.pluginsFile === undefined) {
    add(
      `installs ${named.map((x) => x.name).join(", ")} from wheels in plugins.zip (--no-index), but the environment has no plugins.zip: give pluginsFile (or pluginsS3Path)`,
    );
    return { problems, warnings };
  }
  if (!Buffer.isBuffer(plugins)) return { problems, warnings }; // its own problem is reported with pluginsFile
  const entries = zipEntryNames(plugins);
  if ("problem" in entries) {
    problems.push({ path: "mwaa.environment.pluginsFile", value: p.pluginsFile, rule: `must be a zip archive; it ${entries.problem}` });
    return { problems, warnings };
  }
  // The wheels pip sees: those directly in a --find-links folder (it does not search subfolders).
  const folders = dirs.map((d) => d.slice(MWAA_PLUGINS_DIR.length).replace(/^\/+|\/+$/g, ""));
  const wheels = entries.names
    .filter((n) => n.endsWith(".whl") && folders.includes(path.posix.dirname(n) === "." ? "" : path.posix.dirname(n)))
    .map((n) => path.posix.basename(n, ".whl").split("-"))
    .map(([name, version]) => ({ name: normalized(name), version }));
  const carried = wheels.map((w) => `${w.name} ${w.version}`).join(", ") || "no wheel where --find-links looks";
  for (const x of named) {
    const found = wheels.filter((w) => w.name === normalized(x.name!));
    if (found.length === 0)
      add(
        `line ${x.line} (${shown(x.text)}): plugins.zip (${p.pluginsFile}) has no wheel for ${x.name} where --find-links looks (${dirs.join(", ")}), and --no-index leaves pip nowhere else to look; it carries: ${carried}`,
      );
    else if (x.pin !== undefined && !found.some((w) => sameVersion(w.version, x.pin!)))
      add(
        `line ${x.line} (${shown(x.text)}): plugins.zip (${p.pluginsFile}) has ${x.name} only as ${found.map((w) => w.version).join(", ")}`,
      );
  }
  // Dependencies of the wheels are not read: pip resolves them at install, from the same folder.
  return { problems, warnings };
}
