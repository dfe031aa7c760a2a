import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig } from "./config/load";
import { configJsonSchema } from "./config/schema";
import { HOURS_PER_MONTH, PRICES_AS_OF } from "./aws/privatelink-prices";
import { formatProblem, ValidationError } from "./problems";
import { synthForCdktfCli } from "./synth/cdktf-app";
import { synthesize } from "./synth/synthesize";
import { writeTree } from "./synth/write-tree";

export const DEFAULT_CONFIG = "examples/deployments.yaml";
export const DEFAULT_OUT = "generated";
export const SCHEMA_FILE = "schema/private-routing.schema.json";

const USAGE = `Usage: npm run synth -- [--config FILE] [--out DIR]
       npm run synth -- --cdktf [--config FILE]    (what cdktf.json runs for cdktf synth/deploy)
       npm run schema                               (rewrite ${SCHEMA_FILE})

  --config FILE   deployments configuration, .yaml/.yml or .json (default: ${DEFAULT_CONFIG})
  --out DIR       output folder (default: ${DEFAULT_OUT}); holds json/<deployment>/main.tf.json
                  and hcl/<deployment>/main.tf
  --cdktf         synthesize into cdktf's output folder for the cdktf CLI
  --write-schema  write the configuration's JSON Schema to ${SCHEMA_FILE}
  --help          this text

Exit codes: 0 done, 1 invalid configuration (nothing written), 2 usage error.`;

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const stdio: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

interface Options {
  config: string;
  out: string;
  cdktf: boolean;
  writeSchema: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { config: DEFAULT_CONFIG, out: DEFAULT_OUT, cdktf: false, writeSchema: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--config") o.config = value();
    else if (a === "--out") o.out = value();
    else if (a === "--cdktf") o.cdktf = true;
    else if (a === "--write-schema") o.writeSchema = true;
    else if (a === "--help" || a === "-h") o.help = true;
    else throw new UsageError(`unknown argument: ${a}`);
  }
  return o;
}

/** Runs the command line; returns the exit code. Never throws for bad input. */
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
  try {
    if (options.writeSchema) {
      fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
      fs.writeFileSync(SCHEMA_FILE, schemaText());
      io.out(`wrote ${SCHEMA_FILE}`);
      return 0;
    }
    const started = process.hrtime.bigint();
    const config = loadConfig(options.config);
    if (options.cdktf) {
      synthForCdktfCli(config);
      return 0;
    }
    const result = synthesize(config);
    const written = writeTree(options.out, result.files);
    for (const s of result.stacks) {
      const c = s.endpointCost;
      const cost = c.endpoints === 0 ? "no interface endpoints" : `${c.endpoints} interface endpoints, ${c.endpointAzs} endpoint-AZs ≈ $${c.monthlyUsd.toFixed(2)}/month`;
      io.out(`  ${s.name.padEnd(24)} ${String(s.resourceAddresses.length).padStart(3)} resources  ${cost}  [${s.profiles.join(", ")}]`);
      if (c.warning && c.endpoints > 0) io.err(`warning: ${s.name}: ${c.warning}`);
      for (const w of s.warnings) io.err(`warning: ${s.name}: ${w}`);
    }
    if (result.stacks.some((s) => s.endpointCost.endpoints > 0)) {
      io.out(`  (endpoint cost: fixed hourly charge per endpoint per AZ × ${HOURS_PER_MONTH} h, prices of ${PRICES_AS_OF}; data processing not included)`);
    }
    const ms = Number((process.hrtime.bigint() - started) / 1000000n);
    io.out(
      `synthesized ${result.stacks.length} deployment${result.stacks.length === 1 ? "" : "s"} from ${options.config} into ${options.out}/ ` +
        `(${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed) in ${ms} ms`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.err(`error: ${formatProblem(p)}`);
      io.err(`${e.problems.length} problem${e.problems.length === 1 ? "" : "s"} in ${e.file}; nothing was written.`);
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

/** The published JSON Schema, as written to schema/. */
export function schemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
