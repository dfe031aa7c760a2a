/**
 * Every command with random flags and hostile paths (issue 17: "no stack trace, ever: every input,
 * every flag, both commands"). Command lines are drawn from each command's flags and from paths a
 * user can give by mistake: a pipe (which would block a read for ever), /dev/zero (which never
 * ends), a folder for a file and a file for a folder, a link to nothing, a path under /proc (where
 * Node's own recursive mkdir spins for ever), a name too long. Each run is in-process through the
 * shipped `run`, from a scratch folder, and must exit 0, 1 or 2, print no stack trace or "internal
 * error", keep its output bounded and, when it fails, leave every file of the folder as it was.
 * Seeded: the failing command line is in the message.
 */
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../src/cli";
import { random } from "./support/random";
import { budget } from "./support/time-budget";

const ROOT = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-cli-fuzz-"));
const cwd = process.cwd();
afterAll(() => {
  process.chdir(cwd);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Each entry of the scratch folder with a hash of a regular file's bytes (pipes and devices by kind only). */
function fingerprint(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        parts.push(`${rel}/`);
        walk(p);
      } else if (e.isFile()) parts.push(`${rel} ${crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex")}`);
      else parts.push(`${rel} ${e.isSymbolicLink() ? `-> ${fs.readlinkSync(p)}` : "special"}`);
    }
  };
  walk(dir);
  return parts.join("\n");
}

/** Each command's flags that take a value, and those that do not (plus wrong ones). */
const VALUE_FLAGS: Record<string, string[]> = {
  synth: ["--config", "--config", "--out", "--out", "--only"],
  check: ["--profile", "--format"],
  init: ["--out"],
};
const BARE_FLAGS: Record<string, string[]> = {
  synth: ["--prune", "--quiet", "-q", "--cdktf", "--help", "--bogus", "--config=good.yaml", "--"],
  check: ["--help", "--bogus", "--format=json", "-q"],
  init: ["--force", "--help", "--bogus"],
};

/** A longer one-off run: CLI_FUZZ_SEED=7 CLI_FUZZ_RUNS=3000 npx jest __tests__/cli-fuzz.test.ts */
const SEED = Number(process.env.CLI_FUZZ_SEED ?? 2026);
const RUNS = Number(process.env.CLI_FUZZ_RUNS ?? 500);

describe("every command under random flags and hostile paths", () => {
  test(
    `${RUNS} command lines (seed ${SEED}): exit 0/1/2, no stack trace, bounded output, nothing changed on failure`,
    async () => {
      process.chdir(tmp);
      // A small valid configuration (the starter of one scenario) and the paths a user gets wrong.
      fs.copyFileSync(path.join(ROOT, "examples/deployments.yaml"), "all.yaml");
      await run(["init", "privatelink", "--out", "good.yaml"], { out: () => {}, err: () => {} });
      fs.writeFileSync("bad.yaml", "deployments: [\n");
      fs.writeFileSync("afile", "hello\n");
      fs.mkdirSync("adir");
      fs.symlinkSync(path.join(tmp, "nothing-here"), "dangling");
      fs.cpSync(path.join(ROOT, "generated/hcl/privatelink-dualstack"), "module", { recursive: true });
      const values = [
        "good.yaml",
        "good.yaml",
        "bad.yaml",
        "afile",
        "adir",
        "afile/sub",
        "dangling",
        "dangling/out",
        "module",
        "module/main.tf",
        "out",
        "nope",
        "",
        "-",
        "/dev/zero",
        "/dev/null",
        "/proc/1/x",
        "x".repeat(300),
        "a,b",
        ",",
        "privatelink",
        "mwaa-private",
        "json",
        "sarif",
        "security",
        "é\u0000z",
      ];
      let fifo = false;
      try {
        execFileSync("mkfifo", ["fifo"]);
        values.push("fifo");
        fifo = true;
      } catch {
        // No mkfifo here: the pipe cases are skipped; the others still run.
      }
      const rnd = random(SEED);
      const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
      const codes = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
      for (let t = 0; t < RUNS; t++) {
        const command = pick(["synth", "synth", "synth", "check", "check", "init", "", "help", "bogus"]);
        const argv = command ? [command] : [];
        const kind = command === "check" || command === "init" ? command : "synth";
        // Mostly well-formed lines (a flag with its value, check's paths, init's scenario) so that
        // every command gets past its usage checks to the files; now and then a stray word.
        if (kind === "synth" && rnd() < 0.7) argv.push("--config", pick(["good.yaml", "good.yaml", "all.yaml", ...values]));
        if (kind !== "synth" && rnd() < 0.8)
          argv.push(pick(kind === "init" ? ["privatelink", "apprunner", ...values] : ["module", ...values]));
        for (let i = Math.floor(rnd() * 4); i > 0; i--) {
          const r = rnd();
          if (r < 0.6) argv.push(pick(VALUE_FLAGS[kind]), pick(values));
          else if (r < 0.85) argv.push(pick(BARE_FLAGS[kind]));
          else argv.push(pick(values));
        }
        const before = fingerprint(tmp);
        const lines: string[] = [];
        let code: number;
        try {
          code = await run(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
        } catch (e) {
          code = -1;
          lines.push(String((e as Error).stack));
        }
        const text = lines.join("\n");
        const ok = [0, 1, 2].includes(code) && !/(^|\n)internal error|\n\s+at .+:\d+:\d+/.test(text) && text.length < 20_000;
        // "help", "--help" and "init" of a new file write; a failure writes nothing.
        const unchanged = code === 0 || fingerprint(tmp) === before;
        expect({ argv, code, ok, unchanged, text: ok && unchanged ? "" : text.slice(0, 600) }).toEqual({
          argv,
          code,
          ok: true,
          unchanged: true,
          text: "",
        });
        codes[code]++;
      }
      // The draw reaches all three outcomes, not only usage errors.
      expect(codes[0]).toBeGreaterThan(10);
      expect(codes[1]).toBeGreaterThan(10);
      expect(codes[2]).toBeGreaterThan(10);
      // eslint-disable-next-line no-console
      console.log(
        `${RUNS} command lines (seed ${SEED}): exit 0 ×${codes[0]}, 1 ×${codes[1]}, 2 ×${codes[2]}${fifo ? "" : " (no mkfifo: pipe cases skipped)"}`,
      );
    },
    budget(900_000),
  );
});
