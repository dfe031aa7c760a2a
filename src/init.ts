import * as fs from "fs";
import * as path from "path";
import { fromNode, makeFolders, removeIfThere } from "./files";
import { parseDocument, YAMLSeq } from "yaml";
import type { CliIo } from "./cli-io";
import { suggest } from "./suggest";
import { showArg, showPath, terminalSafe } from "./problems";

// `private-routing init`: a commented starter configuration for one scenario, taken from the
// example configuration the project synthesizes and tests (examples/deployments.yaml), so a
// starter is never a second, untested copy.

/** The package's own folder: one level above src/ (development) and dist/ (the built package). */
export const PACKAGE_ROOT = path.resolve(__dirname, "..");
export const EXAMPLES = path.join(PACKAGE_ROOT, "examples", "deployments.yaml");

/** Scenario → the example deployment it starts from, and what it is. */
export const SCENARIOS: Readonly<Record<string, { example: string; what: string }>> = {
  "mwaa-private": {
    example: "mwaa-private",
    what: "Amazon MWAA with private routing: a new VPC with no internet path and the endpoints MWAA needs",
  },
  "mwaa-public": { example: "mwaa-public", what: "Amazon MWAA with public routing: a new VPC with NAT gateways" },
  "existing-vpc": { example: "mwaa-existing-vpc", what: "the MWAA endpoints and security group in a VPC you already have" },
  apprunner: { example: "apprunner-private", what: "an App Runner VPC connector into a private VPC, and a private App Runner service" },
  privatelink: { example: "privatelink-dualstack", what: "PrivateLink interface endpoints, IPv4 and IPv6, in a new VPC" },
  "lattice-owner": { example: "lattice-owner", what: "a VPC Lattice resource gateway and resource configuration, shared with AWS RAM" },
  "lattice-consumer": {
    example: "lattice-consumer",
    what: "EventBridge connections and a Step Functions HTTP Task reaching a private API through VPC Lattice",
  },
};

/** Where `init` writes, and where `synth` looks when given no --config outside a clone. */
export const INIT_DEFAULT = "private-routing.yaml";

export const INIT_USAGE = `Usage: private-routing init <scenario> [--out FILE] [--cdktf] [--force]

  <scenario>  ${Object.keys(SCENARIOS).join(", ")}
  --out FILE  where to write it (default: ${INIT_DEFAULT}); an existing file is kept unless --force
  --cdktf     also write cdktf.json next to FILE: the cdktf CLI (npm install --save-dev cdktf-cli@0.21.0)
              then synthesizes FILE through this package (npx cdktf synth, npx cdktf deploy <deployment>)
  --force     overwrite FILE (and cdktf.json)

Then: npx private-routing synth --config FILE   (writes <FILE's folder>/generated/; FILE may be left out if it is ${INIT_DEFAULT})

Exit codes: 0 written, 1 the file exists or cannot be written, 2 usage error.`;

/** The starter configuration text for a scenario: the example deployment with its comments. */
export function starterText(scenario: string): string {
  const { example, what } = SCENARIOS[scenario];
  const doc = parseDocument(fs.readFileSync(EXAMPLES, "utf8"));
  const deployments = doc.get("deployments") as YAMLSeq;
  deployments.items = deployments.items.filter((d) => (d as { get(k: string): unknown }).get("name") === example);
  const header = [
    `# Starter configuration (${scenario}): ${what}.`,
    "# Written by `private-routing init`, from the project's tested example of the same name.",
    "# Change the values to yours (Region, CIDRs, names, IDs), then:",
    "#   npx private-routing synth --config <this file>     writes generated/ next to it",
    "#   npx private-routing check generated/json/<name>    checks it again, or any Terraform",
    "# Every field: docs/configuration.md in the package (node_modules/private-routing/docs/).",
  ];
  // The examples file's own header (about the examples) gives way to the starter's.
  const body = doc.toString({ lineWidth: 0 }).split("\n");
  return [...header, ...body.slice(body.findIndex((l) => l.startsWith("deployments:")))].join("\n");
}

/** `init`: writes a starter configuration. Never throws for bad input. */
export function initMain(argv: readonly string[], io: CliIo): number {
  let scenario: string | undefined;
  let out = INIT_DEFAULT;
  let force = false;
  let cdktf = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      io.out(INIT_USAGE);
      return 0;
    }
    if (a === "--force") force = true;
    else if (a === "--cdktf") cdktf = true;
    else if (a === "--out") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--") || v === "") return usage(io, "--out needs a file name");
      out = v;
    } else if (a.startsWith("-"))
      return usage(io, `unknown argument: ${showArg(a)}${suggest(a, ["--out", "--cdktf", "--force", "--help"])}`);
    else if (scenario === undefined) scenario = a;
    else return usage(io, `one scenario only, got ${showArg(scenario)} and ${showArg(a)}`);
  }
  if (scenario === undefined) return usage(io, "name a scenario");
  if (!Object.hasOwn(SCENARIOS, scenario))
    return usage(io, `unknown scenario ${showArg(scenario)}${suggest(scenario, Object.keys(SCENARIOS))}`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) return usage(io, `--out ${showPath(out)} is a folder: give a file name`);
  const cdktfJson = path.join(path.dirname(out), "cdktf.json");
  for (const file of cdktf ? [out, cdktfJson] : [out])
    if (fs.existsSync(file) && !force) {
      io.err(`error: ${showPath(file)} exists; give another --out, or --force to overwrite it. Nothing was written.`);
      return 1;
    }
  // Written beside its place and renamed onto it: a stopped init leaves the old file or the new one.
  const temp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    makeFolders(path.dirname(path.resolve(out)));
    fs.writeFileSync(temp, starterText(scenario));
    if (cdktf) fs.writeFileSync(`${temp}.cdktf`, cdktfJsonText(path.basename(out)));
    fs.renameSync(temp, out);
    if (cdktf) fs.renameSync(`${temp}.cdktf`, cdktfJson);
  } catch (e) {
    removeIfThere(temp);
    removeIfThere(`${temp}.cdktf`);
    const err = fromNode(e, out);
    const where = [out, path.resolve(out)].includes(err.file) ? "" : `${err.file}: `;
    io.err(`error: cannot write ${showPath(out)}: ${where}${err.message} (${err.code}). Nothing was written.`);
    return 1;
  }
  if (!cdktf) {
    io.out(`wrote ${showPath(out)} (${scenario}). Next: npx private-routing synth --config ${showPath(out)}`);
    return 0;
  }
  io.out(
    `wrote ${showPath(out)} (${scenario}) and ${showPath(cdktfJson)}. Next: npm install --save-dev cdktf-cli@0.21.0, then npx cdktf synth (or npx cdktf deploy <deployment>) in ${showPath(path.dirname(out))}`,
  );
  return 0;
}

/**
 * The cdktf CLI's project file for a package user: its app is this package's own synth of the
 * configuration beside it, so `cdktf synth` and `cdktf deploy` run the same checks as `synth`.
 */
export function cdktfJsonText(configFile: string): string {
  // Quoted for the shell cdktf runs it in (a name with a space stays one argument).
  const app = `npx --no-install private-routing synth --cdktf --config ${JSON.stringify(configFile)}`;
  return `${JSON.stringify({ language: "typescript", app, projectId: "private-routing", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`;
}

function usage(io: CliIo, message: string): number {
  io.err(`error: ${terminalSafe(message, 4000)}`);
  io.err(INIT_USAGE);
  return 2;
}
