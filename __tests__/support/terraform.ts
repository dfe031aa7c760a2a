/**
 * Runs the real Terraform CLI on generated root modules: init, an offline plan (which validates
 * first), and `terraform show -json` of the plan, all modules in one run.
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
import { hubVariablesOf, MOCK_SETTINGS, mockProviderOverride, roleVariablesOf, sensitiveVariablesOf } from "../../src/offline-plan";

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

/**
 * `describe` for a Terraform-tier suite: `describe.skip` where Terraform cannot run, unless it is
 * required here (CI, REQUIRE_TERRAFORM=1), where that is an error instead of a silent skip.
 */
export function describeTerraform(): jest.Describe {
  const reason = terraformUnavailableReason();
  if (reason && terraformRequired()) throw new Error(`Terraform is required here but cannot run: ${reason}`);
  return reason ? describe.skip : describe;
}

function pluginMirror(): string | undefined {
  if (process.env.TF_PLUGIN_MIRROR) return process.env.TF_PLUGIN_MIRROR;
  return fs.existsSync("/opt/tf-plugins") ? "/opt/tf-plugins" : undefined;
}

let cliConfig: string | undefined;
/** Environment for Terraform: CLI config (mirror) and the shared plugin cache. */
export function terraformEnv(): NodeJS.ProcessEnv {
  // Kept between runs (init links providers from it); in node_modules/.cache, not the system temp
  // folder, which the tests leave as they found it.
  const base = path.resolve(__dirname, "../../node_modules/.cache/private-routing-terraform");
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

/**
 * Runs `fn` (a `terraform init`) while holding a lock shared by every test process. Terraform's
 * plugin cache is not safe for concurrent use: an init with no lock file re-installs the provider
 * into the cache, and a second init at the same instant fails with "mkdir …: file exists" (seen
 * when the apply tier's two test files started together). A stale lock (its holder gone) is taken over.
 */
export async function withInitLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.resolve(__dirname, "../../node_modules/.cache/private-routing-terraform/init.lock");
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number(fs.readFileSync(lock, "utf8") || 0);
      if (holder > 0 && !isAlive(holder)) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface PlanResult {
  readonly dir: string;
  /** The validation `terraform plan` runs before it plans (an error fails it), as `terraform validate -json` counts it. */
  readonly validate: { valid: boolean; error_count: number; warning_count: number; diagnostics: unknown[]; by: "plan" };
  /** Warnings `terraform plan` reported (it validates the configuration before planning), less the preflight checks'. */
  readonly planWarnings: readonly string[];
  /** `<check block>: <summary>` of each warning located in a preflight check block (offline: its data source cannot be read). */
  readonly preflightWarnings: readonly string[];
  /** Addresses of the resources the plan creates. */
  readonly creates: readonly string[];
  /** `planned_values` of `terraform show -json`, for comparing two modules. */
  readonly plannedValues: unknown;
  /** The whole `terraform show -json` document (plan JSON), for the checker. */
  readonly show: Record<string, unknown>;
}

// The offline plan's override and placeholders are the shipped ones (src/offline-plan.ts), which
// `private-routing plan-offline` gives users: the tests plan exactly as a user can.
export { hubVariablesOf, mockProviderOverride, providerAliasesOf, roleVariablesOf, sensitiveVariablesOf } from "../../src/offline-plan";
const MOCK_PROVIDER = { provider: { aws: MOCK_SETTINGS } };

/** The check block a diagnostic is located in, from its snippet context: `check.<name>…` in JSON, `check "<name>"` in HCL. */
export function checkBlockOf(context: string | undefined): string | undefined {
  return /^check(?:\.| ")([a-z0-9_]+)/.exec(context ?? "")?.[1];
}

/** The dummy value the tests give a sensitive variable: easy to search for in files. */
export function dummySecret(variable: string): string {
  return `dummy-secret-for-tests-${variable}`;
}

/**
 * Warnings Terraform gives because the suite calls root modules as child modules, and only then:
 * a child's backend (or `cloud`) block is ignored, and a child's provider block that is merged
 * with an override file is reported as a "redundant empty provider block". Each is expected
 * at most once per module, on the module's own main file; any other warning is the module's.
 */
const SUITE_ARTEFACTS = ["Backend configuration ignored", "Redundant empty provider block"];

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string };
  snippet?: { context?: string };
}

/** A value with every string that starts with the child's folder (`<call>/…`) made relative to the root (`./…`). */
function asRoot<T>(value: T, call: string): T {
  if (typeof value === "string") return (value.startsWith(`${call}/`) ? `./${value.slice(call.length + 1)}` : value) as T;
  if (Array.isArray(value)) return value.map((v) => asRoot(v, call)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asRoot(v, call)])) as T;
  }
  return value;
}

/** A plan document (`terraform show -json`) narrowed to one child module, as if it were the root. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function childPlan(show: Record<string, any>, call: string): Record<string, unknown> {
  const prefix = `module.${call}.`;
  const strip = (address: string) => (address.startsWith(prefix) ? address.slice(prefix.length) : address);
  const child = (show.planned_values.root_module.child_modules ?? []).find((m: { address: string }) => m.address === `module.${call}`) ?? {
    resources: [],
  };
  const providerConfig = Object.fromEntries(
    Object.entries(show.configuration.provider_config as Record<string, { module_address?: string }>)
      .filter(([, p]) => p.module_address === `module.${call}`)
      .map(([key, p]) => [key.slice(`module.${call}:`.length), { ...p, module_address: undefined }]),
  );
  return {
    format_version: show.format_version,
    terraform_version: show.terraform_version,
    planned_values: {
      // A child module's outputs are not in a plan's planned_values; as the root module's they
      // would be. Those with a constant value (what the checker reads) are put back.
      outputs: Object.fromEntries(
        Object.entries(
          (show.configuration.root_module.module_calls[call].module.outputs ?? {}) as Record<
            string,
            { expression?: { constant_value?: unknown } }
          >,
        )
          // (Terraform reports a JSON-syntax object of "${…}" strings as a constant too: not one.)
          .filter(([, o]) => o.expression?.constant_value !== undefined && !JSON.stringify(o.expression.constant_value).includes("${"))
          .map(([name, o]) => [name, { sensitive: false, value: o.expression!.constant_value }]),
      ),
      // path.module is the child's folder here and "." in a root module: written back as a root has it.
      root_module: { resources: child.resources.map((r: { address: string }) => ({ ...asRoot(r, call), address: strip(r.address) })) },
    },
    resource_changes: show.resource_changes
      .filter((c: { module_address?: string }) => c.module_address === `module.${call}`)
      .map((c: { address: string; module_address?: string }) => ({ ...c, address: strip(c.address), module_address: undefined })),
    configuration: {
      provider_config: providerConfig,
      root_module: asRootConfiguration(show.configuration.root_module.module_calls[call].module, call),
    },
  };
}

/** A child module's configuration as its own root's: provider keys without the `module.<call>:` prefix. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function asRootConfiguration(module: Record<string, any>, call: string): Record<string, unknown> {
  const prefix = `module.${call}:`;
  const strip = (key: unknown) => (typeof key === "string" && key.startsWith(prefix) ? key.slice(prefix.length) : key);
  return {
    ...module,
    resources: (module.resources ?? []).map((r: Record<string, unknown>) => ({ ...r, provider_config_key: strip(r.provider_config_key) })),
  };
}

/**
 * Validates and plans every root module offline in one Terraform run: each module is copied into
 * its own folder of a temporary "suite" root module that calls them all, so the 700 MB provider
 * schema is loaded three times (init, plan, show) instead of two or three times per module. The
 * plan validates the whole configuration first (any error fails it); a module's warnings are the
 * diagnostics whose range is in its folder, less the two the suite itself causes (above). Each
 * result carries its module's part of the plan, with addresses as in the module run as a root.
 *
 * Each copy gets the mock-credential override (in the copy only: generated/ never holds it), and a
 * dummy value for each sensitive variable, passed by the suite as a user would pass TF_VAR_… .
 * Remote backends need no override: a child module's backend or `cloud` block is not used.
 */
export async function planAllOffline(moduleDirs: readonly string[]): Promise<PlanResult[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-suite-"));
  try {
    const calls = moduleDirs.map((dir) => ({
      dir,
      call: `${path.basename(path.dirname(dir))}_${path.basename(dir)}`.replace(/[^A-Za-z0-9_]/g, "_"),
    }));
    if (new Set(calls.map((c) => c.call)).size !== calls.length)
      throw new Error(`two modules map to one suite folder: ${moduleDirs.join(", ")}`);
    const suite: Record<string, Record<string, string>> = {};
    for (const { dir, call } of calls) {
      const copy = path.join(work, call);
      fs.mkdirSync(copy);
      for (const f of fs.readdirSync(dir)) if (/\.tf(\.json)?$/.test(f)) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
      // Files the module uploads (files/…) are read by filemd5() at plan time.
      if (fs.existsSync(path.join(dir, "files"))) fs.cpSync(path.join(dir, "files"), path.join(copy, "files"), { recursive: true });
      fs.writeFileSync(path.join(copy, "zz_test_override.tf.json"), JSON.stringify(mockProviderOverride(dir)));
      suite[call] = {
        source: `./${call}`,
        ...Object.fromEntries(sensitiveVariablesOf(dir).map((v) => [v, dummySecret(v)])),
        ...roleVariablesOf(dir),
        ...hubVariablesOf(dir),
      };
    }
    fs.writeFileSync(path.join(work, "suite.tf.json"), JSON.stringify({ module: suite }, null, 2));
    const env = terraformEnv();
    const tf = async (...args: string[]) => {
      try {
        return (await run(TERRAFORM, args, { cwd: work, env, maxBuffer: 256 * 1024 * 1024 })).stdout;
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(
          `terraform ${args[0]} failed on the suite of ${moduleDirs.join(", ")}:\n${err.stderr || err.stdout || err.message}`,
          { cause: e },
        );
      }
    };
    await withInitLock(() => tf("init", "-input=false", "-no-color", "-backend=false"));
    // -json: the plan's machine-readable log, whose diagnostics are the configuration's warnings.
    const log = await tf("plan", "-input=false", "-lock=false", "-refresh=false", "-no-color", "-json", "-out=plan.bin");
    const diagnostics = log
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { type: string; diagnostic?: Diagnostic })
      .flatMap((e) => (e.type === "diagnostic" && e.diagnostic ? [e.diagnostic] : []))
      // A configuration warning is logged by the validation and again by the plan: once is enough.
      .filter((d, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(d)) === i);
    const unplaced = diagnostics.filter((d) => !calls.some(({ call }) => d.range?.filename.startsWith(`${call}/`)));
    if (unplaced.length > 0) throw new Error(`terraform plan reported diagnostics outside any module: ${JSON.stringify(unplaced)}`);
    const show = JSON.parse(await tf("show", "-json", "plan.bin")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    return calls.map(({ dir, call }) => {
      const own = diagnostics.filter((d) => d.range!.filename.startsWith(`${call}/`));
      const artefacts = own.filter((d) => d.severity === "warning" && SUITE_ARTEFACTS.includes(d.summary));
      for (const summary of SUITE_ARTEFACTS) {
        if (artefacts.filter((d) => d.summary === summary).length > 1)
          throw new Error(`${dir}: "${summary}" more than once: ${JSON.stringify(artefacts)}`);
      }
      // A preflight check's data source cannot be read offline: Terraform says so as a warning,
      // located in the check block. Those are reported apart, by the check block they come from.
      const checkOf = (d: Diagnostic) => checkBlockOf(d.snippet?.context)?.match(/^preflight_[a-z0-9_]+$/)?.[0];
      const inPreflight = (d: Diagnostic) => d.severity === "warning" && checkOf(d) !== undefined;
      const preflightWarnings = own.filter(inPreflight).map((d) => `${checkOf(d)}: ${d.summary}`);
      const rest = own.filter((d) => !artefacts.includes(d) && !inPreflight(d));
      const planWarnings = rest.filter((d) => d.severity === "warning").map((d) => d.summary);
      const plan = childPlan(show, call) as {
        resource_changes: { address: string; change: { actions: string[] } }[];
        planned_values: unknown;
      };
      return {
        dir,
        validate: {
          valid: true,
          error_count: rest.filter((d) => d.severity === "error").length,
          warning_count: planWarnings.length,
          diagnostics: rest,
          by: "plan" as const,
        },
        planWarnings,
        preflightWarnings,
        creates: plan.resource_changes
          .filter((c) => c.change.actions.join() === "create")
          .map((c) => c.address)
          .sort(),
        plannedValues: plan.planned_values,
        show: plan as unknown as Record<string, unknown>,
      };
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
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

/**
 * Plans root modules that call local modules (a folder tree, unlike planAllOffline's flat
 * modules), offline, each as its own root: `terraform show -json` of each plan, as a user would
 * feed it to the checker. Terraform initialises the first tree; the others share its providers
 * and module records (same module calls, local sources), so each then costs one plan and one show.
 */
export async function planTreesOffline(trees: readonly string[]): Promise<Record<string, unknown>[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-trees-"));
  try {
    const env = terraformEnv();
    const tf = async (cwd: string, ...args: string[]) => {
      try {
        return (await run(TERRAFORM, args, { cwd, env, maxBuffer: 256 * 1024 * 1024 })).stdout;
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(`terraform ${args[0]} failed in ${cwd}:\n${err.stderr || err.stdout || err.message}`, { cause: e });
      }
    };
    const copies = trees.map((tree, i) => {
      const copy = path.join(work, String(i));
      fs.cpSync(tree, copy, { recursive: true, filter: (f) => !/[/\\]\.terraform([/\\]|$)|terraform\.tfstate/.test(f) });
      fs.writeFileSync(path.join(copy, "zz_test_override.tf.json"), JSON.stringify(MOCK_PROVIDER));
      return copy;
    });
    await withInitLock(() => tf(copies[0], "init", "-input=false", "-no-color", "-backend=false"));
    for (const copy of copies.slice(1)) {
      fs.cpSync(path.join(copies[0], ".terraform"), path.join(copy, ".terraform"), { recursive: true, verbatimSymlinks: true });
      fs.copyFileSync(path.join(copies[0], ".terraform.lock.hcl"), path.join(copy, ".terraform.lock.hcl"));
    }
    return await mapBounded(copies, 2, async (copy) => {
      await tf(copy, "plan", "-input=false", "-lock=false", "-refresh=false", "-no-color", "-out=plan.bin");
      return JSON.parse(await tf(copy, "show", "-json", "plan.bin")) as Record<string, unknown>;
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
