import * as fs from "fs";
import * as path from "path";

/** Lists the files the generator owns in an output folder, so stale ones can be removed safely. */
export const MANIFEST_FILE = "manifest.json";

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Makes `outDir` hold exactly `files` (plus anything the generator does not own, such as a user's
 * `.terraform/` or state file, which is never touched).
 *
 * Every changed file is first written beside its target under a temporary name; only when all of
 * them are on disk are they renamed into place (a rename replaces a file atomically). Files the
 * previous synth wrote and this one does not are then removed, and the manifest goes last.
 * A failure while staging removes the staged files and leaves `outDir` as it was.
 */
export function writeTree(outDir: string, files: ReadonlyMap<string, string | Buffer>): WriteResult {
  const all = new Map(files);
  all.set(MANIFEST_FILE, `${JSON.stringify({ generator: "private-routing", files: [...files.keys()].sort() }, null, 2)}\n`);

  const written: string[] = [];
  const unchanged: string[] = [];
  const staged: { tmp: string; target: string }[] = [];
  const suffix = `.tmp-${process.pid}`;
  try {
    for (const [rel, content] of all) {
      checkRelative(rel);
      const target = path.join(outDir, rel);
      if (sameContent(target, content)) {
        unchanged.push(rel);
        continue;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = target + suffix;
      fs.writeFileSync(tmp, content);
      staged.push({ tmp, target });
      if (rel !== MANIFEST_FILE) written.push(rel);
    }
  } catch (e) {
    for (const s of staged) fs.rmSync(s.tmp, { force: true });
    throw e;
  }

  const manifest = staged.find((s) => s.target === path.join(outDir, MANIFEST_FILE));
  for (const s of staged) if (s !== manifest) fs.renameSync(s.tmp, s.target);

  const removed: string[] = [];
  for (const rel of previousFiles(outDir)) {
    if (files.has(rel)) continue;
    const target = path.join(outDir, rel);
    if (fs.existsSync(target)) {
      fs.rmSync(target);
      removed.push(rel);
      removeEmptyParents(path.dirname(target), outDir);
    }
  }
  if (manifest) fs.renameSync(manifest.tmp, manifest.target);
  return { written: written.sort(), unchanged: unchanged.filter((f) => f !== MANIFEST_FILE).sort(), removed: removed.sort() };
}

/** The files the last synth wrote into `outDir`, from its manifest (only safe relative paths). */
export function previousFiles(outDir: string): string[] {
  const text = readOrUndefined(path.join(outDir, MANIFEST_FILE));
  if (text === undefined) return [];
  try {
    const m = JSON.parse(text) as { files?: unknown };
    return Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === "string" && isSafeRelative(f)) : [];
  } catch {
    return [];
  }
}

/** Whether `file` already holds exactly `content` (text or bytes). */
function sameContent(file: string, content: string | Buffer): boolean {
  try {
    return fs.readFileSync(file).equals(Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"));
  } catch {
    return false;
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function isSafeRelative(rel: string): boolean {
  return rel !== "" && !path.isAbsolute(rel) && !rel.split(/[\\/]/).includes("..");
}

function checkRelative(rel: string): void {
  if (!isSafeRelative(rel)) throw new Error(`refusing to write outside the output folder: ${rel}`);
}

function removeEmptyParents(dir: string, stop: string): void {
  const root = path.resolve(stop);
  for (let d = path.resolve(dir); d.startsWith(root + path.sep); d = path.dirname(d)) {
    if (fs.readdirSync(d).length > 0) return;
    fs.rmdirSync(d);
  }
}
