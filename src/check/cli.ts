import * as fs from "fs";
import * as path from "path";
import type { CliIo } from "../cli-io";
import { CheckInputError, loadModel } from "./model";
import { PROFILES } from "./profiles";
import { jsonReport, sarifReport, tableReport } from "./report";
import { blockingFindings, CheckResult, runCheck } from "./run";
import { withHubs } from "./hubs";
import { suggest } from "../suggest";
import { showArg, showPath, terminalSafe } from "../problems";
import { redactCredentials } from "../aws/credential-shapes";
import { SWITCH_GUARD_FILE, WRITER_WORK_DIR as WORK_DIR } from "../outputs";

export const CHECK_USAGE = `Usage: private-routing check <path>... [--profile P,Q] [--format table|json|sarif]
       (in a clone: npm run check -- <path>...)

  <path>      several are judged together where they connect: a spoke's endpoints through the hub
              given with it (check HUB SPOKE...)
              a root module folder (*.tf and *.tf.json, with the local modules it calls), one such file,
              or a plan (terraform show -json plan.out > plan.json), the most complete input
  --profile   ${Object.keys(PROFILES).join(", ")} (default: recorded in the module, or detected)
  --format    table (default), json, or sarif (SARIF 2.1.0)

Exit codes: 0 no violation, 1 a rule of error severity is violated, 2 usage or unreadable input,
70 internal error.`;

/** `check`: reads Terraform, runs the rules, prints findings. Never throws for bad input. */
export async function checkMain(argv: readonly string[], io: CliIo): Promise<number> {
  const paths: string[] = [];
  let profiles: string[] | undefined;
  let format = "table";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--profile" || a === "--format") {
      const v = argv[++i];
      if (v === undefined || v === "" || v.startsWith("--")) return usage(io, `${a} needs a value`);
      if (a === "--format") format = v;
      else profiles = v.split(",").filter(Boolean);
    } else if (a === "--help" || a === "-h") {
      io.out(CHECK_USAGE);
      return 0;
    } else if (a.startsWith("--")) return usage(io, `unknown argument: ${showArg(a)}${suggest(a, ["--profile", "--format", "--help"])}`);
    else paths.push(a);
  }
  if (paths.length === 0) return usage(io, "name at least one path to check");
  if (!["table", "json", "sarif"].includes(format)) return usage(io, `--format must be table, json or sarif, got: ${showArg(format)}`);
  const unknown = (profiles ?? []).filter((p) => !Object.hasOwn(PROFILES, p));
  if (unknown.length > 0)
    return usage(
      io,
      `unknown profile ${unknown.map((u) => showArg(u)).join(", ")}${suggest(unknown[0], Object.keys(PROFILES))} (known: ${Object.keys(PROFILES).join(", ")})`,
    );

  const models = [];
  for (const p of paths.flatMap((x) => modulesIn(x, io))) {
    const interrupted = interruptedSwitch(p);
    if (interrupted)
      io.err(
        `warning: ${showPath(interrupted)} records a synth that was stopped while switching files: ${showPath(p)} may be part old, part new; run the synth again to finish it`,
      );
    try {
      models.push(await loadModel(p));
    } catch (e) {
      if (e instanceof CheckInputError) {
        io.err(`error: ${terminalSafe(redactCredentials(e.message), 4000)}`);
        return 2;
      }
      throw e;
    }
  }
  // Together: a spoke's endpoints are judged through the hubs given alongside it.
  const results: CheckResult[] = withHubs(models).map((m) => runCheck(m, profiles));
  if (format === "json") io.out(jsonReport(results));
  else if (format === "sarif") io.out(sarifReport(results));
  else for (const line of tableReport(results)) io.out(line);
  return results.some((r) => blockingFindings(r).length > 0) ? 1 : 0;
}

function usage(io: CliIo, message: string): number {
  io.err(`error: ${terminalSafe(redactCredentials(message), 4000)}`);
  io.err(CHECK_USAGE);
  return 2;
}

/**
 * A folder of root modules rather than one: a synth's output folder (`generated/`: its
 * json/<name> modules, whose HCL twins plan identically) or a folder with no Terraform of its own
 * whose subfolders are modules. Anything else is checked as given.
 */
export function modulesIn(target: string, io: CliIo): string[] {
  const isTf = (f: string) => f.endsWith(".tf") || f.endsWith(".tf.json");
  const entries = (dir: string): fs.Dirent[] => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) return [target];
  const own = entries(target);
  if (own.some((e) => e.isFile() && isTf(e.name))) return [target];
  const base =
    own.some((e) => e.isDirectory() && e.name === "json") && fs.existsSync(path.join(target, "manifest.json"))
      ? path.join(target, "json")
      : target;
  const modules = entries(base)
    .filter((e) => e.isDirectory() && entries(path.join(base, e.name)).some((f) => f.isFile() && isTf(f.name)))
    .map((e) => path.join(base, e.name))
    .sort();
  if (modules.length === 0) return [target];
  io.err(
    `checking ${modules.length} module${modules.length === 1 ? "" : "s"} in ${showPath(base)}${base === target ? "" : " (their HCL twins in hcl/ plan identically)"}: ${modules.map((m) => path.basename(m)).join(", ")}`,
  );
  return modules;
}

/**
 * The journal of a synth killed after its commit point (src/synth/write-tree.ts), in the checked
 * folder or the output folder above a module folder (`<out>/json/<name>`): until the next synth
 * finishes it, the files can be a mix of two generations.
 */
function interruptedSwitch(target: string): string | undefined {
  let dir = path.resolve(target);
  // The guard a switch puts in the module folder: also there in a copy of the folder made mid-switch.
  const guard = path.join(dir, SWITCH_GUARD_FILE);
  if (fs.existsSync(guard)) return path.relative(process.cwd(), guard) || guard;
  for (let up = 0; up < 3; up++) {
    const journal = path.join(dir, WORK_DIR, "journal.json");
    if (fs.existsSync(journal)) return path.relative(process.cwd(), journal) || journal;
    dir = path.dirname(dir);
  }
  return undefined;
}
