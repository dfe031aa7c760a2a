import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OFFLINE_OVERRIDE_FILE, offlineCopy } from "../src/offline-plan";
import { cli } from "./support/cli";
import { fileTree } from "./support/file-tree";
import { describeTerraform, terraformEnv } from "./support/terraform";
import { budget } from "./support/time-budget";

const GENERATED = path.join(__dirname, "../generated");
describe("plan-offline: the override and placeholders, in a copy", () => {
  test("the copy of a shared-VPC module: mock credentials for both providers, a local backend, the owner's role emptied", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-"));
    const module = path.join(GENERATED, "json", "mwaa-shared-vpc");
    expect(offlineCopy(module, dir)).toEqual({ variables: ["vpc_owner_role_arn"] });
    const override = JSON.parse(fs.readFileSync(path.join(dir, OFFLINE_OVERRIDE_FILE), "utf8"));
    expect(override.terraform).toEqual({ backend: { local: { path: "offline-plan.tfstate" } } });
    expect(override.provider.aws.map((p: { alias?: string; access_key: string }) => [p.alias, p.access_key])).toEqual([
      [undefined, "offline-plan-only"],
      ["vpc_owner", "offline-plan-only"],
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "offline.auto.tfvars.json"), "utf8"))).toEqual({ vpc_owner_role_arn: "" });
    // A spoke gets the hub's hand-over values; a module with secrets, placeholders (never real ones).
    const spoke = fs.mkdtempSync(path.join(os.tmpdir(), "offline-"));
    expect(offlineCopy(path.join(GENERATED, "hcl", "spoke-apps"), spoke).variables).toEqual([
      "hub_role_arn",
      "hub_transit_gateway_id",
      "hub_route_table_ids",
      "hub_zone_ids",
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(spoke, "offline.auto.tfvars.json"), "utf8")).hub_role_arn).toBe("");
  });

  test("bad input: no module, not a module, a --keep folder in use, an unknown flag; each exits 2 and writes nothing", async () => {
    for (const [args, first] of [
      [[], "error: name a generated module folder, e.g. generated/json/<deployment>"],
      [[os.tmpdir() + "/does-not-exist"], `error: ${os.tmpdir()}/does-not-exist is not a folder with *.tf or *.tf.json files`],
      [[path.join(GENERATED, "json", "mwaa-private"), "--keep", GENERATED], `error: --keep ${GENERATED} must be a new or empty folder`],
      [["--kep"], "error: unknown argument: --kep (did you mean --keep?)"],
    ] as [string[], string][]) {
      const r = await cli(["plan-offline", ...args]);
      expect(r.code).toBe(2);
      expect(r.err[0]).toBe(first);
    }
  });
});

describeTerraform()("plan-offline with Terraform (no AWS access, an HCP Terraform backend)", () => {
  test(
    "plans the example with a cloud block and uploaded files; the module folder is untouched and no copy is left",
    async () => {
      const module = path.join(GENERATED, "hcl", "mwaa-environment");
      const before = fileTree(module);
      const saved = { ...process.env };
      Object.assign(process.env, terraformEnv(), { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "" });
      const temp = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("private-routing-offline-"));
      let c: Awaited<ReturnType<typeof cli>>;
      try {
        c = await cli(["plan-offline", module]);
      } finally {
        process.env = saved;
      }
      expect({ code: c.code, error: c.err.filter((l) => l.startsWith("error:")) }).toEqual({ code: 0, error: [] });
      const resources = Object.values(
        JSON.parse(fs.readFileSync(path.join(GENERATED, "json", "mwaa-environment", "main.tf.json"), "utf8")).resource as Record<
          string,
          object
        >,
      ).reduce((n, r) => n + Object.keys(r).length, 0);
      expect(c.out).toContain(`Plan: ${resources} to add, 0 to change, 0 to destroy.`);
      expect(fileTree(module)).toEqual(before);
      expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("private-routing-offline-"))).toEqual(temp);
    },
    budget(600_000),
  );
});
