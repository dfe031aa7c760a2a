/**
 * The file-system calls a hostile path must not hang or crash (src/files.ts), and the commands that
 * use them: a pipe or a device given as a file, a file in the way of a folder, a link to nothing, a
 * folder under /proc (where Node's own recursive mkdir spins for ever).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli as run } from "./support/cli";
import { FileError, makeFolders, readRegularFile } from "../src/files";

const ROOT = path.resolve(__dirname, "..");
let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-files-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A FIFO at `file`, or undefined where mkfifo is missing (the test then says so and skips its part). */
function fifo(file: string): string | undefined {
  try {
    execFileSync("mkfifo", [file]);
    return file;
  } catch {
    return undefined;
  }
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof FileError ? `${e.code}: ${e.message}` : `not a FileError: ${String(e)}`;
  }
}

async function cli(...argv: string[]): Promise<{ code: number; err: string[] }> {
  const { code, err } = await run(argv);
  return { code, err };
}

describe("readRegularFile", () => {
  test("reads a regular file; refuses a folder, a device, a pipe (at once, without waiting for a writer) and a file over the bound", () => {
    fs.writeFileSync(path.join(tmp, "a.txt"), "hello");
    expect(readRegularFile(path.join(tmp, "a.txt"), 5).toString()).toBe("hello");
    expect(codeOf(() => readRegularFile(path.join(tmp, "a.txt"), 4))).toBe("EFBIG: larger than 4 bytes (5 bytes)");
    expect(codeOf(() => readRegularFile(tmp, 10))).toBe("EISDIR: a folder, not a file");
    expect(codeOf(() => readRegularFile(path.join(tmp, "nope"), 10))).toBe("ENOENT: no such file or folder");
    if (fs.existsSync("/dev/zero"))
      expect(codeOf(() => readRegularFile("/dev/zero", 10))).toBe("ENOTREG: not a regular file (a pipe, a socket or a device)");
    const pipe = fifo(path.join(tmp, "pipe"));
    if (pipe) expect(codeOf(() => readRegularFile(pipe, 10))).toBe("ENOTREG: not a regular file (a pipe, a socket or a device)");
  });
});

describe("makeFolders", () => {
  test("makes every missing level; names the file in the way and the link to nothing", () => {
    makeFolders(path.join(tmp, "a/b/c"));
    expect(fs.statSync(path.join(tmp, "a/b/c")).isDirectory()).toBe(true);
    makeFolders(path.join(tmp, "a/b/c")); // already there: nothing to do
    fs.writeFileSync(path.join(tmp, "file"), "x");
    expect(codeOf(() => makeFolders(path.join(tmp, "file/sub/deeper")))).toBe("ENOTDIR: a file where a folder is needed");
    try {
      makeFolders(path.join(tmp, "file/sub"));
    } catch (e) {
      expect((e as FileError).file).toBe(path.join(tmp, "file"));
    }
    fs.symlinkSync(path.join(tmp, "nothing"), path.join(tmp, "dangling"));
    expect(codeOf(() => makeFolders(path.join(tmp, "dangling/out")))).toBe("ENOENT: a symbolic link to something that does not exist");
  });

  test("under /proc it fails at once with ENOENT, where fs.mkdirSync(…, { recursive: true }) spins for ever", () => {
    if (!fs.existsSync("/proc/1")) return; // not Linux: nothing to show
    const script = (recursive: boolean) =>
      recursive
        ? `try { require("fs").mkdirSync("/proc/1/private-routing-test", { recursive: true }) } catch (e) { console.log(e.code) }`
        : `try { require(${JSON.stringify(path.join(ROOT, "src/files"))}).makeFolders("/proc/1/private-routing-test/x") } catch (e) { console.log(e.code) }`;
    const ours = spawnSync(process.execPath, ["-r", "sucrase/register", "-e", script(false)], {
      cwd: ROOT,
      timeout: 10_000,
      encoding: "utf8",
    });
    expect({ status: ours.status, out: ours.stdout.trim() }).toEqual({ status: 0, out: "ENOENT" });
    // The reason makeFolders exists: Node's own call does not return (killed after 3 s here).
    const node = spawnSync(process.execPath, ["-e", script(true)], { timeout: 3_000, encoding: "utf8" });
    expect(node.signal).toBe("SIGTERM");
  });
});

describe("the commands on paths that are not what they should be", () => {
  test("a pipe or a device as the configuration or as Terraform to check: exit 2 at once, nothing written", async () => {
    const pipe = fifo(path.join(tmp, "config.yaml"));
    for (const file of [pipe, fs.existsSync("/dev/zero") ? "/dev/zero" : undefined].filter((f): f is string => f !== undefined)) {
      const synth = await cli("synth", "--config", file, "--out", path.join(tmp, "out"));
      expect(synth.code).toBe(2);
      expect(synth.err[0]).toBe(`error: \`${file}\` must be a readable file (ENOTREG: not a regular file (a pipe, a socket or a device))`);
      const check = await cli("check", file);
      expect(check).toEqual({
        code: 2,
        err: [`error: ${file}: cannot be read (ENOTREG: not a regular file (a pipe, a socket or a device))`],
      });
    }
    expect(fs.existsSync(path.join(tmp, "out"))).toBe(false);
  });

  test("a module folder: a *.tf that is a pipe is refused (Terraform would read it), a *.tf that is a link to a file is read", async () => {
    const dir = path.join(tmp, "module");
    fs.mkdirSync(dir);
    const shared = path.join(tmp, "shared.tf");
    fs.copyFileSync(path.join(ROOT, "generated/hcl/privatelink-dualstack/main.tf"), shared);
    fs.symlinkSync(shared, path.join(dir, "main.tf"));
    const linked = await cli("check", dir, "--format", "json");
    expect(linked.code).toBe(0);
    const pipe = fifo(path.join(dir, "extra.tf"));
    if (pipe)
      expect(await cli("check", dir)).toEqual({
        code: 2,
        err: [`error: ${pipe}: cannot be read (ENOTREG: not a regular file (a pipe, a socket or a device))`],
      });
  });

  test("--out where a file is in the way, or under a link to nothing: exit 1, the path named, nothing written", async () => {
    const config = path.join(tmp, "c.yaml");
    await cli("init", "privatelink", "--out", config);
    fs.writeFileSync(path.join(tmp, "afile"), "mine");
    fs.symlinkSync(path.join(tmp, "nothing"), path.join(tmp, "dangling"));
    const before = fs.readdirSync(tmp).sort();
    const inTheWay = await cli("synth", "--config", config, "--out", path.join(tmp, "afile/out"), "-q");
    expect(inTheWay.code).toBe(1);
    expect(inTheWay.err.slice(-2)).toEqual([
      `error: cannot write ${path.join(tmp, "afile/out")}: ${path.join(tmp, "afile")}: a file where a folder is needed (ENOTDIR)`,
      "nothing was written.",
    ]);
    const dangling = await cli("synth", "--config", config, "--out", path.join(tmp, "dangling/out"), "-q");
    expect(dangling.code).toBe(1);
    expect(dangling.err.slice(-2)[0]).toMatch(/: a symbolic link to something that does not exist \(ENOENT\)$/);
    const init = await cli("init", "privatelink", "--out", path.join(tmp, "afile/x.yaml"));
    expect(init).toEqual({
      code: 1,
      err: [
        `error: cannot write ${path.join(tmp, "afile/x.yaml")}: ${path.join(tmp, "afile")}: a file where a folder is needed (ENOTDIR). Nothing was written.`,
      ],
    });
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
    expect(fs.readFileSync(path.join(tmp, "afile"), "utf8")).toBe("mine");
  });

  test("names of Object's own members (toString, constructor) are not scenarios or profiles", async () => {
    expect((await cli("init", "toString", "--out", path.join(tmp, "x.yaml"))).err[0]).toBe("error: unknown scenario toString");
    expect(fs.existsSync(path.join(tmp, "x.yaml"))).toBe(false);
    const profile = await cli("check", path.join(ROOT, "generated/hcl/privatelink-dualstack"), "--profile", "constructor");
    expect(profile.code).toBe(2);
    expect(profile.err[0]).toMatch(/^error: unknown profile constructor \(known: /);
  });

  test("a control character or a huge word on the command line is shown escaped and cut, not echoed raw", async () => {
    const r = await cli("synth", `--\u001b[31mred${"x".repeat(5000)}`);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`error: unknown argument: ${JSON.stringify(`--\u001b[31mred${"x".repeat(5000)}`).slice(0, 97)}...`);
  });
});
