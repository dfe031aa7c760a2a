import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { fromNode, isFileSystemError, isSymlink, makeFolders } from "../files";
import { SWITCH_GUARD_FILE, WRITER_WORK_DIR } from "../outputs";
import { folderNotWritable, inTheWay, isMarkedKind, isPlainRelative, mayTouch, protectedKind } from "./write-safety";

/** Lists the files the generator owns in an output folder, so stale ones can be removed safely. */
export const MANIFEST_FILE = "manifest.json";
const GENERATOR = "private-routing";
/**
 * 3: per-file SHA-256 and a checksum over the list (`checksum`). 2: the same, the field named
 * `signature` (it never was one: there is no key), still read. 1 (no `format` field): a file list only.
 */
const MANIFEST_FORMAT = 3;
/** What marks a module folder as in use: Terraform's local state, its backup, its working folder. */
const STATE_MARKERS = ["terraform.tfstate", "terraform.tfstate.backup", ".terraform"];

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** Files the last synth wrote and this one does not, left in place, with why. */
  readonly kept: readonly { readonly file: string; readonly why: string }[];
  /** A journal found in the folder that did not hold (recoverOutput): where it was set aside, and why. */
  readonly setAside?: SetAside;
}

/** A journal that was not applied, moved with the writer's folder out of the way. */
export interface SetAside {
  /** The writer's folder as it was found, now at this path (relative to the output folder). */
  readonly folder: string;
  readonly problems: readonly string[];
}

export interface WriteOptions {
  /**
   * Remove the generated files of a module folder that holds Terraform state or `.terraform/`
   * (the state itself is never removed).
   * @default false - such a folder stops the write, and nothing is written
   */
  readonly prune?: boolean;
  /**
   * Files the last synth wrote that this one leaves exactly as they are (`--only`): not written,
   * not removed, and listed in the new manifest with the checksum of what was written then. A
   * list, or a test on each file of the manifest as it is once a killed switch is recovered (a
   * list read before the writer's lock could miss what that switch wrote).
   * @default - none
   */
  readonly carry?: readonly string[] | ((rel: string) => boolean);
}

/**
 * The output folder cannot be written safely, or cannot be written at all (a file in the way, no
 * permission, no space). `switchBegun`: it failed after the commit point, so the folder is in the
 * middle of a switch that the next synth finishes (Terraform refuses its module folders until then);
 * otherwise nothing was written.
 */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly switchBegun = false,
  ) {
    super(message);
  }
}

/** Held while a synth writes an output folder: `{pid, start}` of the holder. Never in the manifest. */
export const LOCK_FILE = ".private-routing.lock";
/**
 * The writer's own folder in the output: staged files (`staging/`), and the journal of a switch in
 * progress (`journal.json`). Empty between synths; never in the manifest; never a module folder.
 */
export const WORK_DIR = WRITER_WORK_DIR;
const JOURNAL = "journal.json";

/**
 * Put in every module folder for the length of a switch, and taken out when the switch is done.
 * Terraform refuses to load a folder holding it (a top-level argument it does not know, "Unsupported
 * argument", at `init`, `validate`, `plan` and `apply`, verified with Terraform 1.11.4 in
 * __tests__/synth/write-guard.terraform.test.ts), so a folder a kill leaves part old, part new is
 * never planned or applied: Terraform sees the old module, the new one, or refuses, the error
 * showing the file's name and the line that says what to do.
 */
export const GUARD_FILE = SWITCH_GUARD_FILE;
export const GUARD_TEXT = [
  "# private-routing is switching the files of this folder to a new synth, or was stopped while it did:",
  "# until the switch is finished the folder can hold part old, part new files, so Terraform must not run here.",
  "# Run `private-routing synth` again: it finishes the switch and removes this file.",
  'private_routing_synth_in_progress = "run private-routing synth again before terraform"',
  "",
].join("\n");

/** 3: moves and removals carry checksums. Journals of earlier versions are set aside, not applied. */
const JOURNAL_FORMAT = 3;

/** A switch from one tree to the next, written once every new file is staged: the commit point. */
interface Journal {
  readonly format: typeof JOURNAL_FORMAT;
  /** Staged guard (relative to WORK_DIR) → its place in a module folder (relative to outDir). */
  readonly guards: readonly (readonly [string, string])[];
  /** Staged file (relative to WORK_DIR) → target (relative to outDir) and the staged file's SHA-256; the manifest last. */
  readonly moves: readonly (readonly [string, string, string])[];
  /** Files of the previous tree to remove (relative to outDir), with the SHA-256 they held when the switch was planned. */
  readonly removals: readonly (readonly [string, string])[];
}

/**
 * Runs `fn` holding the output folder's lock, so two synths into one folder never interleave. A
 * lock whose holder is gone (no such process, or a new process that reuses its PID: the start time
 * differs) is stale and taken over; a live holder stops this synth with its PID and start time.
 */
export function withOutputLock<T>(outDir: string, fn: () => T): T {
  const created = !fs.existsSync(outDir);
  makeFolders(outDir);
  const lock = path.join(outDir, LOCK_FILE);
  const planted = lstatOrUndefined(lock);
  if (planted && !planted.isFile())
    throw new OutputError(
      `${lock} is not the lock file private-routing writes (${planted.isSymbolicLink() ? "a symbolic link" : planted.isDirectory() ? "a folder" : "not a regular file"}): it is not followed or removed; move it away`,
    );
  const me = JSON.stringify({ pid: process.pid, start: processStart(process.pid) });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, me, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw e;
      const holder = readHolder(lock);
      if (holder && isRunning(holder)) {
        if (created) fs.rmSync(outDir, { recursive: true, force: true });
        throw new OutputError(
          `another synth (PID ${holder.pid}) is writing ${outDir}: wait for it to finish; if no such process runs, remove ${lock}`,
        );
      }
      fs.rmSync(lock, { force: true }); // stale: its holder is gone
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
    if (created && fs.readdirSync(outDir).length === 0) fs.rmdirSync(outDir);
  }
}

function readHolder(lock: string): { pid: number; start?: string } | undefined {
  try {
    const h = JSON.parse(fs.readFileSync(lock, "utf8")) as { pid?: unknown; start?: unknown };
    return typeof h.pid === "number" ? { pid: h.pid, start: typeof h.start === "string" ? h.start : undefined } : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

function isRunning(holder: { pid: number; start?: string }): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const start = processStart(holder.pid);
  return holder.start === undefined || start === undefined || start === holder.start;
}

/** A process's start time (clock ticks since boot, /proc/<pid>/stat field 22) where Linux tells it. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** What the manifest in an output folder says about the files the generator owns there. */
export type Manifest =
  | { readonly kind: "none" }
  | { readonly kind: "ours"; readonly files: ReadonlyMap<string, string | undefined>; readonly legacy: boolean }
  | { readonly kind: "foreign"; readonly why: string };

/**
 * Makes `outDir` hold exactly `files` (plus anything the generator does not own, such as a user's
 * `.terraform/` or state file, which is never touched).
 *
 * The manifest lists every file with its SHA-256 and a checksum over the tool name, the format
 * and that list. A `manifest.json` that does not verify (a user's own, a hand-edited one) stops
 * the write: it is neither overwritten nor trusted to say what may be deleted. Because anyone can
 * make one that verifies, the writer's own test decides what it may touch (journalProblems,
 * write-safety.ts): never state, `.terraform/`, tfvars or lock files, never through a link, never
 * a file it did not write. A file the last synth wrote is removed only if it still holds what was
 * written (a file changed since is kept and reported), and never from a folder holding Terraform
 * state unless `prune` is set.
 *
 * Every changed file is first staged in `<out>/.private-routing/staging/`; when all are on disk, a
 * journal of the switch is written (the commit point), then the files are renamed into place (a
 * rename replaces a file atomically), the old ones removed and the manifest moved last. A run
 * killed before the commit point leaves the old tree (its staging folder is deleted by the next
 * run); killed after it, the next run rolls the journal forward to the new tree. See
 * docs/architecture.md for what this guarantees and what it does not.
 */
export function writeTree(outDir: string, files: ReadonlyMap<string, string | Buffer>, options: WriteOptions = {}): WriteResult {
  for (const rel of files.keys()) checkRelative(rel);
  if (files.has(LOCK_FILE)) throw new Error(`refusing to write the lock file ${LOCK_FILE}`);
  for (const rel of files.keys())
    if (rel === WORK_DIR || rel.startsWith(`${WORK_DIR}/`)) throw new Error(`refusing to write into the writer's folder ${WORK_DIR}`);
  for (const rel of files.keys()) if (path.basename(rel) === GUARD_FILE) throw new Error(`refusing to write the guard file ${rel}`);
  for (const rel of files.keys()) if (protectedKind(rel)) throw new Error(`refusing to write ${rel}: ${protectedKind(rel)}`);
  const progress = { switchBegun: false };
  try {
    return withOutputLock(outDir, () => writeUnlocked(outDir, files, options, progress));
  } catch (e) {
    // A file-system error (a file in the way, no permission, no space, a name too long): said in
    // words, with the path, and whether the folder was left as it was. A rename's error names the
    // target it could not write (`dest`), not the staged file.
    if (e instanceof OutputError || !isFileSystemError(e)) throw e;
    const err = e as NodeJS.ErrnoException & { dest?: string };
    const failed = fromNode(e, err.dest ?? err.path ?? outDir);
    const where = path.resolve(failed.file) === path.resolve(outDir) ? "" : `: ${failed.file}`;
    throw new OutputError(`cannot write ${outDir}${where}: ${failed.message} (${failed.code})`, progress.switchBegun);
  }
}

/** At most this many problems are named in one message; the rest are counted. */
const MAX_NAMED = 20;

function listed(problems: readonly string[]): string {
  const named = problems.slice(0, MAX_NAMED).join("; ");
  return problems.length > MAX_NAMED ? `${named}; and ${problems.length - MAX_NAMED} more` : named;
}

function writeUnlocked(
  outDir: string,
  files: ReadonlyMap<string, string | Buffer>,
  options: WriteOptions,
  progress: { switchBegun: boolean },
): WriteResult {
  // A previous run's switch, finished here, counts as begun: failing, it leaves the folder mid-switch.
  progress.switchBegun = fs.existsSync(path.join(outDir, WORK_DIR, JOURNAL));
  const recovered = recover(outDir);
  progress.switchBegun = false;
  const previous = readManifest(outDir);
  if (previous.kind === "foreign") {
    throw new OutputError(
      `${path.join(outDir, MANIFEST_FILE)} is not a manifest private-routing wrote (${previous.why}): it is not overwritten, and the files it lists are not deleted. Move it away or choose another --out.`,
    );
  }
  const carried = new Map(
    previous.kind === "ours"
      ? (typeof options.carry === "function" ? [...previous.files.keys()].filter(options.carry) : (options.carry ?? []))
          .filter((rel) => !files.has(rel) && previous.files.get(rel) !== undefined)
          .map((rel) => [rel, previous.files.get(rel)!])
      : [],
  );
  const all = new Map(files);
  all.set(MANIFEST_FILE, manifestText(files, carried));
  // Nothing is read or staged through a link, or onto a folder: every target is looked at first.
  const blocked = new Set(
    [...all.keys()].flatMap((rel) => {
      const b = inTheWay(outDir, rel);
      return b ? [`${b.path} is ${b.what}`] : [];
    }),
  );
  if (blocked.size > 0) throw new OutputError(`cannot write into ${outDir}: ${listed([...blocked])}; nothing was changed`);
  const { remove, kept } = plannedRemovals(outDir, previous, new Map([...files, ...carried]), options.prune ?? false);

  const written: string[] = [];
  const unchanged: string[] = [];
  const moves: [string, string, string][] = [];
  const guards: [string, string][] = [];
  const made: string[] = [];
  // Stage every changed file in the writer's own folder, away from the module folders: a run
  // killed here leaves only that folder, which the next run deletes (the tree is the old one).
  const staging = path.join(outDir, WORK_DIR, "staging");
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    let n = 0;
    for (const [rel, content] of all) {
      const target = path.join(outDir, rel);
      if (sameContent(target, content)) {
        unchanged.push(rel);
        continue;
      }
      const staged = `staging/${n++}`;
      makeFolders(staging);
      fs.writeFileSync(path.join(outDir, WORK_DIR, staged), content);
      moves.push([staged, rel, sha256(Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"))]);
      if (rel !== MANIFEST_FILE) written.push(rel);
    }
    // Every module folder of the old and the new tree is guarded while the switch runs, not only
    // the changed ones: deployments read each other (a Lattice consumer the owner's share), so
    // Terraform sees the whole old tree, the whole new one, or refuses. A journal set aside may
    // have left guards: this switch takes them out.
    if (moves.some(([, rel]) => rel !== MANIFEST_FILE) || remove.length > 0 || recovered.kind === "set-aside") {
      const owned = [...all.keys(), ...(previous.kind === "ours" ? previous.files.keys() : [])];
      const folders = [...new Set(owned.filter(isTerraformFile).map((rel) => path.dirname(rel)))].sort();
      for (const folder of folders) {
        const staged = `staging/${n++}`;
        makeFolders(staging);
        fs.writeFileSync(path.join(outDir, WORK_DIR, staged), GUARD_TEXT);
        guards.push([staged, path.join(folder, GUARD_FILE)]);
      }
    }
    // The manifest moves last: until it does, the previous manifest still describes what is owned.
    moves.sort(([, a], [, b]) => Number(a === MANIFEST_FILE) - Number(b === MANIFEST_FILE));
    const journal: Journal = { format: JOURNAL_FORMAT, guards, moves, removals: remove };
    // Whatever could fail after the commit point is looked for before it, with the test a journal
    // found at the next start must pass (recover): nothing protected or foreign replaced or
    // removed, no link followed, every folder writable, room left on the disk.
    const problems = journalProblems(outDir, journal, previous);
    const room = freeBytes(outDir);
    if (room !== undefined && room < MIN_FREE_BYTES)
      problems.push(`${outDir} has ${room} bytes free, less than the ${MIN_FREE_BYTES} the switch keeps in hand for its renames`);
    if (problems.length > 0) throw new OutputError(`cannot write into ${outDir}: ${listed(problems)}; nothing was changed`);
    // Folders are made before the commit point: one that cannot be stops the write here, with the
    // tree untouched (and the folders made so far taken away again).
    for (const [, rel] of [...moves, ...guards]) made.push(...makeFoldersListed(outDir, path.dirname(rel)));
    if (moves.length === 0 && remove.length === 0 && guards.length === 0) {
      fs.rmSync(path.join(outDir, WORK_DIR), { recursive: true, force: true });
      return {
        written: [],
        unchanged: unchanged.filter((f) => f !== MANIFEST_FILE).sort(),
        removed: [],
        kept,
        setAside: setAsideOf(recovered),
      };
    }
    // The commit point: once the journal is on disk (written whole, then renamed), the switch is
    // finished by this run or, if it is killed, by the next one (rollForward).
    const journalFile = path.join(outDir, WORK_DIR, JOURNAL);
    fs.writeFileSync(`${journalFile}.tmp`, JSON.stringify(journal));
    fs.renameSync(`${journalFile}.tmp`, journalFile);
    progress.switchBegun = true;
    rollForward(outDir, journal);
  } catch (e) {
    if (!progress.switchBegun) {
      fs.rmSync(path.join(outDir, WORK_DIR), { recursive: true, force: true });
      for (const dir of made.reverse()) {
        try {
          fs.rmdirSync(dir); // only while empty: nothing of anyone else's is taken with it
        } catch {
          // not empty, or gone: left as it is
        }
      }
    }
    throw e;
  }
  return {
    written: written.sort(),
    unchanged: unchanged.filter((f) => f !== MANIFEST_FILE).sort(),
    removed: remove.map(([rel]) => rel).sort(),
    kept,
    setAside: setAsideOf(recovered),
  };
}

/** What the writer keeps free on the output's file system at the commit point (renames and new folder entries need a little). */
const MIN_FREE_BYTES = 1024 * 1024;

/** Free bytes for this process on the file system of `dir`, where the platform tells it. */
function freeBytes(dir: string): number | undefined {
  try {
    const st = fs.statfsSync(dir);
    return Number(st.bavail) * Number(st.bsize);
  } catch {
    return undefined;
  }
}

/** Makes the folders on the way to `outDir/rel`, returning the ones it made (deepest last). */
function makeFoldersListed(outDir: string, rel: string): string[] {
  const missing: string[] = [];
  for (let d = path.join(outDir, rel); d !== outDir && !fs.existsSync(d); d = path.dirname(d)) missing.push(d);
  makeFolders(path.join(outDir, rel));
  return missing.reverse();
}

function setAsideOf(r: Recovery): SetAside | undefined {
  return r.kind === "set-aside" ? r.setAside : undefined;
}

/**
 * What stops a journal from being applied, each naming its path; empty when every guard, move and
 * removal passes. The same test before the commit point (a switch this run planned) and at the
 * next start (a journal found in the folder, maybe copied along, committed or planted):
 * - no target is protected (protectedKind), has a link or a file on its way, or is a folder;
 * - every staged file still there holds the checksum the journal gives it, and one gone has been
 *   moved (its target holds it); the staged manifest verifies and lists every move with its checksum;
 * - a file replaced or removed is one the current manifest lists with the checksum it has now (a
 *   Terraform file or README also carrying the generator's mark), or, replaced, one that carries
 *   the mark; a removal's checksum is the one planned;
 * - a guard's place is free or holds the guard; every folder written is writable.
 */
function journalProblems(outDir: string, journal: Journal, current: Manifest): string[] {
  const problems: string[] = [];
  const work = path.join(outDir, WORK_DIR);
  const owned = current.kind === "ours" ? current.files : new Map<string, string | undefined>();
  const stagedHash = (staged: string): string | undefined => {
    const st = lstatOrUndefined(path.join(work, staged));
    if (!st) return undefined;
    if (!st.isFile()) return "not a regular file";
    return sha256(fs.readFileSync(path.join(work, staged)));
  };
  const checkTarget = (rel: string) => {
    const full = path.join(outDir, rel);
    const top = rel.split(/[\\/]/)[0];
    if (top === WORK_DIR || top.startsWith(`${WORK_DIR}.`) || rel === LOCK_FILE) return `${full} is the writer's own: never a target`;
    const kind = protectedKind(rel);
    if (kind) return `${full} is ${kind}: never replaced or removed`;
    const way = inTheWay(outDir, rel);
    if (way) return `${way.path} is ${way.what}`;
    return folderNotWritable(outDir, rel);
  };
  /**
   * Whether the file at `rel` is the generator's to replace or remove (mayTouch: a Terraform file
   * or README with the mark, an upload under `files/`): to remove, also listed with the checksum
   * it has now; to replace, that or (a marked file) the mark alone.
   */
  const isOurs = (rel: string, content: Buffer, replacing: boolean) => {
    if (!mayTouch(rel, content)) return false;
    const listedNow = owned.get(rel) === sha256(content);
    return listedNow || (replacing && isMarkedKind(rel));
  };
  for (const [staged, rel] of journal.guards) {
    const problem = checkTarget(rel);
    if (problem) problems.push(problem);
    else if (path.basename(rel) !== GUARD_FILE) problems.push(`${path.join(outDir, rel)} is not a guard's name`);
    else {
      const there = readBytes(path.join(outDir, rel));
      if (there !== undefined && there.toString("utf8") !== GUARD_TEXT)
        problems.push(
          `${path.join(outDir, rel)} is not a file private-routing wrote, and private-routing needs that name while it switches the folder's files: move it away`,
        );
      const hash = stagedHash(staged);
      if (hash !== undefined && hash !== sha256(Buffer.from(GUARD_TEXT, "utf8")))
        problems.push(`${path.join(work, staged)} is not a guard`);
    }
  }
  // One target per path, and none inside another (a file `b.tf` and a file `b.tf/c.tf`): either
  // would fail half way through the switch.
  const targets = [
    ...journal.guards.map(([, rel]) => rel),
    ...journal.moves.map(([, rel]) => rel),
    ...journal.removals.map(([rel]) => rel),
  ];
  const seenTargets = new Set<string>();
  for (const rel of targets) {
    if (seenTargets.has(rel)) problems.push(`${path.join(outDir, rel)} is named twice`);
    seenTargets.add(rel);
  }
  for (const rel of seenTargets)
    if (rel.split("/").some((_, i, parts) => i > 0 && seenTargets.has(parts.slice(0, i).join("/"))))
      problems.push(`${path.join(outDir, rel)} is inside another target`);
  const manifestMove = journal.moves.find(([, rel]) => rel === MANIFEST_FILE);
  for (const [staged, rel, hash] of journal.moves) {
    const full = path.join(outDir, rel);
    const problem = checkTarget(rel);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const stagedNow = stagedHash(staged);
    const there = readBytes(full);
    if (stagedNow === undefined) {
      if (there === undefined || sha256(there) !== hash)
        problems.push(`${path.join(work, staged)} is gone and ${full} does not hold what it staged`);
      continue;
    }
    if (stagedNow !== hash) problems.push(`${path.join(work, staged)} does not hold what the journal says was staged for ${full}`);
    else if (there !== undefined && sha256(there) !== hash && rel !== MANIFEST_FILE && !isOurs(rel, there, true))
      problems.push(
        `${full} is not a file private-routing wrote (no manifest lists it as it is now, and it carries no mark of the generator): it is not replaced; move it away`,
      );
    else if (there !== undefined && sha256(there) !== hash && rel === MANIFEST_FILE && current.kind !== "ours")
      problems.push(`${full} is not a manifest private-routing wrote: it is not replaced`);
  }
  if (!manifestMove && (journal.moves.length > 0 || journal.removals.length > 0)) problems.push(`the journal moves no ${MANIFEST_FILE}`);
  else if (manifestMove && lstatOrUndefined(path.join(work, manifestMove[0]))?.isFile()) {
    const next = parseManifest(fs.readFileSync(path.join(work, manifestMove[0]), "utf8"));
    if (next.kind !== "ours") problems.push(`the staged ${MANIFEST_FILE} does not verify`);
    else
      for (const [, rel, hash] of journal.moves)
        if (rel !== MANIFEST_FILE && next.files.get(rel) !== hash)
          problems.push(`the staged ${MANIFEST_FILE} does not list ${rel} as staged`);
  }
  for (const [rel, hash] of journal.removals) {
    const full = path.join(outDir, rel);
    const kind = protectedKind(rel);
    if (kind) {
      problems.push(`${full} is ${kind}: never replaced or removed`);
      continue;
    }
    const way = inTheWay(outDir, rel);
    if (way) {
      problems.push(`${way.path} is ${way.what}`);
      continue;
    }
    const there = readBytes(full);
    if (there === undefined) continue; // removed already
    if (sha256(there) !== hash || !isOurs(rel, there, false))
      problems.push(`${full} is not removed: no manifest lists it as it is now, or it carries no mark of the generator`);
    else {
      const notWritable = folderNotWritable(outDir, rel);
      if (notWritable) problems.push(notWritable);
    }
  }
  return [...new Set(problems)]; // a folder's problem once, however many of its files it stops
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Finishes a switch: the guards put in every module folder, each staged file renamed onto its
 * target (a rename replaces a file atomically; a staged file already moved is skipped), the
 * removals, the manifest, the guards taken out, then the journal and the staging folder deleted.
 * Safe to run again after a kill at any point of it. Only a journal that passes journalProblems
 * gets here.
 */
function rollForward(outDir: string, journal: Journal): void {
  const work = path.join(outDir, WORK_DIR);
  for (const [staged, rel] of journal.guards) {
    const target = path.join(outDir, rel);
    if (fs.existsSync(target) || !fs.existsSync(path.join(work, staged))) continue;
    makeFolders(path.dirname(target));
    fs.renameSync(path.join(work, staged), target);
  }
  for (const [staged, rel] of journal.moves) {
    if (rel === MANIFEST_FILE || !fs.existsSync(path.join(work, staged))) continue;
    // Made before the commit point already; again for a roll-forward after removals took it away.
    makeFolders(path.dirname(path.join(outDir, rel)));
    fs.renameSync(path.join(work, staged), path.join(outDir, rel));
  }
  for (const [rel] of journal.removals) {
    const target = path.join(outDir, rel);
    fs.rmSync(target, { force: true });
    removeEmptyParents(path.dirname(target), outDir);
  }
  const manifest = journal.moves.find(([, rel]) => rel === MANIFEST_FILE);
  if (manifest && fs.existsSync(path.join(work, manifest[0])))
    fs.renameSync(path.join(work, manifest[0]), path.join(outDir, MANIFEST_FILE));
  for (const [, rel] of journal.guards) {
    const target = path.join(outDir, rel);
    // Only the guard as written: a file of that name the user put there since is theirs.
    if (readOrUndefined(target) !== GUARD_TEXT) continue;
    fs.rmSync(target);
    removeEmptyParents(path.dirname(target), outDir);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

type Recovery = { readonly kind: "none" | "rolled-forward" | "discarded" } | { readonly kind: "set-aside"; readonly setAside: SetAside };

/**
 * What a killed synth left, made whole (run under the lock, before anything else): a journal is
 * rolled forward (the tree becomes the new one); staged files without a journal are deleted (the
 * kill came before the commit point: the tree is the old one). A journal that does not pass the
 * writer's own test (journalProblems: it may have been copied along, committed or planted) is not
 * applied: the writer's folder is moved aside whole (`.private-routing.set-aside-N`), nothing in
 * the tree touched, and the result says where and why.
 */
export function recoverOutput(outDir: string): Recovery["kind"] {
  return recover(outDir).kind;
}

function recover(outDir: string): Recovery {
  const work = path.join(outDir, WORK_DIR);
  if (!fs.existsSync(work) && !isSymlink(work)) return { kind: "none" };
  // Not followed: a link planted as the folder, or as its staging folder, would have the writer
  // read a journal, move "staged" files into the tree, or delete a folder, wherever it points.
  for (const dir of [work, path.join(work, "staging")]) {
    const st = lstatOrUndefined(dir);
    if (st && !st.isDirectory())
      throw new OutputError(
        `${dir} is not the folder private-routing keeps its staged files in (${st.isSymbolicLink() ? "a symbolic link" : "a file"}): it is not followed or removed; move it away`,
      );
  }
  const text = readOrUndefined(path.join(work, JOURNAL));
  if (text === undefined) {
    fs.rmSync(work, { recursive: true, force: true });
    return { kind: "discarded" };
  }
  const journal = parseJournal(text);
  const problems = typeof journal === "string" ? [journal] : journalProblems(outDir, journal, readManifest(outDir));
  if (typeof journal !== "string" && problems.length === 0) {
    rollForward(outDir, journal);
    return { kind: "rolled-forward" };
  }
  let n = 1;
  while (lstatOrUndefined(path.join(outDir, `${WORK_DIR}.set-aside-${n}`))) n++;
  const folder = `${WORK_DIR}.set-aside-${n}`;
  fs.renameSync(work, path.join(outDir, folder));
  return { kind: "set-aside", setAside: { folder, problems } };
}

/** A journal of this version, or why it is not one. */
function parseJournal(text: string): Journal | string {
  let read: unknown;
  try {
    read = JSON.parse(text);
  } catch {
    return "the journal is not JSON";
  }
  const j = read as Partial<Record<keyof Journal, unknown>> | null;
  if (!j || typeof j !== "object" || j.format !== JOURNAL_FORMAT)
    return `the journal is not of format ${JOURNAL_FORMAT} (an older private-routing wrote it, or something else did): its moves cannot be checked`;
  const pairs = (v: unknown, n: number) =>
    Array.isArray(v) && v.every((x) => Array.isArray(x) && x.length === n && x.every((y) => typeof y === "string"));
  const staged = (x: string) => /^staging\/\d+$/.test(x);
  const hash = (x: string) => /^[0-9a-f]{64}$/.test(x);
  const ok =
    pairs(j.guards, 2) &&
    pairs(j.moves, 3) &&
    pairs(j.removals, 2) &&
    (j.guards as string[][]).every(([s, rel]) => staged(s) && isPlainRelative(rel)) &&
    (j.moves as string[][]).every(([s, rel, h]) => staged(s) && isPlainRelative(rel) && hash(h)) &&
    (j.removals as string[][]).every(([rel, h]) => isPlainRelative(rel) && hash(h));
  return ok ? (j as unknown as Journal) : "the journal's entries are not staged files, relative paths inside the folder and checksums";
}

/**
 * The files of the last synth that this one does not write: removed when they still hold what was
 * written (and, for Terraform files and READMEs, carry the generator's mark), kept (with why)
 * otherwise; never a protected path. A folder holding Terraform state stops the write unless `prune`.
 */
function plannedRemovals(
  outDir: string,
  previous: Manifest,
  files: ReadonlyMap<string, unknown>,
  prune: boolean,
): { remove: [string, string][]; kept: { file: string; why: string }[] } {
  if (previous.kind !== "ours") return { remove: [], kept: [] };
  const remove: [string, string][] = [];
  const kept: { file: string; why: string }[] = [];
  for (const [rel, hash] of [...previous.files].sort(byPath)) {
    if (files.has(rel)) continue;
    const kind = protectedKind(rel);
    if (kind) {
      if (fs.existsSync(path.join(outDir, rel))) kept.push({ file: rel, why: `${kind}, never removed (the manifest lists it)` });
      continue;
    }
    const way = inTheWay(outDir, rel);
    if (way) {
      kept.push({ file: rel, why: `${way.path} is ${way.what}` });
      continue;
    }
    const content = readBytes(path.join(outDir, rel));
    if (content === undefined) continue;
    if (hash === undefined) kept.push({ file: rel, why: "the previous manifest has no checksums (an older private-routing wrote it)" });
    else if (sha256(content) !== hash) kept.push({ file: rel, why: "changed since the last synth" });
    else if (!mayTouch(rel, content))
      kept.push({
        file: rel,
        why: isMarkedKind(rel)
          ? "it carries no mark of the generator (private-routing did not write it)"
          : "private-routing writes no such file (only Terraform files, READMEs and uploads under files/)",
      });
    else remove.push([rel, hash]);
  }
  if (!prune) {
    const inUse = [...new Set(remove.map(([rel]) => path.dirname(rel)))].flatMap((dir) =>
      STATE_MARKERS.filter((m) => fs.existsSync(path.join(outDir, dir, m))).map((m) => path.join(dir, m)),
    );
    if (inUse.length > 0) {
      const folders = [...new Set(inUse.map((m) => path.dirname(m)))];
      throw new OutputError(
        `this synth no longer generates ${folders.map((f) => path.join(outDir, f)).join(", ")}, which hold${folders.length === 1 ? "s" : ""} Terraform state (${inUse.map((m) => path.join(outDir, m)).join(", ")}): ` +
          "run terraform destroy there first, or, if the deployment was renamed, move its state to the new folder (terraform state mv, or moved blocks); " +
          "rerun with --prune to remove the generated files anyway (state files and .terraform/ are never removed).",
      );
    }
  }
  return { remove, kept };
}

/** The manifest: every file with its SHA-256, and a checksum over the generator, the format and the list. */
function manifestText(files: ReadonlyMap<string, string | Buffer>, carried: ReadonlyMap<string, string>): string {
  const hashes = new Map([...files].map(([rel, c]) => [rel, sha256(Buffer.isBuffer(c) ? c : Buffer.from(c, "utf8"))]));
  for (const [rel, hash] of carried) hashes.set(rel, hash);
  const list = Object.fromEntries([...hashes].sort(byPath));
  return `${JSON.stringify({ generator: GENERATOR, format: MANIFEST_FORMAT, files: list, checksum: checksum(list, MANIFEST_FORMAT) }, null, 2)}\n`;
}

/**
 * A SHA-256 of the generator, the format and the list: it finds a manifest edited by hand or cut
 * short, not one made on purpose (there is no key: anyone can compute it). What keeps a made-up
 * manifest from doing harm is the writer's own test (journalProblems, plannedRemovals).
 */
function checksum(files: Readonly<Record<string, string>>, format: number): string {
  return sha256(Buffer.from(JSON.stringify([GENERATOR, format, Object.entries(files)]), "utf8"));
}

/** Reads and verifies the manifest in `outDir`. */
export function readManifest(outDir: string): Manifest {
  const text = readOrUndefined(path.join(outDir, MANIFEST_FILE));
  return text === undefined ? { kind: "none" } : parseManifest(text);
}

function parseManifest(text: string): Manifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return { kind: "foreign", why: "not JSON" };
  }
  if (typeof m !== "object" || m === null || Array.isArray(m)) return { kind: "foreign", why: "not a JSON object" };
  const o = m as Record<string, unknown>;
  if (o.generator !== GENERATOR) return { kind: "foreign", why: `its generator is ${JSON.stringify(o.generator ?? null).slice(0, 40)}` };
  if (o.format === undefined) {
    // Format 1, written before checksums: a list of files, trusted to be replaced, not to delete.
    const ok = Object.keys(o).every((k) => k === "generator" || k === "files") && Array.isArray(o.files);
    const list = ok ? (o.files as unknown[]).filter((f): f is string => typeof f === "string" && isPlainRelative(f)) : [];
    if (!ok || list.length !== (o.files as unknown[]).length) return { kind: "foreign", why: "an unsigned manifest of unknown shape" };
    return { kind: "ours", files: new Map(list.map((f) => [f, undefined])), legacy: true };
  }
  if (o.format !== MANIFEST_FORMAT && o.format !== 2)
    return { kind: "foreign", why: `format ${JSON.stringify(o.format).slice(0, 20)}, this version writes ${MANIFEST_FORMAT}` };
  const files = o.files;
  if (typeof files !== "object" || files === null || Array.isArray(files)) return { kind: "foreign", why: "no file list" };
  const entries = Object.entries(files as Record<string, unknown>);
  if (!entries.every(([rel, h]) => isPlainRelative(rel) && typeof h === "string" && /^[0-9a-f]{64}$/.test(h)))
    return { kind: "foreign", why: "a file entry is not a relative path with a SHA-256" };
  const given = o.format === 2 ? o.signature : o.checksum;
  if (given !== checksum(files as Record<string, string>, o.format))
    return { kind: "foreign", why: "its checksum does not match its file list" };
  return { kind: "ours", files: new Map(entries as [string, string][]), legacy: false };
}

/** The files the last synth wrote into `outDir`, from its manifest when it verifies. */
export function previousFiles(outDir: string): string[] {
  const m = readManifest(outDir);
  return m.kind === "ours" ? [...m.files.keys()] : [];
}

/** Entries by path in code-unit order: the same on every machine (localeCompare is not). */
function byPath([a]: readonly [string, unknown], [b]: readonly [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(content: Buffer): string {
  return crypto.createHash("sha256").update(content).digest("hex");
}

function readBytes(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
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

/** A file Terraform reads as configuration; the folders holding one are module folders. */
function isTerraformFile(rel: string): boolean {
  return rel.endsWith(".tf") || rel.endsWith(".tf.json");
}

function checkRelative(rel: string): void {
  if (!isPlainRelative(rel)) throw new Error(`refusing to write outside the output folder: ${rel}`);
}

/**
 * Takes away the folders a removal left empty, up to `stop`. Best effort: a folder that cannot be
 * removed (its parent not writable, a link) is left, never an error after the commit point.
 */
function removeEmptyParents(dir: string, stop: string): void {
  const root = path.resolve(stop);
  for (let d = path.resolve(dir); d.startsWith(root + path.sep); d = path.dirname(d)) {
    try {
      // Already gone (a roll-forward repeating removals a killed run had done): look further up.
      if (!fs.existsSync(d)) continue;
      if (!fs.lstatSync(d).isDirectory() || fs.readdirSync(d).length > 0) return;
      fs.rmdirSync(d);
    } catch {
      return;
    }
  }
}
