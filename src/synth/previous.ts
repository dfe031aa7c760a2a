import * as crypto from "crypto";
import * as path from "path";
import { isSymlink, readRegularFile } from "../files";
import type { PreviousEnvironment } from "../plan/checks/mwaa";
import { readManifest } from "./write-tree";

/** A module is never this large; a bigger file is not read (and says nothing). */
const MAX_MODULE_BYTES = 32 * 1024 * 1024;

/**
 * What the modules last generated into `outDir` say about what may already be applied, by
 * deployment name: the Airflow version of each MWAA environment. The planner refuses a change
 * the provider would make by replacing the environment (src/aws/mwaa-versions.ts).
 *
 * Only what this tool wrote is read: a `json/<name>/main.tf.json` that the verified manifest lists
 * with the content it has now, read without following a link. A folder without a manifest, or a
 * file changed since, says nothing (the same as a first synth): this is a safeguard, not a record of
 * what was applied, which only the state has.
 */
export function previousEnvironments(outDir: string): Map<string, PreviousEnvironment> {
  const found = new Map<string, PreviousEnvironment>();
  const manifest = readManifest(outDir);
  if (manifest.kind !== "ours") return found;
  for (const [rel, hash] of manifest.files) {
    const m = /^json\/([^/]+)\/main\.tf\.json$/.exec(rel);
    if (!m || hash === undefined) continue;
    const file = path.join(outDir, rel);
    let content: Buffer;
    try {
      if (isSymlink(path.join(outDir, "json")) || isSymlink(path.dirname(file)) || isSymlink(file)) continue;
      content = readRegularFile(file, MAX_MODULE_BYTES);
    } catch {
      continue;
    }
    if (crypto.createHash("sha256").update(content).digest("hex") !== hash) continue;
    let tf: unknown;
    try {
      tf = JSON.parse(content.toString("utf8"));
    } catch {
      continue;
    }
    const environments = (tf as { resource?: { aws_mwaa_environment?: Record<string, { airflow_version?: unknown }> } })?.resource
      ?.aws_mwaa_environment;
    const versions = Object.values(environments ?? {})
      .map((e) => e?.airflow_version)
      .filter((v): v is string => typeof v === "string");
    // A generated module has one environment at most.
    if (versions.length === 1) found.set(m[1], { airflowVersion: versions[0], file: path.join(outDir, "json", m[1]) });
  }
  return found;
}
