/**
 * `npm run bench`: wall time and peak RSS of synth, measured with /usr/bin/time, on one machine in
 * one run:
 *   - the example configuration, as `npm run synth` runs it (sucrase, deep provider imports);
 *   - generated configurations of 1, 10 and 100 MWAA private-routing deployments (each a full
 *     network with its 10 endpoints), to show how the cost grows;
 *   - the same synths the cdktf-template way: ts-node with type-checking and the provider's
 *     package-root import (src/bench/template-hook.ts), for the ratio.
 * Prints a Markdown table; `--readme` also writes it into README.md between the bench markers.
 * `--runs N` sets the repetitions of each fast case (median reported; default 5); template-way
 * cases run 3 times (1 with `--quick`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const TIME = "/usr/bin/time";

interface Sample {
  readonly wall: number;
  readonly rssMb: number;
}

function measure(args: string[], env: NodeJS.ProcessEnv = process.env): Sample {
  const r = spawnSync(TIME, ["-f", "%e %M", ...args], { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const [wall, kb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { wall, rssMb: kb / 1024 };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function repeat(n: number, f: () => Sample): Sample {
  const samples = Array.from({ length: n }, f);
  return { wall: median(samples.map((s) => s.wall)), rssMb: median(samples.map((s) => s.rssMb)) };
}

/** n MWAA private-routing deployments, all different (names, CIDRs, buckets). */
function writeConfig(dir: string, n: number): string {
  const lines = ["deployments:"];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - name: bench-${String(i).padStart(3, "0")}`,
      "    region: us-east-1",
      "    network:",
      `      cidrBlock: 10.${i % 250}.0.0/16`,
      "      availabilityZones: [us-east-1a, us-east-1b]",
      "    mwaa:",
      `      environmentName: bench-${i}`,
      `      sourceBucketName: bench-${i}-dags`,
    );
  }
  const file = path.join(dir, `bench-${n}.yaml`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function main(argv: string[]): void {
  const runsArg = argv.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 5;
  const templateRuns = argv.includes("--quick") ? 1 : 3;
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} is needed (Debian package "time")`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-bench-"));
  const fast = (config: string, out: string) => ["node", "-r", "sucrase/register", "main.ts", "--config", config, "--out", out];
  const template = (config: string, out: string) => [
    "node",
    "-r",
    "ts-node/register",
    "-r",
    "./src/bench/template-hook.ts",
    "main.ts",
    "--config",
    config,
    "--out",
    out,
  ];
  // ts-node type-checks by default (TS_NODE_TRANSPILE_ONLY unset), as the cdktf init template does.
  const templateEnv = { ...process.env, TS_NODE_TRANSPILE_ONLY: "", TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") };

  const rows: string[][] = [];
  try {
    const example = "examples/deployments.yaml";
    const exampleCount = (fs.readFileSync(path.join(ROOT, example), "utf8").match(/^ {2}- name:/gm) ?? []).length;
    const cases: [string, string][] = [[`example configuration (${exampleCount} deployments)`, example]];
    for (const n of [1, 10, 100]) cases.push([`${n} MWAA deployment${n === 1 ? "" : "s"}`, writeConfig(tmp, n)]);
    for (const [label, config] of cases) {
      const out = path.join(tmp, "out");
      process.stderr.write(`bench: ${label} …\n`);
      const ours = repeat(runs, () => (fs.rmSync(out, { recursive: true, force: true }), measure(fast(config, out))));
      const theirs = repeat(
        templateRuns,
        () => (fs.rmSync(out, { recursive: true, force: true }), measure(template(config, out), templateEnv)),
      );
      rows.push([
        label,
        ours.wall.toFixed(2),
        ours.rssMb.toFixed(0),
        theirs.wall.toFixed(2),
        theirs.rssMb.toFixed(0),
        `${(theirs.wall / ours.wall).toFixed(1)}×`,
      ]);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const table = [
    `Synth, measured by \`npm run bench\` on a ${os.availableParallelism()}-core CI machine (${cpu}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; median of ${runs} runs (template way: ${templateRuns}).`,
    "",
    "| Configuration | Wall (s) | Peak RSS (MB) | Template way: wall (s) | Template way: peak RSS (MB) | Faster by |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  process.stdout.write(`${table}\n`);

  if (argv.includes("--readme")) {
    const readme = path.join(ROOT, "README.md");
    const text = fs.readFileSync(readme, "utf8");
    const start = "<!-- bench:start -->";
    const end = "<!-- bench:end -->";
    if (!text.includes(start) || !text.includes(end)) throw new Error(`README.md has no ${start} … ${end} markers`);
    fs.writeFileSync(readme, text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`));
    process.stderr.write("bench: README.md updated\n");
  }
}

main(process.argv.slice(2));
