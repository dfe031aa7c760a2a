import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CliIo } from "./cli-io";
import { showArg, showPath, terminalSafe } from "./problems";
import { suggest } from "./suggest";

/**
 * `plan-offline`: a `terraform plan` of a generated module with no AWS access at all, for a machine
 * without credentials or network (a newcomer's laptop, a review pipeline). The module is copied to
 * a temporary folder; the copy gets the override below and placeholder values for what only an
 * account or a hub can give; Terraform plans the copy and the copy is removed. The module's own
 * folder is never written, so `terraform apply` there can never pick the override up.
 *
 * What such a plan proves: the module is valid Terraform for hashicorp/aws 5.100.0, its
 * expressions evaluate, and it would create what it lists. What it does not: anything the account
 * decides (the preflight checks cannot read their data sources and warn so; quotas, Region
 * support, names already taken, permissions), and the values a hub hands a spoke (placeholders).
 */
export const OFFLINE_OVERRIDE_FILE = "zz_offline_plan_override.tf.json";

/** The provider settings of an offline plan: credentials that are not real, and no call to AWS to check them. */
export const MOCK_SETTINGS = {
  access_key: "offline-plan-only",
  secret_key: "offline-plan-only",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

/**
 * The override for a module: the default provider and each aliased one (a shared VPC's
 * `vpc_owner`, a spoke's `hub`) get the mock settings, the aliased ones without
 * allowed_account_ids (which needs the account ID the skip flags do not request). The roles they
 * assume are emptied by their variables (roleVariablesOf).
 */
export function mockProviderOverride(moduleDir: string): Record<string, unknown> {
  const aliases = providerAliasesOf(moduleDir);
  if (aliases.length === 0) return { provider: { aws: MOCK_SETTINGS } };
  return { provider: { aws: [MOCK_SETTINGS, ...aliases.map((alias) => ({ alias, ...MOCK_SETTINGS, allowed_account_ids: null }))] } };
}

/**
 * The offline copy's whole override: the mock providers, and a local backend in place of the
 * module's (an S3 bucket or HCP Terraform needs credentials; an override's backend replaces the
 * module's backend or cloud block: Terraform, Override Files, "Merging terraform blocks").
 */
export function offlineOverride(moduleDir: string): Record<string, unknown> {
  return { terraform: { backend: { local: { path: "offline-plan.tfstate" } } }, ...mockProviderOverride(moduleDir) };
}

/** The module's Terraform files (not override files): `*.tf` and `*.tf.json`, sorted. */
function terraformFiles(moduleDir: string): string[] {
  return fs
    .readdirSync(moduleDir)
    .filter((f) => /\.tf(\.json)?$/.test(f) && !/override\.tf(\.json)?$/.test(f))
    .sort();
}

/** Aliases of the module's aws provider blocks, from *.tf.json or *.tf. */
export function providerAliasesOf(moduleDir: string): string[] {
  const names = new Set<string>();
  for (const f of terraformFiles(moduleDir)) {
    const text = fs.readFileSync(path.join(moduleDir, f), "utf8");
    for (const m of text.matchAll(/"alias": "([a-z_]+)"|^\s*alias\s*=\s*"([a-z_]+)"/gm)) names.add(m[1] ?? m[2]);
  }
  return [...names];
}

/** The role variables of the module's aliased providers, each emptied (assume no role): name → "". */
export function roleVariablesOf(moduleDir: string): Record<string, string> {
  return Object.fromEntries(providerAliasesOf(moduleDir).map((a) => [`${a}_role_arn`, ""]));
}

/** Names of the module's variables marked sensitive, from *.tf.json or *.tf. */
export function sensitiveVariablesOf(moduleDir: string): string[] {
  const names: string[] = [];
  for (const f of terraformFiles(moduleDir)) {
    const text = fs.readFileSync(path.join(moduleDir, f), "utf8");
    if (f.endsWith(".tf.json")) {
      const vars = (JSON.parse(text) as { variable?: Record<string, { sensitive?: boolean }> }).variable ?? {};
      names.push(
        ...Object.entries(vars)
          .filter(([, v]) => v.sensitive === true)
          .map(([n]) => n),
      );
    } else {
      for (const m of text.matchAll(/^variable "([^"]+)" \{\n([\s\S]*?)\n\}$/gm))
        if (/^\s*sensitive\s*=\s*true$/m.test(m[2])) names.push(m[1]);
    }
  }
  return names;
}

/**
 * A spoke's hand-over variables, as a pipeline would give them from the hub's outputs, with
 * placeholder IDs: offline, the lookups by Name tag they replace cannot be read.
 */
export function hubVariablesOf(moduleDir: string): Record<string, unknown> {
  // An HCL module reads its JSON twin's (same variables and outputs).
  const twin = path.join(path.dirname(path.dirname(moduleDir)), "json", path.basename(moduleDir), "main.tf.json");
  const file = fs.existsSync(path.join(moduleDir, "main.tf.json")) ? path.join(moduleDir, "main.tf.json") : twin;
  if (!fs.existsSync(file)) return {};
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
    variable?: Record<string, unknown>;
    output?: Record<string, { value?: { services?: string[] } }>;
  };
  const declared = Object.keys(doc.variable ?? {});
  if (!declared.includes("hub_route_table_ids")) return {};
  const services = doc.output?.provided_by_hub_endpoints?.value?.services ?? [];
  return {
    // A spoke of a hub with a given gateway names it by ID: no variable for it.
    ...(declared.includes("hub_transit_gateway_id") ? { hub_transit_gateway_id: "tgw-0123456789abcdef0" } : {}),
    hub_route_table_ids: { hub: "tgw-rtb-0123456789abcdef0", spokes: "tgw-rtb-0123456789abcdef1" },
    // A spoke of a hub whose zones are in a Route 53 Profile takes the Profile's ID instead.
    ...(declared.includes("hub_zone_ids")
      ? { hub_zone_ids: Object.fromEntries(services.map((s, i) => [s, `Z0${String(i).padStart(2, "0")}EXAMPLE`])) }
      : {}),
    ...(declared.includes("hub_profile_id") ? { hub_profile_id: "rp-0123456789abcdef" } : {}),
  };
}

/**
 * The copy an offline plan runs in: the module's Terraform files and files/ (read by filemd5() at
 * plan), the override, and the placeholder variables as `offline.auto.tfvars.json`.
 */
export function offlineCopy(moduleDir: string, into: string): { readonly variables: readonly string[] } {
  for (const f of terraformFiles(moduleDir)) fs.copyFileSync(path.join(moduleDir, f), path.join(into, f));
  if (fs.existsSync(path.join(moduleDir, "files"))) fs.cpSync(path.join(moduleDir, "files"), path.join(into, "files"), { recursive: true });
  fs.writeFileSync(path.join(into, OFFLINE_OVERRIDE_FILE), `${JSON.stringify(offlineOverride(moduleDir), null, 2)}\n`);
  const variables = {
    ...Object.fromEntries(sensitiveVariablesOf(moduleDir).map((v) => [v, `offline-plan-placeholder-${v}`])),
    ...roleVariablesOf(moduleDir),
    ...hubVariablesOf(moduleDir),
  };
  if (Object.keys(variables).length > 0)
    fs.writeFileSync(path.join(into, "offline.auto.tfvars.json"), `${JSON.stringify(variables, null, 2)}\n`);
  return { variables: Object.keys(variables) };
}

export const PLAN_OFFLINE_USAGE = `Usage: private-routing plan-offline <module folder> [--keep DIR]

  Plans a generated root module with no AWS access: in a temporary copy, with credentials that are
  not real and the provider's skip flags (${OFFLINE_OVERRIDE_FILE}), placeholders for secrets,
  assumed roles and a hub's hand-over values. The module's folder is never written, so nothing of
  this can reach an apply. Terraform comes from PATH (or TERRAFORM_BIN), its providers as your
  Terraform CLI configuration says (an offline mirror: docs/air-gapped.md).

  --keep DIR  make the copy in DIR (created, must be empty) and leave it there to look at
  --help      this text

What it proves: the module is valid for hashicorp/aws 5.100.0 and would create what it lists.
Not: what only the account can say (the preflight checks warn that they could not be read),
nor the values a hub hands a spoke (placeholders).

Exit codes: 0 planned, 1 terraform failed, 2 usage or not a module.`;

/** `plan-offline`: never throws for bad input. */
export function planOfflineMain(argv: readonly string[], io: CliIo): number {
  let module: string | undefined;
  let keep: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      io.out(PLAN_OFFLINE_USAGE);
      return 0;
    }
    if (a === "--keep") {
      const v = argv[++i];
      if (v === undefined || v === "" || v.startsWith("--")) return usage(io, "--keep needs a folder");
      keep = v;
    } else if (a.startsWith("-")) return usage(io, `unknown argument: ${showArg(a)}${suggest(a, ["--keep", "--help"])}`);
    else if (module === undefined) module = a;
    else return usage(io, `one module folder only, got ${showArg(module)} and ${showArg(a)}`);
  }
  if (module === undefined) return usage(io, "name a generated module folder, e.g. generated/json/<deployment>");
  if (!fs.existsSync(module) || !fs.statSync(module).isDirectory() || terraformFiles(module).length === 0)
    return usage(io, `${showPath(module)} is not a folder with *.tf or *.tf.json files`);
  if (keep !== undefined && fs.existsSync(keep) && (!fs.statSync(keep).isDirectory() || fs.readdirSync(keep).length > 0))
    return usage(io, `--keep ${showPath(keep)} must be a new or empty folder`);
  const work = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "private-routing-offline-"));
  fs.mkdirSync(work, { recursive: true });
  try {
    const { variables } = offlineCopy(module, work);
    io.err(
      `planning a copy of ${showPath(module)} in ${showPath(work)} with ${OFFLINE_OVERRIDE_FILE}${variables.length > 0 ? ` and placeholders for ${variables.join(", ")}` : ""}`,
    );
    const terraform = process.env.TERRAFORM_BIN ?? "terraform";
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
    for (const args of [
      ["init", "-input=false", "-no-color"],
      ["plan", "-input=false", "-lock=false", "-refresh=false", "-no-color"],
    ]) {
      const r = spawnSync(terraform, args, { cwd: work, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      if (r.error) {
        io.err(
          `error: cannot run ${showArg(terraform)}: ${terminalSafe(r.error.message, 400)} (install Terraform ≥ 1.5, or set TERRAFORM_BIN)`,
        );
        return 1;
      }
      for (const line of `${r.stdout}`.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1)) io.out(terminalSafe(line, 4000));
      for (const line of `${r.stderr}`.split("\n").filter((l) => l !== "")) io.err(terminalSafe(line, 4000));
      if (r.status !== 0) {
        io.err(`error: terraform ${args[0]} failed (exit ${r.status}) on the offline copy of ${showPath(module)}`);
        return 1;
      }
    }
    return 0;
  } finally {
    if (keep === undefined) fs.rmSync(work, { recursive: true, force: true });
  }
}

function usage(io: CliIo, message: string): number {
  io.err(`error: ${terminalSafe(message, 4000)}`);
  io.err(PLAN_OFFLINE_USAGE);
  return 2;
}
