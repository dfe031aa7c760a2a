/**
 * File-system calls that a hostile path cannot hang (issue 17). Everything the tool reads or makes
 * on a user's say-so goes through here: the configuration and the files it names, the checker's
 * inputs, the output folder.
 */
import * as fs from "fs";
import * as path from "path";

/** A read or a folder that cannot be done; `code` is Node's (ENOENT, EACCES, …) or ours (ENOTREG, EFBIG). */
export class FileError extends Error {
  constructor(
    readonly code: string,
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`. Anything else is refused without reading: a
 * FIFO would block the read until something writes to it (for ever, in CI), a device such as
 * /dev/zero never ends. The file is opened without blocking and checked on the open descriptor,
 * so it cannot be swapped for a pipe between the check and the read.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer. Absent on Windows (0).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fromNode(e, file);
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new FileError("EISDIR", file, "a folder, not a file");
    if (!st.isFile()) throw new FileError("ENOTREG", file, "not a regular file (a pipe, a socket or a device)");
    if (st.size > maxBytes) throw new FileError("EFBIG", file, `larger than ${describeSize(maxBytes)} (${describeSize(st.size)})`);
    return fs.readFileSync(fd);
  } catch (e) {
    throw e instanceof FileError ? e : fromNode(e, file);
  } finally {
    fs.closeSync(fd);
  }
}

/** `readRegularFile` as UTF-8 text. */
export function readRegularText(file: string, maxBytes: number): string {
  return readRegularFile(file, maxBytes).toString("utf8");
}

/**
 * `mkdir -p`, one level at a time. Node's own `mkdirSync(dir, { recursive: true })` (20.20.2 here)
 * spins for ever when a folder's parent exists but the folder cannot be made there with ENOENT, as
 * under /proc: it reads ENOENT as "parent missing", makes the parent (EEXIST) and tries again
 * (measured: `mkdirSync("/proc/1/x", { recursive: true })` never returns; reported in
 * https://github.com/Kewton/CommandMate/issues/1774). Here each level is made once, and the
 * first that fails ends the call with its error.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up is in the way; the walk finds it and names it.
      if (code !== "ENOENT" && code !== "ENOTDIR") throw fromNode(e, d);
      if (code === "ENOENT" && isSymlink(d)) throw new FileError("ENOENT", d, "a symbolic link to something that does not exist");
    }
    if (st) {
      if (!st.isDirectory()) throw new FileError("ENOTDIR", d, "a file where a folder is needed");
      break;
    }
    missing.push(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      // Made meanwhile by another process: as good as made here.
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && fs.statSync(m).isDirectory()) continue;
      throw fromNode(e, m);
    }
  }
}

/** Whether the path itself (not what it points to) is a symbolic link. */
export function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Removes a file if it is there; a path that cannot even be looked at (ENOTDIR, EACCES) is left alone. */
export function removeIfThere(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing could have been written there either.
  }
}

/** An error of the file system (ours, or Node's with its code and system call), not of the program. */
export function isFileSystemError(e: unknown): boolean {
  return e instanceof FileError || (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && "syscall" in e);
}

/** A Node file-system error in the tool's words: code, file, and what it means. */
export function fromNode(e: unknown, file: string): FileError {
  if (e instanceof FileError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? "EIO";
  return new FileError(
    code,
    file,
    (Object.hasOwn(WORDS, code) ? WORDS[code] : undefined) ?? String((e as Error)?.message ?? e).split("\n")[0],
  );
}

const WORDS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "a folder, not a file",
  ENOTDIR: "a file where a folder is needed",
  EROFS: "a read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENAMETOOLONG: "a name too long for the file system",
  ELOOP: "too many symbolic links",
  EEXIST: "already exists",
  EIO: "an input/output error",
  EBUSY: "busy",
  EMFILE: "too many open files",
};

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}

/**
 * What a text file (a configuration, a requirements.txt) is when it is not UTF-8: UTF-16 or UTF-32 by their byte order marks,
 * NUL bytes (either without a mark, or not text), or bytes that are not UTF-8. Undefined for
 * UTF-8, with or without its mark.
 */
export function notUtf8(b: Buffer): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return "UTF-32 (little-endian, by its byte order mark)";
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return "UTF-32 (big-endian, by its byte order mark)";
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16 (little-endian, by its byte order mark)";
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16 (big-endian, by its byte order mark)";
  if (b.includes(0)) return "not UTF-8: it holds NUL bytes (UTF-16 or UTF-32 without a byte order mark, or not text)";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return undefined;
  } catch {
    return "not valid UTF-8 (another 8-bit encoding, such as Windows-1252 or Latin-1)";
  }
}
