/**
 * Runs the real Terraform CLI on generated root modules: init, validate, an offline plan, and
 * `terraform show -json` of the plan.
 *
 * - Terraform is looked up on PATH (or TERRAFORM_BIN). With REQUIRE_TERRAFORM=1 (set by .ci/run)
 *   or CI=true, a missing binary fails the tests; otherwise they are skipped with the reason.
 * - Providers come from the filesystem mirror named by TF_PLUGIN_MIRROR, else /opt/tf-plugins
 *   when that folder exists (the image this project is built on ships one), else the registry.
 * - One plugin cache (TF_PLUGIN_CACHE_DIR) is shared by every run, so init links, not copies.
 * - The plan uses mock credentials and the provider's skip flags, added as an override file in a
 *   temporary copy: generated/ itself is never touched and never contains them.
 */
import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

export const TERRAFORM = process.env.TERRAFORM_BIN ?? "terraform";

export function terraformRequired(): boolean {
  return process.env.REQUIRE_TERRAFORM === "1" || process.env.CI === "true";
}

/** Why Terraform cannot run here, or undefined when it can. */
export function terraformUnavailableReason(): string | undefined {
  const r = spawnSync(TERRAFORM, ["version", "-json"], { encoding: "utf8", env: terraformEnv() });
  if (r.error || r.status !== 0) return `"${TERRAFORM} version" failed: ${r.error?.message ?? r.stderr.trim()}`;
  return undefined;
}

function pluginMirror(): string | undefined {
  if (process.env.TF_PLUGIN_MIRROR) return process.env.TF_PLUGIN_MIRROR;
  return fs.existsSync("/opt/tf-plugins") ? "/opt/tf-plugins" : undefined;
}

let cliConfig: string | undefined;
/** Environment for Terraform: CLI config (mirror) and the shared plugin cache. */
export function terraformEnv(): NodeJS.ProcessEnv {
  const base = path.join(os.tmpdir(), "private-routing-terraform");
  const cache = path.join(base, "plugin-cache");
  fs.mkdirSync(cache, { recursive: true });
  if (!cliConfig) {
    cliConfig = path.join(base, `cli-${process.pid}.tfrc`);
    const mirror = pluginMirror();
    fs.writeFileSync(
      cliConfig,
      mirror
        ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`
        : "",
    );
  }
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_PLUGIN_CACHE_DIR: cache, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
}

export interface PlanResult {
  readonly dir: string;
  /** `terraform validate -json` (JSON modules), or the same counts from the plan's own validation (HCL twins). */
  readonly validate: { valid: boolean; error_count: number; warning_count: number; diagnostics: unknown[]; by: "validate" | "plan" };
  /** Warnings `terraform plan` reported (it validates the configuration before planning). */
  readonly planWarnings: readonly string[];
  /** Addresses of the resources the plan creates. */
  readonly creates: readonly string[];
  /** `planned_values` of `terraform show -json`, for comparing two modules. */
  readonly plannedValues: unknown;
  /** The whole `terraform show -json` document (plan JSON), for the checker. */
  readonly show: Record<string, unknown>;
}

const MOCK_PROVIDER = {
  provider: {
    aws: {
      access_key: "mock",
      secret_key: "mock",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    },
  },
};

/** A root module copied to a temporary folder and initialised there. */
export interface PreparedModule {
  readonly dir: string;
  readonly work: string;
  readonly tf: (...args: string[]) => Promise<string>;
}

/**
 * Copies a root module (its *.tf and *.tf.json files) to a temp folder, adds the mock-credential
 * override and initialises it: with `.terraform/` and the lock file of an already initialised
 * module whose `terraform {}` block is the same (same provider, same backend), or else with
 * `terraform init`. Inits run one at a time: Terraform's plugin cache is not safe for concurrent
 * installs ("still not detected in the plugin cache").
 */
export async function prepareModule(moduleDir: string, initialised = new Map<string, string>()): Promise<PreparedModule> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-plan-"));
  for (const f of fs.readdirSync(moduleDir)) {
    if (/\.tf(\.json)?$/.test(f)) fs.copyFileSync(path.join(moduleDir, f), path.join(work, f));
  }
  fs.writeFileSync(path.join(work, "zz_test_override.tf.json"), JSON.stringify(MOCK_PROVIDER));
  // A remote backend (s3, HCP Terraform) cannot be reached offline: the copy plans with local
  // state instead, through an override file (an override's backend replaces a backend or cloud
  // block). The rest of the configuration is validated and planned as written.
  // Sensitive variables (connection secrets) have no value in generated/ by design: the test
  // supplies a dummy one, as a user supplies TF_VAR_… or a sensitive workspace variable.
  const secrets = sensitiveVariablesOf(moduleDir);
  if (secrets.length > 0) fs.writeFileSync(path.join(work, "zz_test.auto.tfvars.json"), JSON.stringify(Object.fromEntries(secrets.map((v) => [v, dummySecret(v)]))));
  const { remote } = terraformBlockOf(moduleDir);
  if (remote) fs.writeFileSync(path.join(work, "zz_backend_override.tf.json"), JSON.stringify({ terraform: { backend: { local: { path: "terraform.tfstate" } } } }));
  const env = terraformEnv();
  const tf = async (...args: string[]) => {
    try {
      return (await run(TERRAFORM, args, { cwd: work, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`terraform ${args[0]} failed in ${moduleDir}:\n${err.stderr || err.stdout || err.message}`);
    }
  };
  const { key } = terraformBlockOf(moduleDir);
  const donor = key === undefined ? undefined : initialised.get(key);
  if (donor) {
    fs.cpSync(path.join(donor, ".terraform"), path.join(work, ".terraform"), { recursive: true, verbatimSymlinks: true });
    fs.copyFileSync(path.join(donor, ".terraform.lock.hcl"), path.join(work, ".terraform.lock.hcl"));
  } else {
    await tf("init", "-input=false", "-no-color");
    if (key !== undefined) initialised.set(key, work);
  }
  return { dir: moduleDir, work, tf };
}

/** The dummy value the tests give a sensitive variable: easy to search for in files. */
export function dummySecret(variable: string): string {
  return `dummy-secret-for-tests-${variable}`;
}

/** Names of the module's variables marked sensitive, from *.tf.json or *.tf. */
export function sensitiveVariablesOf(moduleDir: string): string[] {
  const names: string[] = [];
  for (const f of fs.readdirSync(moduleDir).sort()) {
    const text = fs.readFileSync(path.join(moduleDir, f), "utf8");
    if (f.endsWith(".tf.json")) {
      const vars = (JSON.parse(text) as { variable?: Record<string, { sensitive?: boolean }> }).variable ?? {};
      names.push(...Object.entries(vars).filter(([, v]) => v.sensitive === true).map(([n]) => n));
    } else if (f.endsWith(".tf")) {
      for (const m of text.matchAll(/^variable "([^"]+)" \{\n([\s\S]*?)\n\}$/gm)) if (/^\s*sensitive\s*=\s*true$/m.test(m[2])) names.push(m[1]);
    }
  }
  return names;
}

interface TerraformBlockInfo {
  /** What `.terraform/` depends on: the required providers and the effective (local) backend. */
  readonly key?: string;
  /** The module names a remote backend (s3, cloud). */
  readonly remote: boolean;
}

/** Reads the module's `terraform {}` block, from *.tf.json or *.tf. JSON and HCL twins get the same key. */
export function terraformBlockOf(moduleDir: string): TerraformBlockInfo {
  for (const f of fs.readdirSync(moduleDir).sort()) {
    const text = fs.readFileSync(path.join(moduleDir, f), "utf8");
    if (f.endsWith(".tf.json")) {
      const t = (JSON.parse(text) as { terraform?: { required_providers?: Record<string, { source?: string; version?: string }>; required_version?: string; backend?: Record<string, { path?: string }>; cloud?: unknown } }).terraform;
      if (!t) continue;
      const local = t.backend?.local;
      const remote = t.cloud !== undefined || (t.backend !== undefined && local === undefined);
      const providers = Object.entries(t.required_providers ?? {}).map(([n, p]) => `${n}=${p.source}@${p.version}`).sort().join(",");
      return { remote, key: `${providers}|local:${local?.path ?? "terraform.tfstate"}` };
    }
    if (f.endsWith(".tf")) {
      const block = /^terraform \{\n[\s\S]*?\n\}\n/m.exec(text)?.[0];
      if (!block) continue;
      const local = /backend "local" \{\s*path\s*=\s*"([^"]*)"/.exec(block)?.[1];
      const remote = /\bcloud \{|backend "(?!local")/.test(block);
      const providers = [...block.matchAll(/(\w+) = \{\s*version\s*=\s*"([^"]+)"\s*source\s*=\s*"([^"]+)"/g)].map((m) => `${m[1]}=${m[3]}@${m[2]}`).sort().join(",");
      return { remote, key: `${providers}|local:${local ?? "terraform.tfstate"}` };
    }
  }
  return { remote: false };
}

/** Validates and plans a prepared module offline (safe to run concurrently), then removes its folder. */
export async function validateAndPlan(m: PreparedModule, runValidate = true): Promise<PlanResult> {
  try {
    const validate = runValidate ? { ...(JSON.parse(await m.tf("validate", "-json", "-no-color")) as Omit<PlanResult["validate"], "by">), by: "validate" as const } : undefined;
    // -json: the plan's machine-readable log, whose diagnostics are the configuration's warnings.
    const log = await m.tf("plan", "-input=false", "-lock=false", "-refresh=false", "-no-color", "-json", "-out=plan.bin");
    const diagnostics = log
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { type: string; diagnostic?: { severity: string; summary: string } })
      .filter((e) => e.type === "diagnostic" && e.diagnostic);
    const planWarnings = diagnostics.filter((e) => e.diagnostic!.severity === "warning").map((e) => e.diagnostic!.summary);
    const show = JSON.parse(await m.tf("show", "-json", "plan.bin")) as {
      resource_changes: { address: string; change: { actions: string[] } }[];
      planned_values: unknown;
    };
    const creates = show.resource_changes.filter((c) => c.change.actions.join() === "create").map((c) => c.address).sort();
    return {
      dir: m.dir,
      validate: validate ?? { valid: true, error_count: 0, warning_count: planWarnings.length, diagnostics: diagnostics.map((d) => d.diagnostic), by: "plan" },
      planWarnings,
      creates,
      plannedValues: show.planned_values,
      show: show as unknown as Record<string, unknown>,
    };
  } finally {
    fs.rmSync(m.work, { recursive: true, force: true });
  }
}

/**
 * Initialises every module one at a time (once per distinct terraform block), then validates and
 * plans them `limit` at a time. `validateOnly(dir)` says which modules get a separate
 * `terraform validate`; the others are validated by `terraform plan` itself (it validates before
 * it plans, and any error fails it), which saves one start of the 700 MB provider per module.
 */
export async function planAllOffline(moduleDirs: readonly string[], limit: number, separateValidate: (dir: string) => boolean = () => true): Promise<PlanResult[]> {
  const prepared: PreparedModule[] = [];
  const initialised = new Map<string, string>();
  try {
    for (const d of moduleDirs) prepared.push(await prepareModule(d, initialised));
  } catch (e) {
    for (const m of prepared) fs.rmSync(m.work, { recursive: true, force: true });
    throw e;
  }
  // A donor's folder is removed after its own plan; copies were made above, before any plan ran.
  return mapBounded(prepared, limit, (m) => validateAndPlan(m, separateValidate(m.dir)));
}

/** Runs `fn` over `items` with at most `limit` at a time (two cores: two Terraform processes). */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
