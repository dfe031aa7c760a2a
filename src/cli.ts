import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig } from "./config/load";
import { configJsonSchema } from "./config/schema";
import { HOURS_PER_MONTH, PRICES_AS_OF } from "./aws/privatelink-prices";
import { checkMain } from "./check/cli";
import { previousEnvironments } from "./synth/previous";
import { formatProblem, formatWarning, showArg, showPath, terminalSafe, ValidationError } from "./problems";
import { redactCredentials } from "./aws/credential-shapes";
import { synthForCdktfCli } from "./synth/cdktf-app";
import type { DeploymentPlan } from "./plan/types";
import type { RenderedStack } from "./synth/render";
import type { CliIo } from "./cli-io";
import { ComplianceError, synthesize } from "./synth/synthesize";
import { OutputError, previousFiles, writeTree } from "./synth/write-tree";
import { INIT_DEFAULT, initMain, SCENARIOS } from "./init";
import { GENERATOR } from "./synth/render";
import { planOfflineMain } from "./offline-plan";
import { suggest } from "./suggest";
import { SWITCH_GUARD_FILE, WRITER_WORK_DIR } from "./outputs";
import { fromNode, isFileSystemError, makeFolders } from "./files";

export const DEFAULT_CONFIG = "examples/deployments.yaml";
export const DEFAULT_OUT = "generated";
export const SCHEMA_FILE = "schema/private-routing.schema.json";

const EXIT_CODES = `Exit codes (every command): 0 done; 1 invalid configuration, a violated requirement, or an output
that cannot be written, safely or at all (nothing written); 2 usage or unreadable input (a missing
file, a pipe or a device, not Terraform); 70 internal error.`;

const SYNTH_OPTIONS = `  --config FILE   deployments configuration, .yaml/.yml or .json (default: ${DEFAULT_CONFIG}, the
                  examples, in a clone of the project; elsewhere ${INIT_DEFAULT}, as init writes it)
  --out DIR       output folder; holds json/<deployment>/main.tf.json, hcl/<deployment>/main.tf and a
                  README.md in each (default: generated/ next to the configuration file; for the
                  examples, the committed ${DEFAULT_OUT}/)
  --only A,B      synthesize only these deployments; the others' files are left as they are
  --prune         remove a dropped deployment's generated files even where Terraform state is
                  (state files and .terraform/ are never removed)
  --quiet, -q     print only warnings and errors
  --cdktf         synthesize into cdktf's output folder for the cdktf CLI
  --help          this text`;

const USAGE = `Usage: private-routing [synth] [--config FILE] [--out DIR] [options]
       private-routing check PATH... [--profile P] [--format table|json|sarif]
       private-routing init SCENARIO [--out FILE]
       private-routing plan-offline MODULE
       private-routing --version
       (in a clone: npm run synth -- …, npm run check -- …)

Commands:
  synth (default)  turn a configuration into Terraform root modules (JSON and HCL), checked
  check            check any Terraform (a folder, a file or a plan) against the requirements
  init             write a commented starter configuration for a scenario
  plan-offline     terraform plan of a generated module with no AWS access (in a copy, never the module)
  <command> --help for each command's options.

synth options:
${SYNTH_OPTIONS}

${EXIT_CODES}`;

export const SYNTH_USAGE = `Usage: private-routing synth [--config FILE] [--out DIR] [options]

${SYNTH_OPTIONS}

${EXIT_CODES}`;

const SYNTH_FLAGS = ["--config", "--out", "--only", "--prune", "--quiet", "--cdktf", "--help"];
const COMMANDS = ["synth", "check", "init", "plan-offline", "help"];

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
  /** Undefined: next to the configuration (the committed generated/ for the examples). */
  out?: string;
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
    config: defaultConfig(),
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
      if (v === undefined || v.startsWith("--") || v === "") throw new UsageError(`${a} needs a value`);
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
    else throw new UsageError(`unknown argument: ${showArg(a)}${suggest(a, a.startsWith("-") ? SYNTH_FLAGS : COMMANDS)}`);
  }
  return o;
}

/** The whole command line: `synth` (the default), `check`, `init` or `help`. Returns the exit code. */
export function run(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "check") return checkMain(rest, io);
  if (command === "init") return Promise.resolve(initMain(rest, io));
  if (command === "plan-offline") return Promise.resolve(planOfflineMain(rest, io));
  if (command === "synth") return Promise.resolve(main(rest, io, SYNTH_USAGE));
  if (command === "--version" || command === "-V" || command === "version") {
    io.out(GENERATOR);
    return Promise.resolve(0);
  }
  if (command === "help") return Promise.resolve(main(["--help"], io));
  return Promise.resolve(main(argv, io));
}

/**
 * The configuration a synth reads when --config is not given: the examples in a clone of the
 * project, else the file `init` writes by default, in the current folder.
 */
export function defaultConfig(): string {
  return !fs.existsSync(DEFAULT_CONFIG) && fs.existsSync(INIT_DEFAULT) ? INIT_DEFAULT : DEFAULT_CONFIG;
}

/**
 * Where a synth writes when --out is not given: the committed generated/ for the examples, else
 * generated/ next to the configuration file, so a synth of your own configuration never touches
 * the examples' modules.
 */
export function defaultOut(config: string): string {
  return path.resolve(config) === path.resolve(DEFAULT_CONFIG) ? DEFAULT_OUT : path.join(path.dirname(config), "generated");
}

/** Runs the synth command line; returns the exit code. Never throws for bad input. */
export function main(argv: readonly string[], io: CliIo = stdio, usage = USAGE): number {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    io.err(`error: ${terminalSafe((e as Error).message, 4000)}`);
    io.err(usage);
    return 2;
  }
  if (options.help) {
    io.out(usage);
    return 0;
  }
  if (options.writeSchema && !fs.existsSync(path.join("src", "config", "schema.ts"))) {
    // A maintainer's flag: it rewrites the clone's committed schema/, never a user's folder.
    io.err(
      `error: --write-schema is for a clone of the project (it rewrites its ${SCHEMA_FILE}); the schema ships in the package: node_modules/private-routing/${SCHEMA_FILE}`,
    );
    return 2;
  }
  const out = options.out ?? defaultOut(options.config);
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) {
    io.err(`error: --out ${showPath(out)} is a file: give a folder (it is created if missing)`);
    return 2;
  }
  if (!options.writeSchema && options.config === DEFAULT_CONFIG && !fs.existsSync(DEFAULT_CONFIG)) {
    // Outside a clone there are no examples: say what to do instead of "no such file".
    io.err(`error: no configuration: give --config FILE, or write a starter with: private-routing init <scenario>`);
    io.err(`       scenarios: ${Object.keys(SCENARIOS).join(", ")}`);
    return 2;
  }
  try {
    if (options.writeSchema) {
      makeFolders(path.dirname(SCHEMA_FILE));
      fs.writeFileSync(SCHEMA_FILE, schemaText());
      io.out(`wrote ${SCHEMA_FILE}`);
      return 0;
    }
    const started = process.hrtime.bigint();
    // What the modules already in --out say (an Airflow version a change would replace): only for
    // a synth into that folder; cdktf writes its own.
    const { plans } = loadConfig(options.config, options.cdktf ? undefined : previousEnvironments(out));
    const color = io.color ?? false;
    const yellow = (t: string) => (color ? `\x1b[33m${t}\x1b[0m` : t);
    if (options.cdktf) {
      // The same pipeline as a synth into generated/: every stack is rendered and checked in
      // memory first (a violated requirement stops here, before cdktf writes anything), and the
      // same warnings are printed; then cdktf writes its own output folder.
      // On standard output: the cdktf CLI labels whatever its app writes to standard error
      // "[ERROR]", and these are warnings (errors still go to standard error, and stop it).
      const checked = synthesize(plans);
      for (const w of checked.stacks.flatMap((st) => st.warnings)) io.out(yellow(formatWarning(w)));
      synthForCdktfCli(plans);
      return 0;
    }
    const selected = selectDeployments(plans, options.only, options.config);
    const green = (t: string) => (color ? `\x1b[32m${t}\x1b[0m` : t);
    const times = new Map<string, number>();
    // The examples' READMEs keep the clone's commands; anyone else's name their own files.
    const examples = path.resolve(options.config) === path.resolve(DEFAULT_CONFIG) && path.resolve(out) === path.resolve(DEFAULT_OUT);
    const result = synthesize(
      selected,
      (stack, ms) => {
        times.set(stack.name, ms);
        if (!options.quiet) io.out(`${green("✓")} ${stack.name} (${stack.resourceAddresses.length} resources, ${ms} ms)`);
      },
      examples ? undefined : { config: options.config, out },
    );
    for (const w of result.stacks.flatMap((st) => st.warnings)) io.err(yellow(formatWarning(w)));
    // Findings that do not block (a warning rule, a requirement the configuration relaxed on purpose).
    for (const st of result.stacks)
      for (const f of st.check.findings.filter((x) => x.status === "fail" && x.severity === "warning"))
        io.err(yellow(`warning: ${st.name}: ${f.ruleId} ${terminalSafe(f.address)}: ${terminalSafe(f.message, 4000)}`));
    // --only: the other deployments' files stay as they are (and stay owned by the generator).
    const mine = new Set(selected.map((d) => d.name));
    const before = previousFiles(out);
    const previousDeployments = new Set(before.map((rel) => rel.split("/")[1]).filter(Boolean));
    // Decided by the writer on the manifest it reads under its lock, after recovering a killed switch.
    const carry = options.only ? (rel: string) => !mine.has(rel.split("/")[1] ?? "") : [];
    const written = writeTree(out, result.files, { prune: options.prune, carry });
    if (written.setAside)
      io.err(
        yellow(
          `warning: ${path.join(out, WRITER_WORK_DIR, "journal.json")} was not applied (${written.setAside.problems.slice(0, 5).join("; ")}${written.setAside.problems.length > 5 ? `; and ${written.setAside.problems.length - 5} more` : ""}): ` +
            `it was set aside as ${path.join(out, written.setAside.folder)}, nothing it lists was done, and this synth wrote its own files; look at it, then remove it`,
        ),
      );
    for (const k of written.kept)
      io.err(yellow(`warning: ${showPath(path.join(out, k.file))} is no longer generated but was kept: ${terminalSafe(k.why)}`));
    // A deployment gone and another new in the same synth may be a rename: its state (local, or in
    // a remote backend, which no folder check sees) does not follow by itself.
    const moduleOf = (rel: string) => rel.split("/").slice(1, 2)[0];
    const gone = [...new Set(written.removed.map(moduleOf))].filter((m) => m && !result.stacks.some((st) => st.name === m));
    const added = [...new Set(written.written.map(moduleOf))].filter((m) => m && !previousDeployments.has(m));
    if (gone.length > 0 && added.length > 0)
      io.err(
        yellow(
          `warning: deployments removed (${gone.join(", ")}) and added (${added.join(", ")}) in one synth: if one was renamed and already applied, ` +
            "its state does not follow: move it (terraform state mv, or moved blocks; for a remote backend, its state key) before applying the new one (docs/upgrading.md)",
        ),
      );
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
        `synthesized ${result.stacks.length} deployment${result.stacks.length === 1 ? "" : "s"} from ${showPath(options.config)} into ${showPath(out)}/ ` +
          `(${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed) in ${ms} ms`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      printBounded(
        io,
        e.problems.map((p) => `error: ${formatProblem(p)}`),
        "problem",
      );
      io.err(`${e.problems.length} problem${e.problems.length === 1 ? "" : "s"} in ${showPath(e.file)}; nothing was written.`);
      return e.unreadable ? 2 : 1;
    }
    if (e instanceof ComplianceError) {
      printBounded(
        io,
        e.findings.map((f) => `error: ${f.stack}: ${f.ruleId} ${terminalSafe(f.address)}: ${terminalSafe(f.message, 4000)}`),
        "violation",
      );
      io.err(
        `${e.findings.length} requirement violation${e.findings.length === 1 ? "" : "s"} in the generated Terraform; nothing was written.`,
      );
      return 1;
    }
    if (e instanceof OutputError) {
      io.err(`error: ${terminalSafe(redactCredentials(e.message), 4000)}`);
      io.err(
        e.switchBegun
          ? `the switch to the new files was begun and is not finished: Terraform refuses the module folders (${SWITCH_GUARD_FILE}) until a synth into ${showPath(out)} finishes it.`
          : "nothing was written.",
      );
      return 1;
    }
    if (e instanceof ValidationError) {
      printBounded(
        io,
        e.problems.map((p) => `error: ${formatProblem(p)}`),
        "problem",
      );
      io.err("nothing was written.");
      return 1;
    }
    if (isFileSystemError(e)) {
      // Outside the output folder's writer: the schema file, cdktf's own output folder.
      const err = fromNode(e, (e as NodeJS.ErrnoException).path ?? ".");
      io.err(`error: ${showPath(err.file)}: ${terminalSafe(err.message)} (${err.code})`);
      return 1;
    }
    io.err(`internal error: ${terminalSafe(redactCredentials((e as Error).message), 4000)}`);
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

/** At most this many problems are printed; the rest are counted (5,000 mistakes are not 5,000 lines). */
export const MAX_PRINTED_PROBLEMS = 50;

function printBounded(io: { err: (line: string) => void }, lines: readonly string[], what: string): void {
  for (const line of lines.slice(0, MAX_PRINTED_PROBLEMS)) io.err(line);
  const rest = lines.length - MAX_PRINTED_PROBLEMS;
  if (rest > 0) io.err(`… and ${rest} more ${what}${rest === 1 ? "" : "s"} (fix these first; the rest are shown on the next run)`);
}
