/**
 * The checker on plans (terraform show -json) of a module-based configuration, made by the real
 * Terraform in the test run (issue 16): with no --profile, each realistic mistake is found with
 * its rule ID and its module address, exactly as in the HCL folder (modules.test.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { modelFromPlan } from "../../src/check/model";
import { runCheck } from "../../src/check/run";
import { loadModel } from "../../src/check/model";
import { MODULE_VARIANTS, replaceIn, variantTree } from "../support/module-fixtures";
import { describeTerraform, planTreesOffline } from "../support/terraform";
import { budget } from "../support/time-budget";

const describeTf = describeTerraform();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-module-plans-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeTf("checker on plans of a module tree", () => {
  const plans = new Map<string, Record<string, unknown>>();
  // ~300 resources: the same tree with 100 private subnets (each with its route table and association).
  const large = variantTree(tmp, {
    name: "large",
    edit: (d) =>
      replaceIn(
        d,
        "main.tf",
        'private_subnets    = ["10.20.1.0/24", "10.20.2.0/24"]',
        `private_subnets    = ${JSON.stringify(Array.from({ length: 100 }, (_, i) => `10.20.${i}.0/24`))}`,
      ),
    fails: [],
  });
  beforeAll(async () => {
    const shows = await planTreesOffline([...MODULE_VARIANTS.map((v) => variantTree(tmp, v)), large]);
    MODULE_VARIANTS.forEach((v, i) => plans.set(v.name, shows[i]));
    plans.set("large", shows[MODULE_VARIANTS.length]);
  }, budget(480_000));

  test.each(MODULE_VARIANTS.map((v) => [v.name, v] as const))("%s", (_, variant) => {
    const r = runCheck(modelFromPlan(plans.get(variant.name)!, variant.name));
    expect(r.profiles).toEqual(["mwaa-private", "privatelink", "security"]);
    expect(r.findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual(variant.fails);
    expect([...new Set(r.findings.filter((f) => f.status === "unverifiable").map((f) => f.ruleId))]).toEqual(variant.unverifiable ?? []);
  });

  test("a plan of ~300 resources is checked in well under a second; its HCL folder too", async () => {
    const plan = plans.get("large")!;
    let started = process.hrtime.bigint();
    const fromPlan = runCheck(modelFromPlan(plan, "large"));
    const planMs = Number(process.hrtime.bigint() - started) / 1e6;
    started = process.hrtime.bigint();
    const fromHcl = runCheck(await loadModel(large));
    const hclMs = Number(process.hrtime.bigint() - started) / 1e6;
    const resources = (plan.resource_changes as unknown[]).length;
    // eslint-disable-next-line no-console
    console.log(`check of a ${resources}-resource plan: ${planMs.toFixed(0)} ms; of its HCL folder: ${hclMs.toFixed(0)} ms`);
    expect(resources).toBeGreaterThanOrEqual(300);
    expect(fromHcl.findings).toEqual(fromPlan.findings);
    expect(planMs).toBeLessThan(budget(5000));
  });
});
