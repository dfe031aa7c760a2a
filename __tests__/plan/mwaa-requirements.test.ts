import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { DeploymentConfig, MwaaEnvironmentConfig } from "../../src/config/schema";
import { planDeployment } from "../../src/plan/plan-deployments";
import { parseRequirements } from "../../src/plan/checks/mwaa-requirements";
import type { LocalFiles } from "../../src/plan/types";
import { formatProblem } from "../../src/problems";
import { zipEntryNames } from "../../src/zip-entries";
import { mwaaDeployment, mwaaEnvironmentConfig, mwaaOptions, net } from "../support/fixtures";

const EXAMPLE = path.join(__dirname, "../../examples/mwaa");
const committedZip = fs.readFileSync(path.join(EXAMPLE, "plugins.zip"));
const committedRequirements = fs.readFileSync(path.join(EXAMPLE, "requirements.txt"));

/** A zip with these entries (empty files), written by Python's zipfile: an archive we did not write ourselves. */
function zipOf(names: string[]): Buffer {
  const script =
    "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n    for n in sys.argv[2:]:\n        z.writestr(n, b'')\n";
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zip-")), "p.zip");
  execFileSync("python3", ["-c", script, file, ...names]);
  return fs.readFileSync(file);
}

/** The shipped planner's problems and requirements warnings for an environment with these files. */
function judged(
  env: Partial<MwaaEnvironmentConfig>,
  files: Record<string, Buffer>,
  overrides: Partial<DeploymentConfig> = {},
  extraEndpoints: string[] = [],
): { problems: string[]; warnings: string[] } {
  const base = mwaaDeployment({ accountId: "123456789012", ...overrides });
  const d = { ...base, ...mwaaOptions({ ...base.mwaa, extraEndpoints, environment: { ...mwaaEnvironmentConfig(), ...env } }) };
  const result = planDeployment(d, new Map(Object.entries(files)) as LocalFiles);
  if ("problems" in result) return { problems: result.problems.map(formatProblem), warnings: [] };
  return {
    problems: [],
    warnings: result.plan.warnings.filter((w) => /requirements|plugins/.test(w.path)).map((w) => `${w.path}: ${w.message}`),
  };
}

const local = (requirements: string, zip?: Buffer) =>
  judged(
    { requirementsFile: "r/requirements.txt", ...(zip ? { pluginsFile: "r/plugins.zip" } : {}) },
    { "r/requirements.txt": Buffer.from(requirements), ...(zip ? { "r/plugins.zip": zip } : {}) },
  );
const OFFLINE = "--find-links /usr/local/airflow/plugins\n--no-index\n";

describe("requirements.txt with no route to the internet (MWAA guide: wheels in plugins.zip, --no-index --find-links)", () => {
  test("the committed example installs from its own plugins.zip: no problem, no warning", () => {
    expect(local(committedRequirements.toString(), committedZip)).toEqual({ problems: [], warnings: [] });
    expect(zipEntryNames(committedZip)).toEqual({ names: ["private_routing_example-1.0.0-py3-none-any.whl"] });
  });

  test("a package plugins.zip has no wheel for, and a pin it does not carry, are refused with what it does carry", () => {
    const zip = zipOf(["private_routing_example-1.0.0-py3-none-any.whl"]);
    expect(local(`${OFFLINE}private-routing-example==2.0.0\nboto3\n`, zip).problems).toEqual([
      '`mwaa.environment.requirementsFile` line 3 (private-routing-example==2.0.0): plugins.zip (r/plugins.zip) has private-routing-example only as 1.0.0, got: "r/requirements.txt"',
      '`mwaa.environment.requirementsFile` line 4 (boto3): plugins.zip (r/plugins.zip) has no wheel for boto3 where --find-links looks (/usr/local/airflow/plugins), and --no-index leaves pip nowhere else to look; it carries: private-routing-example 1.0.0, got: "r/requirements.txt"',
    ]);
  });

  test("names compare as pip compares them; a wheel in a subfolder is found only by a --find-links into it", () => {
    const zip = zipOf(["wheels/Private_Routing.Example-1.0.0-py3-none-any.whl", "wheels/other.txt"]);
    expect(local(`${OFFLINE}private-routing-example\n`, zip).problems).toHaveLength(1);
    expect(local(`--find-links /usr/local/airflow/plugins/wheels\n--no-index\nPRIVATE.routing_example\n`, zip)).toEqual({
      problems: [],
      warnings: [],
    });
  });

  test("--no-index with nowhere to look, or with no plugins.zip, is refused", () => {
    expect(local("--no-index\nnumpy\n").problems).toEqual([
      '`mwaa.environment.requirementsFile` has --no-index and no --find-links into /usr/local/airflow/plugins (where MWAA unpacks plugins.zip), so pip finds none of numpy: add --find-links /usr/local/airflow/plugins, got: "r/requirements.txt"',
    ]);
    expect(local(`${OFFLINE}numpy\n`).problems).toEqual([
      '`mwaa.environment.requirementsFile` installs numpy from wheels in plugins.zip (--no-index), but the environment has no plugins.zip: give pluginsFile (or pluginsS3Path), got: "r/requirements.txt"',
    ]);
    expect(local(`${OFFLINE}numpy\n`, Buffer.from("not a zip")).problems).toEqual([
      '`mwaa.environment.pluginsFile` must be a zip archive; it is not a zip archive (no end of central directory record), got: "r/plugins.zip"',
    ]);
  });

  test("what cannot be verified here is a warning: PyPI, a constraints URL, another index, a file in S3", () => {
    expect(local("numpy==1.26.4\n").warnings).toEqual([
      expect.stringMatching(
        /^mwaa\.environment\.requirementsFile: installs numpy from the Python Package Index, which a VPC with no route to the internet cannot reach/,
      ),
    ]);
    const constraint = local(
      `--constraint "https://raw.githubusercontent.com/apache/airflow/constraints-3.0.6/constraints-3.12.txt"\n${OFFLINE}`,
    );
    expect(constraint.warnings).toHaveLength(1);
    expect(constraint.warnings[0]).toContain("cannot be fetched from a VPC with no route to the internet: leave --constraint out");
    // CodeArtifact's URL carries a token only when pip logs in; one written into the file is a secret, refused.
    const withToken =
      "--index-url https://aws:eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0@example-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/repo/simple/\nnumpy\n";
    expect(judged({ requirementsFile: "r.txt" }, { "r.txt": Buffer.from(withToken) }).problems).toEqual([
      expect.stringContaining("carries a URL with a password in it"),
    ]);
    const ca = "--index-url https://example-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/repo/simple/\nnumpy\n";
    expect(judged({ requirementsFile: "r.txt" }, { "r.txt": Buffer.from(ca) }).warnings).toEqual([
      "mwaa.environment.requirementsFile: installs from CodeArtifact, which the VPC reaches only through interface endpoints: add codeartifact.api and codeartifact.repositories to mwaa.extraEndpoints",
    ]);
    expect(
      judged({ requirementsFile: "r.txt" }, { "r.txt": Buffer.from(ca) }, {}, ["codeartifact.api", "codeartifact.repositories"]).warnings,
    ).toEqual([]);
    const s3 = judged({ createSourceBucket: false, requirementsS3Path: "requirements.txt" }, {});
    expect(s3.warnings).toEqual([
      expect.stringMatching(
        /^mwaa\.environment\.requirementsS3Path: cannot verify that requirements\.txt installs without internet access \(it is in S3, not read here\)/,
      ),
    ]);
  });

  test("public routing reaches PyPI through NAT, but a private web server does not (the guide's rule is the private web server's)", () => {
    const file = { "r.txt": Buffer.from("numpy\n") };
    const publicRouting = { network: net({ routing: "public" }) };
    expect(judged({ requirementsFile: "r.txt", webserverAccessMode: "PUBLIC_ONLY" }, file, publicRouting)).toEqual({
      problems: [],
      warnings: [],
    });
    expect(judged({ requirementsFile: "r.txt", webserverAccessMode: "PRIVATE_ONLY" }, file, publicRouting).warnings).toEqual([
      expect.stringMatching(
        /^mwaa\.environment\.requirementsFile: installs numpy from the Python Package Index, which the private web server \(PRIVATE_ONLY, even with public routing\) cannot reach/,
      ),
    ]);
  });

  test("pip's own equivalences are not refused: 1.0 is 1.0.0, ==1.* is not judged, file:// and $AIRFLOW_HOME name the plugins folder", () => {
    const zip = zipOf(["foo-1.0.0-py3-none-any.whl"]);
    expect(local(`${OFFLINE}foo==1.0\n`, zip)).toEqual({ problems: [], warnings: [] });
    expect(local(`${OFFLINE}foo==1.*\n`, zip)).toEqual({ problems: [], warnings: [] });
    for (const links of ["file:///usr/local/airflow/plugins", "${AIRFLOW_HOME}/plugins/", "$AIRFLOW_HOME/plugins"])
      expect(local(`--find-links ${links}\n--no-index\nfoo\n`, zip)).toEqual({ problems: [], warnings: [] });
    // Another folder (the DAGs folder, say) cannot be read here: a warning, not a refusal.
    expect(local("--find-links /usr/local/airflow/dags/wheels\n--no-index\nfoo\n", zip)).toEqual({
      problems: [],
      warnings: [
        "mwaa.environment.requirementsFile: has --no-index and --find-links only outside /usr/local/airflow/plugins (/usr/local/airflow/dags/wheels): cannot verify that a wheel is there for foo",
      ],
    });
  });

  test("an editable install is warned about; a comment ending in \\ does not swallow the next line; no password is shown, however long", () => {
    const zip = zipOf(["foo-1.0.0-py3-none-any.whl"]);
    expect(local(`${OFFLINE}-e git+https://example.com/repo.git#egg=foo\n`, zip).warnings).toEqual([
      "mwaa.environment.requirementsFile: line 3 (-e git+https://example.com/repo.git#egg=foo) is not a package name pip can find in a wheel folder: cannot verify it installs without internet access",
    ]);
    expect(parseRequirements("# a note \\\nrequests\n").packages).toEqual([
      { line: 2, text: "requests", name: "requests", pin: undefined },
    ]);
    const password = "p".repeat(98);
    const r = local(`${OFFLINE}bar @ https://deploy:${password}@host.example.com/bar.whl\n`, zip);
    expect(JSON.stringify(r)).not.toContain("ppppp");
  });

  test("pip's format: comments, continuation lines, options with = or a space, extras, URL requirements", () => {
    const r = parseRequirements(
      "# c\n-f=/a\n--find-links /b # note\n-c c.txt\nfoo[bar]==1.0 ; python_version>'3'\nba\\\nz>=2\nhttps://x/y.whl\n-r more.txt\n",
    );
    expect(r).toEqual({
      noIndex: false,
      findLinks: ["/a", "/b"],
      indexUrls: [],
      constraints: ["c.txt"],
      nested: ["more.txt"],
      packages: [
        { line: 5, text: "foo[bar]==1.0 ; python_version>'3'", name: "foo", pin: "1.0" },
        { line: 6, text: "baz>=2", name: "baz", pin: undefined },
        { line: 8, text: "https://x/y.whl" },
      ],
    });
  });
});

describe("the example's plugins.zip (examples/mwaa/build-plugins.py)", () => {
  test("is rebuilt byte for byte from its sources", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plugins-")), "plugins.zip");
    execFileSync("python3", [path.join(EXAMPLE, "build-plugins.py"), out]);
    expect(fs.readFileSync(out).equals(committedZip)).toBe(true);
  });

  test("pip installs the example's requirements.txt from it with no index, as MWAA would from /usr/local/airflow/plugins", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "airflow-"));
    const plugins = path.join(dir, "plugins");
    execFileSync("python3", ["-m", "zipfile", "-e", path.join(EXAMPLE, "plugins.zip"), plugins]);
    // The same file, its one absolute path moved to where the plugins were unpacked here.
    const requirements = path.join(dir, "requirements.txt");
    fs.writeFileSync(requirements, committedRequirements.toString().split("/usr/local/airflow/plugins").join(plugins));
    const target = path.join(dir, "site");
    execFileSync("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", target, "-r", requirements], {
      env: { ...process.env, PIP_CONFIG_FILE: os.devNull, PIP_NO_INPUT: "1" },
    });
    const imported = execFileSync(
      "python3",
      ["-c", "import private_routing_example as p; print(p.regional_endpoint('sqs', 'us-east-1'))"],
      {
        env: { ...process.env, PYTHONPATH: target },
      },
    );
    expect(imported.toString().trim()).toBe("sqs.us-east-1.amazonaws.com");
  });
});

describe("zipEntryNames", () => {
  test("never throws: every cut and every flipped byte of a real archive is names or a reason", () => {
    for (let n = 0; n <= committedZip.length; n += 7) {
      const r = zipEntryNames(committedZip.subarray(0, n));
      expect("names" in r || "problem" in r).toBe(true);
    }
    for (let i = committedZip.length - 120; i < committedZip.length; i++) {
      const flipped = Buffer.from(committedZip);
      flipped[i] ^= 0xff;
      const r = zipEntryNames(flipped);
      expect("names" in r || "problem" in r).toBe(true);
    }
  });
});

describe("an unpinned Airflow version with nothing to compare it with", () => {
  test("is a warning that a major change would replace an existing environment; pinned, or with a module to compare, it is not", () => {
    const base = mwaaDeployment({ accountId: "123456789012" });
    const unpinned = { ...base, ...mwaaOptions({ ...base.mwaa, environment: { ...mwaaEnvironmentConfig(), airflowVersion: undefined } }) };
    const result = planDeployment(unpinned);
    if ("problems" in result) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.warnings.filter((w) => w.path === "mwaa.environment.airflowVersion").map((w) => w.message)).toEqual([
      "not given: 3.3.1, the newest version MWAA offers, is used, and no module generated earlier was found to compare with; if this environment already exists with another major version, hashicorp/aws replaces it on apply (its metadata database with it): set airflowVersion to the version it runs",
    ]);
    const pinned = planDeployment({ ...base, ...mwaaOptions({ ...base.mwaa, environment: mwaaEnvironmentConfig() }) });
    if ("problems" in pinned) throw new Error(JSON.stringify(pinned.problems));
    expect(pinned.plan.warnings.filter((w) => w.path === "mwaa.environment.airflowVersion")).toEqual([]);
  });
});
