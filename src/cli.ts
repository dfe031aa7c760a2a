import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig } from "./config/load";
import { configJsonSchema } from "./config/schema";
import { HOURS_PER_MONTH, PRICES_AS_OF } from "./aws/privatelink-prices";
import { checkMain } from "./check/cli";
import { formatProblem, formatWarning, ValidationError } from "./problems";
import { synthForCdktfCli } from "./synth/cdktf-app";
import type { DeploymentPlan } from "./plan/types";
import type { RenderedStack } from "./synth/render";
import type { CliIo } from "./cli-io";
import { ComplianceError, synthesize } from "./synth/synthesize";
import { OutputError, previousFiles, writeTree } from "./synth/write-tree";

export const DEFAULT_CONFIG = "examples/deployments.yaml";
export const DEFAULT_OUT = "generated";
export const SCHEMA_FILE = "schema/private-routing.schema.json";

const USAGE = `Usage: npm run synth -- [--config FILE] [--out DIR]
       npm run synth -- --cdktf [--config FILE]    (what cdktf.json runs for cdktf synth/deploy)
       npm run schema                               (rewrite ${SCHEMA_FILE})
       npm run check -- PATH...                     (check any Terraform against the requirements; --help for its options)

  --config FILE   deployments configuration, .yaml/.yml or .json (default: ${DEFAULT_CONFIG})
  --out DIR       output folder (default: ${DEFAULT_OUT}); holds json/<deployment>/main.tf.json,
                  hcl/<deployment>/main.tf and a README.md in each
  --only A,B      synthesize only these deployments; the others' files are left as they are
  --prune         remove a dropped deployment's generated files even where Terraform state is
                  (state files and .terraform/ are never removed)
  --quiet, -q     print only warnings and errors
  --cdktf         synthesize into cdktf's output folder for the cdktf CLI
  --write-schema  write the configuration's JSON Schema to ${SCHEMA_FILE}
  --help          this text

Exit codes: 0 done, 1 invalid configuration, a violated requirement or an output folder that
cannot be written safely (nothing written), 2 usage error.`;

// A reader that goes away (`check … | head`) closes the pipe: further lines are dropped, and the
// command ends with its own exit code instead of an EPIPE stack trace.
let stdoutClosed = false;
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  stdoutClosed = true;
});
const stdio: CliIo = {
  out: (l) => {
    if (!stdoutClosed) process.stdout.write(`${l}\n`);
  },
  err: (l) => process.stderr.write(`${l}\n`),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

interface Options {
  config: string;
  out: string;
  only?: string[];
  quiet: boolean;
  cdktf: boolean;
  writeSchema: boolean;
  prune: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    config: DEFAULT_CONFIG,
    out: DEFAULT_OUT,
    quiet: false,
    cdktf: false,
    writeSchema: false,
    prune: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--config") o.config = value();
    else if (a === "--out") o.out = value();
    else if (a === "--only")
      o.only = value()
        .split(",")
        .filter((x) => x !== "");
    else if (a === "--quiet" || a === "-q") o.quiet = true;
    else if (a === "--cdktf") o.cdktf = true;
    else if (a === "--write-schema") o.writeSchema = true;
    else if (a === "--prune") o.prune = true;
    else if (a === "--help" || a === "-h") o.help = true;
    else throw new UsageError(`unknown argument: ${a}`);
  }
  return o;
}

/** The whole command line: `check …` (async), or synth. Returns the exit code. */
export function run(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  if (argv[0] === "check") return checkMain(argv.slice(1), io);
  return Promise.resolve(main(argv, io));
}

/** Runs the synth command line; returns the exit code. Never throws for bad input. */
export function main(argv: readonly string[], io: CliIo = stdio): number {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    io.err(`error: ${(e as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  if (fs.existsSync(options.out) && !fs.statSync(options.out).isDirectory()) {
    io.err(`error: --out ${options.out} is a file: give a folder (it is created if missing)`);
    return 2;
  }
  try {
    if (options.writeSchema) {
      fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
      fs.writeFileSync(SCHEMA_FILE, schemaText());
      io.out(`wrote ${SCHEMA_FILE}`);
      return 0;
    }
    const started = process.hrtime.bigint();
    const { plans } = loadConfig(options.config);
    const color = io.color ?? false;
    const yellow = (t: string) => (color ? `\x1b[33m${t}\x1b[0m` : t);
    if (options.cdktf) {
      // The same pipeline as a synth into generated/: every stack is rendered and checked in
      // memory first (a violated requirement stops here, before cdktf writes anything), and the
      // same warnings are printed; then cdktf writes its own output folder.
      const checked = synthesize(plans);
      for (const w of checked.stacks.flatMap((st) => st.warnings)) io.err(yellow(formatWarning(w)));
      synthForCdktfCli(plans);
      return 0;
    }
    const selected = selectDeployments(plans, options.only, options.config);
    const green = (t: string) => (color ? `\x1b[32m${t}\x1b[0m` : t);
    const times = new Map<string, number>();
    const result = synthesize(selected, (stack, ms) => {
      times.set(stack.name, ms);
      if (!options.quiet) io.out(`${green("✓")} ${stack.name} (${stack.resourceAddresses.length} resources, ${ms} ms)`);
    });
    for (const w of result.stacks.flatMap((st) => st.warnings)) io.err(yellow(formatWarning(w)));
    // --only: the other deployments' files stay as they are (and stay owned by the generator).
    const mine = new Set(selected.map((d) => d.name));
    const carry = options.only ? previousFiles(options.out).filter((rel) => !mine.has(rel.split("/")[1] ?? "")) : [];
    const written = writeTree(options.out, result.files, { prune: options.prune, carry });
    for (const k of written.kept)
      io.err(yellow(`warning: ${path.join(options.out, k.file)} is no longer generated but was kept: ${k.why}`));
    if (!options.quiet) {
      io.out("");
      for (const line of summaryTable(result.stacks, times)) io.out(line);
      if (result.stacks.some((st) => st.endpointCost.endpoints > 0)) {
        io.out(
          `Endpoint cost: fixed charge per endpoint per AZ × ${HOURS_PER_MONTH} h at prices of ${PRICES_AS_OF}; data processing not included.`,
        );
      }
      const ms = Number((process.hrtime.bigint() - started) / 1000000n);
      io.out(
        `synthesized ${result.stacks.length} deployment${result.stacks.length === 1 ? "" : "s"} from ${options.config} into ${options.out}/ ` +
          `(${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed) in ${ms} ms`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.err(`error: ${formatProblem(p)}`);
      io.err(`${e.problems.length} problem${e.problems.length === 1 ? "" : "s"} in ${e.file}; nothing was written.`);
      return 1;
    }
    if (e instanceof ComplianceError) {
      for (const f of e.findings) io.err(`error: ${f.stack}: ${f.ruleId} ${f.address}: ${f.message}`);
      io.err(
        `${e.findings.length} requirement violation${e.findings.length === 1 ? "" : "s"} in the generated Terraform; nothing was written.`,
      );
      return 1;
    }
    if (e instanceof OutputError) {
      io.err(`error: ${e.message}`);
      io.err("nothing was written.");
      return 1;
    }
    if (e instanceof ValidationError) {
      for (const p of e.problems) io.err(`error: ${formatProblem(p)}`);
      io.err("nothing was written.");
      return 1;
    }
    io.err(`internal error: ${(e as Error).message}`);
    if (process.env.PRIVATE_ROUTING_DEBUG) io.err(String((e as Error).stack));
    io.err("nothing was written. This is a bug in private-routing; set PRIVATE_ROUTING_DEBUG=1 for details.");
    return 70;
  }
}

/** The plans restricted to `--only`'s deployments; an unknown name is a configuration error. */
function selectDeployments(plans: readonly DeploymentPlan[], only: string[] | undefined, file: string): readonly DeploymentPlan[] {
  if (!only) return plans;
  const names = plans.map((d) => d.name);
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0 || only.length === 0) {
    throw new ConfigError(file, [
      { path: "--only", value: only, rule: `must name deployments of the configuration (${names.join(", ")})` },
    ]);
  }
  return plans.filter((d) => only.includes(d.name));
}

/** The closing summary: one row per stack. */
function summaryTable(stacks: readonly RenderedStack[], times: ReadonlyMap<string, number>): string[] {
  const rows = stacks.map((st) => {
    const outputs = Object.keys((st.terraform.output ?? {}) as object).length;
    const c = st.endpointCost;
    return [
      st.name,
      String(st.resourceAddresses.length),
      String(outputs),
      String(st.check.findings.length),
      c.endpoints === 0 ? "-" : `${c.endpointAzs} endpoint-AZs ≈ $${c.monthlyUsd.toFixed(2)}/mo`,
      `${times.get(st.name) ?? 0} ms`,
    ];
  });
  const head = ["stack", "resources", "outputs", "findings", "endpoints", "time"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

/** The published JSON Schema, as written to schema/. */
export function schemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
