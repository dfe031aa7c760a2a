/**
 * A synth killed at random instants (issue 17): a child process writes a new tree of 300 files over
 * an old one holding Terraform state and files of the user's own, and is SIGKILLed after a random
 * delay. The next run's first step (recoverOutput) must then leave exactly the old tree or exactly
 * the new one, byte for byte, with every user file intact, and no staged file anywhere but the
 * writer's own folder. Seeded delays; the trial and the delay are in the failure message.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GUARD_FILE, GUARD_TEXT, LOCK_FILE, recoverOutput, WORK_DIR, writeTree } from "../../src/synth/write-tree";
import { random } from "../support/random";

const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-kill-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every file under `dir` with its bytes (base64), the dead writer's lock left aside. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (path.relative(dir, p) !== LOCK_FILE) out[path.relative(dir, p)] = fs.readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
}

/**
 * What Terraform would see in each module folder of `snap` (any folder of `oldTree` or `newTree`
 * holding a .tf or .tf.json file): "old" or "new" when its files other than the README are exactly
 * that tree's, "refuses" when it holds the guard (Terraform stops on it: write-guard.terraform.test.ts),
 * "mixed" otherwise, the case that must never happen.
 */
function terraformSees(
  snap: Record<string, string>,
  oldTree: Record<string, string>,
  newTree: Record<string, string>,
): Record<string, string> {
  const isTf = (f: string) => f.endsWith(".tf") || f.endsWith(".tf.json");
  const folders = new Set([...Object.keys(oldTree), ...Object.keys(newTree)].filter(isTf).map((f) => path.dirname(f)));
  const inFolder = (t: Record<string, string>, d: string) =>
    JSON.stringify(Object.entries(t).filter(([f]) => path.dirname(f) === d && !f.endsWith("README.md") && path.basename(f) !== GUARD_FILE));
  const seen: Record<string, string> = {};
  for (const d of folders) {
    const guard = snap[path.join(d, GUARD_FILE)];
    if (guard !== undefined) expect(Buffer.from(guard, "base64").toString("utf8")).toBe(GUARD_TEXT);
    const files = inFolder(snap, d);
    seen[d] = guard !== undefined ? "refuses" : files === inFolder(oldTree, d) ? "old" : files === inFolder(newTree, d) ? "new" : "mixed";
  }
  return seen;
}

function tree(generation: string, modules: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let m = 0; m < modules; m++) {
    for (const kind of ["json", "hcl"]) {
      files.set(`${kind}/m${m}/main.tf${kind === "json" ? ".json" : ""}`, `# ${generation} ${m}\n${"x".repeat(4000)}\n`);
      files.set(`${kind}/m${m}/README.md`, `# m${m} (${generation})\n`);
      // A module only the old tree has, and one only the new tree has: removals and additions too.
      if (generation === "old" && m === 0) files.set(`${kind}/retired/main.tf`, "# retired\n");
      if (generation === "new" && m === 0) files.set(`${kind}/added/main.tf`, "# added\n");
    }
  }
  return files;
}

/** Runs the child on `outDir`; kills it `delayMs` after it says ready (never, when undefined). Resolves with how long the write took. */
function writeInChild(outDir: string, files: Map<string, string>, delayMs?: number): Promise<{ ms: number; finished: boolean }> {
  const spec = path.join(tmp, `spec-${path.basename(outDir)}.json`);
  fs.writeFileSync(spec, JSON.stringify({ outDir, files: Object.fromEntries(files) }));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-r", "sucrase/register", path.join(ROOT, "__tests__/support/write-child.ts"), spec], {
      cwd: ROOT,
    });
    let ready = 0n;
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (ready === 0n && out.includes("ready")) {
        ready = process.hrtime.bigint();
        if (delayMs !== undefined) setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
    });
    child.on("close", () => resolve({ ms: Number(process.hrtime.bigint() - ready) / 1e6, finished: out.includes("done") }));
  });
}

describe("a synth killed at any instant", () => {
  test("SIGKILL at 24 random instants: after the next run's recovery, exactly the old or the new tree, user files intact", async () => {
    const base = path.join(tmp, "base");
    writeTree(base, tree("old", 75));
    // What the user keeps in module folders: state, Terraform's working folder, a file of their own.
    fs.writeFileSync(path.join(base, "hcl/m1/terraform.tfstate"), '{"version": 4}');
    fs.mkdirSync(path.join(base, "hcl/m1/.terraform/providers"), { recursive: true });
    fs.writeFileSync(path.join(base, "hcl/m1/.terraform/providers/marker"), "provider");
    fs.writeFileSync(path.join(base, "json/m2/peering.tf"), "# mine\n");
    const oldTree = snapshot(base);
    const newDir = path.join(tmp, "expected-new");
    fs.cpSync(base, newDir, { recursive: true });
    const full = await writeInChild(newDir, tree("new", 75));
    expect(full.finished).toBe(true);
    const newTree = snapshot(newDir);
    expect(newTree).not.toEqual(oldTree);

    const rnd = random(17);
    const outcomes = { old: 0, new: 0, guarded: 0 };
    for (let trial = 0; trial < 24; trial++) {
      const dir = path.join(tmp, `trial-${trial}`);
      fs.cpSync(base, dir, { recursive: true });
      const delay = Math.floor(rnd() * full.ms * 1.2);
      await writeInChild(dir, tree("new", 75), delay);
      // Before any recovery: whatever was staged is in the writer's folder only.
      const stray = Object.keys(snapshot(dir)).filter((f) => /\.tmp/.test(f) && !f.startsWith(`${WORK_DIR}/`));
      expect({ trial, delay, stray }).toEqual({ trial, delay, stray: [] });
      // Before any recovery, Terraform sees the old tree, the new tree, or refuses: never a mix.
      const seen = Object.values(terraformSees(snapshot(dir), oldTree, newTree));
      expect({ trial, delay, mixed: seen.includes("mixed"), both: seen.includes("old") && seen.includes("new") }).toEqual({
        trial,
        delay,
        mixed: false,
        both: false,
      });
      if (seen.includes("refuses")) outcomes.guarded++;
      recoverOutput(dir);
      const after = snapshot(dir);
      const which =
        JSON.stringify(after) === JSON.stringify(oldTree) ? "old" : JSON.stringify(after) === JSON.stringify(newTree) ? "new" : "mixed";
      expect({ trial, delay, which }).not.toEqual({ trial, delay, which: "mixed" });
      outcomes[which as "old" | "new"]++;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // eslint-disable-next-line no-console
    console.log(
      `write of 300 files: ${full.ms.toFixed(0)} ms; 24 kills: ${outcomes.old} left the old tree, ${outcomes.new} the new one (${outcomes.guarded} with Terraform stopped by the guard until recovery)`,
    );
    // Where the random kills fall depends on the machine's load; every step is covered below.
    expect(outcomes.old + outcomes.new).toBe(24);
  }, 60_000);

  test("a crash at each step of the write (every staged file, the journal, every rename): recovery gives the old tree before the commit point, the new one after", () => {
    const base = path.join(tmp, "steps-base");
    writeTree(base, tree("old", 3));
    fs.writeFileSync(path.join(base, "hcl/m1/terraform.tfstate"), '{"version": 4}');
    const oldTree = snapshot(base);
    const newDir = path.join(tmp, "steps-new");
    fs.cpSync(base, newDir, { recursive: true });
    writeTree(newDir, tree("new", 3));
    const newTree = snapshot(newDir);
    const seen = { writes: 0, renames: 0 };
    for (const op of ["writeFileSync", "renameSync"] as const) {
      for (let k = 1; ; k++) {
        const dir = path.join(tmp, `steps-${op}-${k}`);
        fs.cpSync(base, dir, { recursive: true });
        let calls = 0;
        let crashed = false;
        // The writer loaded with an fs whose k-th call of this kind fails, as a kill there would stop it.
        jest.isolateModules(() => {
          const real = jest.requireActual<typeof fs>("fs");
          const failing = (...args: unknown[]) => {
            if (++calls === k) throw new Error(`crash at ${op} #${k}`);
            return (real[op] as (...a: unknown[]) => unknown)(...args);
          };
          jest.doMock("fs", () => ({ ...real, [op]: failing }));
          const isolated = require("../../src/synth/write-tree") as typeof import("../../src/synth/write-tree");
          try {
            isolated.writeTree(dir, tree("new", 3));
          } catch {
            crashed = true;
          }
          jest.dontMock("fs");
        });
        if (!crashed) break; // past the last step of this kind
        seen[op === "writeFileSync" ? "writes" : "renames"]++;
        const sees = Object.values(terraformSees(snapshot(dir), oldTree, newTree));
        expect({ op, k, mixed: sees.includes("mixed"), both: sees.includes("old") && sees.includes("new") }).toEqual({
          op,
          k,
          mixed: false,
          both: false,
        });
        recoverOutput(dir);
        const after = JSON.stringify(snapshot(dir));
        // Staged writes and the journal's own rename come before the commit point; every rename after it, after.
        const expected = op === "writeFileSync" || k === 1 ? oldTree : newTree;
        expect({ op, k, same: after === JSON.stringify(expected) }).toEqual({ op, k, same: true });
      }
    }
    // Writes: the lock, 15 staged files (3 modules × 2 kinds × 2 files, the added module × 2, the
    // manifest), 10 staged guards (m0-m2, retired and added, × 2 kinds), the journal. Renames: the
    // journal, the 10 guards into place, then the 15 files, the manifest last.
    expect(seen).toEqual({ writes: 27, renames: 26 });
  });
});

test("a journal that does not hold (paths outside the folder, not from the staging folder) is discarded, never followed", () => {
  const dir = path.join(tmp, "hostile");
  writeTree(dir, new Map([["json/a/main.tf.json", "{}"]]));
  fs.writeFileSync(path.join(tmp, "victim"), "keep");
  fs.mkdirSync(path.join(dir, WORK_DIR, "staging"), { recursive: true });
  fs.writeFileSync(path.join(dir, WORK_DIR, "staging", "0"), "evil");
  fs.writeFileSync(
    path.join(dir, WORK_DIR, "journal.json"),
    JSON.stringify({ moves: [["staging/0", "../victim"]], removals: ["../victim", "json/a/main.tf.json"] }),
  );
  expect(recoverOutput(dir)).toBe("discarded");
  expect(fs.readFileSync(path.join(tmp, "victim"), "utf8")).toBe("keep");
  expect(fs.readFileSync(path.join(dir, "json/a/main.tf.json"), "utf8")).toBe("{}");
  expect(fs.existsSync(path.join(dir, WORK_DIR))).toBe(false);
});

test("check warns when the folder it reads is in the middle of an interrupted switch", async () => {
  const { run } = await import("../../src/cli");
  const dir = path.join(tmp, "interrupted");
  writeTree(dir, new Map([["json/a/main.tf.json", JSON.stringify({ resource: { aws_vpc: { a: { cidr_block: "10.0.0.0/16" } } } })]]));
  fs.mkdirSync(path.join(dir, WORK_DIR));
  fs.writeFileSync(path.join(dir, WORK_DIR, "journal.json"), JSON.stringify({ moves: [], removals: [] }));
  const err: string[] = [];
  await run(["check", path.join(dir, "json/a")], { out: () => {}, err: (l) => err.push(l) });
  expect(err[0]).toMatch(
    /^warning: .*\.private-routing\/journal\.json records a synth that was stopped while switching files: .* run the synth again to finish it$/,
  );
  // A copy of the module folder made mid-switch has no journal, but has the guard.
  const copy = path.join(tmp, "copied");
  fs.cpSync(path.join(dir, "json/a"), copy, { recursive: true });
  fs.writeFileSync(path.join(copy, GUARD_FILE), GUARD_TEXT);
  err.length = 0;
  await run(["check", copy], { out: () => {}, err: (l) => err.push(l) });
  expect(err[0]).toMatch(/^warning: .*private-routing-synth-in-progress\.tf records a synth that was stopped while switching files/);
});

test("a symbolic link or a file planted as the writer's folder is neither followed nor removed: the write stops, the target untouched", () => {
  const victim = path.join(tmp, "victim-folder");
  fs.mkdirSync(path.join(victim, "staging"), { recursive: true });
  fs.writeFileSync(path.join(victim, "staging", "keep"), "mine");
  fs.writeFileSync(path.join(victim, "staging", "0"), "mine too");
  fs.writeFileSync(path.join(victim, "journal.json"), JSON.stringify({ guards: [], moves: [], removals: ["json/a/main.tf.json"] }));
  for (const plant of ["link", "file", "staging link"]) {
    const dir = path.join(tmp, `planted-${plant.replace(" ", "-")}`);
    writeTree(dir, new Map([["json/a/main.tf.json", "{}"]]));
    if (plant === "link") fs.symlinkSync(victim, path.join(dir, WORK_DIR));
    else if (plant === "file") fs.writeFileSync(path.join(dir, WORK_DIR), "not a folder");
    else {
      // A real writer's folder whose staging folder is a link, and a journal moving "staged" files from it.
      fs.mkdirSync(path.join(dir, WORK_DIR));
      fs.symlinkSync(path.join(victim, "staging"), path.join(dir, WORK_DIR, "staging"));
      fs.writeFileSync(
        path.join(dir, WORK_DIR, "journal.json"),
        JSON.stringify({ guards: [], moves: [["staging/0", "json/a/stolen"]], removals: [] }),
      );
    }
    const planted = plant === "staging link" ? path.join(dir, WORK_DIR, "staging") : path.join(dir, WORK_DIR);
    expect(() => writeTree(dir, new Map([["json/a/main.tf.json", '{"new": true}']]))).toThrow(
      `${planted} is not the folder private-routing keeps its staged files in (${plant === "file" ? "a file" : "a symbolic link"}): it is not followed or removed; move it away`,
    );
    expect(fs.existsSync(path.join(dir, "json/a/stolen"))).toBe(false);
    expect(fs.readFileSync(path.join(dir, "json/a/main.tf.json"), "utf8")).toBe("{}");
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  }
  expect(fs.readFileSync(path.join(victim, "staging", "keep"), "utf8")).toBe("mine");
  expect(fs.readFileSync(path.join(victim, "staging", "0"), "utf8")).toBe("mine too");
});
