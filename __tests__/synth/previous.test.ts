/**
 * A change of major Airflow version from the module last generated into --out is refused (issue
 * 29): hashicorp/aws 5.100.0 replaces the environment on a major upgrade. Run through the shipped
 * command line on a real output folder: what the planner is told comes from the writer's own files.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli";
import { checkMwaaEnvironment } from "../../src/plan/checks/mwaa";
import { previousEnvironments } from "../../src/synth/previous";
import { mwaaEnvironmentConfig } from "../support/fixtures";

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-previous-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function synth(environment: Record<string, unknown>): { code: number; lines: string[] } {
  const file = path.join(tmp, "c.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      deployments: [
        {
          name: "air",
          region: "us-east-1",
          accountId: "123456789012",
          network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
          mwaa: { environmentName: "air-env", sourceBucketName: "air-dags-123456789012", environment },
        },
      ],
    }),
  );
  const lines: string[] = [];
  const code = main(["--config", file, "--out", path.join(tmp, "out"), "--quiet"], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, lines };
}

const moduleFile = () => path.join(tmp, "out", "json", "air", "main.tf.json");
const versionInModule = () =>
  (JSON.parse(fs.readFileSync(moduleFile(), "utf8")) as { resource: { aws_mwaa_environment: Record<string, { airflow_version: string }> } })
    .resource.aws_mwaa_environment;

test("2.10.3 generated, then 3.3.1: refused with the upgrade path, nothing written; a minor upgrade and a declared change go through", () => {
  expect(synth({ airflowVersion: "2.10.3" }).code).toBe(0);
  const before = fs.readFileSync(moduleFile(), "utf8");

  const major = synth({});
  expect(major.code).toBe(1);
  expect(major.lines[0]).toBe(
    `error: \`deployments[0].mwaa.environment.airflowVersion\` changes the environment from Airflow 2.10.3 to 3.3.1, a major upgrade: MWAA upgrades 2.10.3 to 3.x only through 2.11.x (upgrade to the latest 2.11.x first), or by a new environment and a migration; and hashicorp/aws 5.100.0 (the provider this project runs) replaces the environment on a major upgrade, losing its metadata database: set the latest 2.11.x first, or add a new deployment beside this one and migrate (MWAA User Guide, Changing the Apache Airflow version, read 2026-12-02); the module last generated in ${path.join(tmp, "out", "json", "air")} has 2.10.3 (the default is now 3.3.1: set airflowVersion: 2.10.3 to keep it). If the environment already runs 3.3.1 (upgraded outside Terraform), or replacing it is what you want, say so in mwaa.environment.airflowVersionChange (upgraded-outside-terraform or replace), got: "3.3.1"`,
  );
  expect(fs.readFileSync(moduleFile(), "utf8")).toBe(before);

  // Minor: in place.
  expect(synth({ airflowVersion: "2.11.2" }).code).toBe(0);
  expect(Object.values(versionInModule())[0].airflow_version).toBe("2.11.2");
  // From 2.11.x the guide upgrades in place, but the provider still replaces: outside Terraform, then declared.
  const from211 = synth({ airflowVersion: "3.3.1" });
  expect(from211.code).toBe(1);
  expect(from211.lines[0]).toContain(
    "MWAA upgrades a 2.11.x environment to 3.x in place, but hashicorp/aws 5.100.0 (the provider this project runs) replaces the environment on a major upgrade, losing its metadata database: upgrade it outside Terraform (aws mwaa update-environment --airflow-version) and then set this version",
  );
  expect(synth({ airflowVersion: "3.3.1", airflowVersionChange: "upgraded-outside-terraform" }).code).toBe(0);
  expect(Object.values(versionInModule())[0].airflow_version).toBe("3.3.1");
  // Downgrades from 3 go to 2.11.x only.
  expect(synth({ airflowVersion: "2.10.3" }).lines[0]).toContain("MWAA downgrades 3.x only to 2.11.x");
  expect(synth({ airflowVersion: "2.11.2" }).code).toBe(0);
});

test("a module file changed since the synth, or a link, says nothing: only the writer's own verified files are read", () => {
  expect(synth({ airflowVersion: "2.10.3" }).code).toBe(0);
  expect(previousEnvironments(path.join(tmp, "out")).get("air")?.airflowVersion).toBe("2.10.3");
  fs.appendFileSync(moduleFile(), " ");
  expect(previousEnvironments(path.join(tmp, "out")).size).toBe(0);
  expect(previousEnvironments(path.join(tmp, "nowhere")).size).toBe(0);
});

test("a version past its end of support is kept for an environment the module already has (in-place updates stay allowed)", () => {
  const ctx = { routing: "private" as const, accountId: "123456789012", environmentName: "e" };
  const rules = (previous?: { airflowVersion: string; file: string }) =>
    checkMwaaEnvironment(mwaaEnvironmentConfig({ airflowVersion: "2.6.3" }), { ...ctx, previous }).map((p) => p.rule);
  expect(rules()).toEqual([
    expect.stringMatching(/^must be a version MWAA creates environments with: 2\.6\.3 reached its end of support on 2025-12-30/),
  ]);
  expect(rules({ airflowVersion: "2.6.3", file: "out/json/e" })).toEqual([]);
});
