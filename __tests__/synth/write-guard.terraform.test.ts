/**
 * The guard the writer puts in every module folder while it switches files (issue 17), against the
 * real Terraform: in a folder a stopped synth left mid-switch, `init`, `validate` and `plan` all
 * refuse, naming the guard's file; after the next run's recovery the same folder validates again.
 * The guard is put there by the shipped writer, stopped by a failing rename after its commit point.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { GUARD_FILE, recoverOutput, writeTree } from "../../src/synth/write-tree";
import { describeTerraform, TERRAFORM, terraformEnv, withInitLock } from "../support/terraform";
import { budget } from "../support/time-budget";

const describeTf = describeTerraform();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-guard-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const GENERATED = path.resolve(__dirname, "../../generated/json/mwaa-private");

async function terraform(dir: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await promisify(execFile)(TERRAFORM, [`-chdir=${dir}`, ...args, "-no-color"], { env: terraformEnv() });
    return { code: 0, stderr: "" };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { code: err.code ?? -1, stderr: err.stderr ?? "" };
  }
}

describeTf("a folder a synth was stopped in while switching its files", () => {
  test(
    "terraform init, validate and plan refuse it, naming the guard; after recovery it validates",
    async () => {
      const out = path.join(tmp, "out");
      const oldTree = new Map(
        fs.readdirSync(GENERATED).map((f) => [`json/mwaa-private/${f}`, fs.readFileSync(path.join(GENERATED, f), "utf8")]),
      );
      writeTree(out, oldTree);
      const dir = path.join(out, "json/mwaa-private");
      expect((await withInitLock(() => terraform(dir, "init", "-input=false", "-backend=false"))).code).toBe(0);
      expect((await terraform(dir, "validate")).code).toBe(0);

      // The next synth adds a file; it is stopped at the third rename: after the journal's (the
      // commit point) and the guard's, before the new file's.
      const newTree = new Map([...oldTree, ["json/mwaa-private/extra.tf", "# added by the next synth\n"]]);
      let renames = 0;
      jest.isolateModules(() => {
        const real = jest.requireActual<typeof fs>("fs");
        jest.doMock("fs", () => ({
          ...real,
          renameSync: (...a: Parameters<typeof fs.renameSync>) => {
            if (++renames === 3) throw new Error("stopped");
            return real.renameSync(...a);
          },
        }));
        const isolated = require("../../src/synth/write-tree") as typeof import("../../src/synth/write-tree");
        expect(() => isolated.writeTree(out, newTree)).toThrow("stopped");
        jest.dontMock("fs");
      });
      expect(fs.existsSync(path.join(dir, GUARD_FILE))).toBe(true);

      for (const args of [["init", "-input=false", "-backend=false"], ["validate"], ["plan", "-input=false", "-refresh=false"]]) {
        const r = await terraform(dir, ...args);
        expect({ args, code: r.code }).toEqual({ args, code: 1 });
        expect(r.stderr).toContain(`on ${GUARD_FILE} line 4:`);
        expect(r.stderr).toContain('An argument named "private_routing_synth_in_progress" is not expected here.');
      }

      expect(recoverOutput(out)).toBe("rolled-forward");
      expect(fs.existsSync(path.join(dir, GUARD_FILE))).toBe(false);
      expect(fs.readFileSync(path.join(dir, "extra.tf"), "utf8")).toBe("# added by the next synth\n");
      expect((await terraform(dir, "validate")).code).toBe(0);
    },
    budget(120_000),
  );
});
