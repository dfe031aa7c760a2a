/**
 * A requirement a configuration relaxes on purpose (allowSingleAz → PL-1) is an accepted warning
 * when the checker reads a plan of the generated module, as it is on the module's files: the plan
 * (terraform show -json, made by the real Terraform here) drops the JSON's `//` comment but keeps
 * the `private_routing_accepted` output the module declares.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "../support/cli";
import { describeTerraform, planTreesOffline } from "../support/terraform";
import { SINGLE_AZ_YAML } from "../support/fixtures";
import { budget } from "../support/time-budget";

const describeTf = describeTerraform();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-accepted-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeTf("accepted deviations on a plan", () => {
  test(
    "a plan of a single-AZ deployment: PL-1 is an accepted warning (exit 0), with the reason; without the output it fails",
    async () => {
      const file = path.join(tmp, "single.yaml");
      fs.writeFileSync(file, SINGLE_AZ_YAML);
      expect((await cli(["synth", "--config", file, "--quiet"])).code).toBe(0);
      // Planned as roots with no backend (planTreesOffline inits with -backend=false), and once more
      // without the output: what a plan carried before the output existed.
      const doc = JSON.parse(fs.readFileSync(path.join(tmp, "generated/json/single/main.tf.json"), "utf8"));
      delete doc.terraform.backend;
      const module = path.join(tmp, "with");
      fs.mkdirSync(module);
      fs.writeFileSync(path.join(module, "main.tf.json"), JSON.stringify(doc));
      delete doc.output.private_routing_accepted;
      const bare = path.join(tmp, "bare");
      fs.mkdirSync(bare);
      fs.writeFileSync(path.join(bare, "main.tf.json"), JSON.stringify(doc));
      const [withOutput, without] = await planTreesOffline([module, bare]);
      fs.writeFileSync(path.join(tmp, "plan.json"), JSON.stringify(withOutput));
      fs.writeFileSync(path.join(tmp, "bare.plan.json"), JSON.stringify(without));

      const accepted = await cli(["check", path.join(tmp, "plan.json")]);
      expect(accepted.code).toBe(0);
      expect(accepted.out).toContain(
        "  WARN   PL-1      aws_vpc_endpoint.endpoints_kms: is in 1 AZ (accepted: network.allowSingleAz: a single-AZ network, for non-production use)",
      );
      const refused = await cli(["check", path.join(tmp, "bare.plan.json")]);
      expect(refused.code).toBe(1);
      expect(refused.out.some((l) => /FAIL\s+PL-1\s+aws_vpc_endpoint\.endpoints_kms: is in 1 AZ$/.test(l))).toBe(true);
    },
    budget(240_000),
  );
});
