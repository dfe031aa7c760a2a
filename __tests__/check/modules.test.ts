import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadModel } from "../../src/check/model";
import { runCheck } from "../../src/check/run";
import { MODULE_VARIANTS, variantTree } from "../support/module-fixtures";

// The checker on a module-based configuration folder (HCL), with no --profile: each realistic
// mistake is found with its rule ID and its address inside the module tree.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-modules-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("checker on a module tree (HCL folder)", () => {
  test.each(MODULE_VARIANTS.map((v) => [v.name, v] as const))("%s", async (_, variant) => {
    const r = runCheck(await loadModel(variantTree(tmp, variant)));
    expect(r.profiles).toEqual(["mwaa-private", "privatelink", "security"]);
    expect(r.findings.filter((f) => f.status === "fail").map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual(variant.fails);
    expect([...new Set(r.findings.filter((f) => f.status === "unverifiable").map((f) => f.ruleId))]).toEqual(variant.unverifiable ?? []);
    expect(r.notFollowed).toEqual([]);
  });
});
