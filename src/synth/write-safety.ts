import * as fs from "fs";
import * as path from "path";

/**
 * What the writer never removes or replaces, whatever a manifest or a journal in the output folder
 * says: those files can be copied along with a folder, committed by mistake, or planted, and the
 * manifest's checksum has no key (anyone can write one that verifies). Terraform's state and its
 * backups (`*.tfstate*`, workspaces' `terraform.tfstate.d/`), its working folder (`.terraform/`),
 * variable values (`*.tfvars`, `*.tfvars.json`) and lock files are the user's, never the
 * generator's: the reason is returned, or undefined for any other path.
 */
export function protectedKind(rel: string): string | undefined {
  // Compared as a case-insensitive file system (macOS, Windows) would find them, trailing dots
  // and spaces stripped as Windows strips them: `TERRAFORM.TFSTATE.` is the state there.
  const parts = rel.split("/").map((p) => p.toLowerCase().replace(/[. ]+$/, ""));
  const base = parts[parts.length - 1];
  if (parts.includes(".terraform")) return "Terraform's working folder (.terraform/)";
  if (parts.includes("terraform.tfstate.d")) return "Terraform workspace state (terraform.tfstate.d/)";
  if (parts.includes(".git")) return "a Git repository's own files (.git/)";
  if (/\.tfstate(\.|$)/.test(base)) return "Terraform state or its backup";
  if (/\.tfvars(\.json)?$/.test(base)) return "variable values (*.tfvars)";
  if (base === ".terraform.lock.hcl" || base === ".terraform.tfstate.lock.info") return "a Terraform lock file";
  return undefined;
}

/**
 * A path the writer accepts from anywhere (its input, a manifest, a journal): relative, `/`
 * between plain names only. No empty, `.` or `..` segment, no trailing `/`, no backslash (a name
 * on Linux, a separator on Windows: the checks below and the file system would see two different
 * paths), no control character. So the path that is checked is the path that is written.
 */
export function isPlainRelative(rel: string): boolean {
  if (rel === "" || rel.startsWith("/") || rel.includes("\\") || [...rel].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return false;
  return rel.split("/").every((p) => p !== "" && p !== "." && p !== "..");
}

/**
 * Whether the generator may touch (remove or replace) the file at `rel` holding `content`, besides
 * what the manifest says: a Terraform file or README only if it carries the generator's mark (a
 * user's `mine.tf` never does); an upload under a module's `files/` folder by checksum alone (it is
 * a copy of the user's own file, with no mark); nothing else.
 */
export function mayTouch(rel: string, content: Buffer): boolean {
  if (isMarkedKind(rel)) return !lacksGeneratorMark(rel, content);
  return rel.split("/").slice(0, -1).includes("files");
}

/** Files the generator writes with its mark in them: Terraform (`.tf`, `.tf.json`) and READMEs. */
export function isMarkedKind(rel: string): boolean {
  const base = (rel.split("/").pop() ?? "").toLowerCase();
  return base.endsWith(".tf") || base.endsWith(".tf.json") || base === "readme.md";
}

/**
 * The first thing on the way from `outDir` to `outDir/rel` (the target itself included) that the
 * writer must not write through or replace: a symbolic link (writing through it would leave
 * `--out`), a file where a folder is needed, or a folder, socket or device where a file is.
 * Undefined when every existing part is a real folder and the target, if it exists, a regular file.
 */
export function inTheWay(outDir: string, rel: string): { readonly path: string; readonly what: string } | undefined {
  const parts = rel.split("/");
  let at = outDir;
  for (let i = 0; i < parts.length; i++) {
    at = path.join(at, parts[i]);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(at);
    } catch {
      return undefined; // nothing there yet: made by the writer, inside --out
    }
    const last = i === parts.length - 1;
    if (st.isSymbolicLink()) return { path: at, what: "a symbolic link (not followed: it could lead out of --out)" };
    if (!last && !st.isDirectory()) return { path: at, what: "a file where a folder is needed" };
    if (last && !st.isFile()) return { path: at, what: st.isDirectory() ? "a folder where a file is needed" : "not a regular file" };
  }
  return undefined;
}

/**
 * Whether the nearest existing folder on the way to `outDir/rel` lets this process create, rename
 * and remove entries (write and search permission). `access(2)` also refuses an immutable folder
 * and a read-only file system, for root too.
 */
export function folderNotWritable(outDir: string, rel: string): string | undefined {
  let dir = path.dirname(path.join(outDir, rel));
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return undefined;
  } catch (e) {
    return `${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? "EACCES"})`;
  }
}

/**
 * Whether a file's content says private-routing generated it: the first line of its HCL, the
 * `//` block of its Terraform JSON, the opening of its README. A file the user wrote (a `mine.tf`
 * beside ours) carries none, so no manifest, however made, gets it removed. Other files (uploads
 * under `files/`, copies of the user's own) carry no mark and are judged by checksum alone.
 */
export function lacksGeneratorMark(rel: string, content: Buffer): boolean {
  const text = () => content.subarray(0, 4096).toString("utf8");
  const lower = rel.toLowerCase();
  if (lower.endsWith(".tf.json")) {
    try {
      const doc = JSON.parse(content.toString("utf8")) as { "//"?: { private_routing?: { generator?: unknown } } };
      return !String(doc["//"]?.private_routing?.generator ?? "").startsWith("private-routing");
    } catch {
      return true;
    }
  }
  if (lower.endsWith(".tf")) return !text().startsWith("# Generated by private-routing");
  if (path.basename(lower) === "readme.md") return !/generated by private-routing/i.test(text());
  return false;
}
