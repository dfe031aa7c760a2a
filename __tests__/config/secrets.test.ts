/**
 * Secrets planted in every free-text field of the committed examples (issue 31; LAT-5's "secrets
 * never appear in generated files", held for every field): each refused
 * with its field path and the supported way, exit 1, nothing written; no message and no file on
 * disk holds any planted secret (every line of stderr and stdout, every file under the output and
 * the working folder is searched for each).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli";

const ROOT = path.join(__dirname, "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-secrets-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The secrets, each distinct, so every one can be looked for alone. */
const S = {
  tagKey: "AKIAQWERTYUIOPASDFGH",
  awsSecret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
  smtp: "smtp-pass-5u93r-s3cr3t",
  fernet: "Kq3sV0mA1fYc2pLh8xB7nW4tR6eU9iO0zJ5dG1kF3sM=",
  ghp: `ghp_${"a1B2c3D4e5F6g7H8i9J0".repeat(2)}`,
  stripe: `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc".repeat(1)}`,
  dbPassword: "db-pass-Zx9wQ7vR",
  indexPassword: "pypi-pass-Lm3nB5vC",
  userinfo: "ev-pass-Tt6yU8iO",
  hcpPassword: "hcp-pass-Pp0oI9uY",
};

// A YAML document edited in place: its shape is the examples', not a type.
/* eslint-disable @typescript-eslint/no-explicit-any */
function findIn(deployments: Record<string, unknown>[], name: string): Record<string, any> {
  return deployments.find((d) => d.name === name) as Record<string, any>;
}

test("every planted secret is refused with its path and the supported way; no message or file holds one", () => {
  const config = parse(fs.readFileSync(path.join(ROOT, "examples/deployments.yaml"), "utf8")) as { deployments: Record<string, any>[] };
  const d = config.deployments;
  findIn(d, "mwaa-private").tags.Owner = S.tagKey;
  const app = findIn(d, "apprunner-private").apprunner.services[0];
  app.environment = { ...(app.environment ?? {}), AWS_SECRET_ACCESS_KEY: S.awsSecret };
  app.image.startCommand = `./serve --db-password=${S.dbPassword}`;
  const env = findIn(d, "mwaa-environment").mwaa.environment;
  env.airflowConfigurationOptions = { ...env.airflowConfigurationOptions, "smtp.smtp_password": S.smtp, "core.fernet_key": S.fernet };
  fs.mkdirSync(path.join(tmp, "mwaa"), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, "mwaa/requirements.txt"),
    `--index-url https://ci:${S.indexPassword}@pypi.example.com/simple\napache-airflow-providers-amazon\n`,
  );
  const lattice = findIn(d, "lattice-consumer").eventBridge.connections[0];
  lattice.invocationParameters.headers = { "X-Trace": S.ghp };
  lattice.apiDestination.endpoint = `https://service1.example.com/forecast?api_key=${S.stripe}`;
  findIn(d, "lattice-consumer").stepFunctions.stateMachines[0].endpoint = `https://client:${S.userinfo}@service1.example.com/forecast`;
  findIn(d, "mwaa-private").backend = {
    type: "cloud",
    organization: "acme",
    workspace: "w",
    hostname: `user:${S.hcpPassword}@app.terraform.io`,
  };
  const file = path.join(tmp, "planted.yaml");
  fs.writeFileSync(file, stringify(config));
  const out = path.join(tmp, "out");
  const lines: string[] = [];
  const code = main(["--config", file, "--out", out], { out: (l) => lines.push(l), err: (l) => lines.push(l) });

  expect(code).toBe(1);
  expect(fs.existsSync(out)).toBe(false);
  const at = (name: string) => `deployments[${d.findIndex((x) => x.name === name)}]`;
  const refused = (p: string, why: RegExp) =>
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^error: \`${p.replace(/[.[\]]/g, "\\$&")}\` ${why.source}`)));
  refused(`${at("mwaa-private")}.tags.Owner`, /carries an AWS access key ID: tags are readable by anyone who can describe the resource/);
  refused(
    `${at("apprunner-private")}.apprunner.services[0].environment.AWS_SECRET_ACCESS_KEY`,
    /looks like a secret: put it in Secrets Manager or SSM/,
  );
  refused(`${at("apprunner-private")}.apprunner.services[0].image.startCommand`, /carries a secret on a command line/);
  refused(
    `${at("mwaa-environment")}.mwaa.environment.airflowConfigurationOptions.smtp.smtp_password`,
    /is named like a secret \(smtp\.smtp_password\): keep connections in a secrets backend/,
  );
  refused(
    `${at("mwaa-environment")}.mwaa.environment.airflowConfigurationOptions.core.fernet_key`,
    /is named like a secret \(core\.fernet_key\)/,
  );
  refused(
    `${at("mwaa-environment")}.mwaa.environment.requirementsFile`,
    /names a file whose line 1 carries a URL with a password in it: it would be copied into the generated module/,
  );
  refused(
    `${at("lattice-consumer")}.eventBridge.connections[0].invocationParameters.headers.X-Trace`,
    /carries a GitHub token: use the connection's authorization/,
  );
  refused(`${at("lattice-consumer")}.eventBridge.connections[0].apiDestination.endpoint`, /carries a Stripe secret key/);
  refused(`${at("lattice-consumer")}.stepFunctions.stateMachines[0].endpoint`, /carries a URL with a password in it/);
  refused(`${at("mwaa-private")}.backend.hostname`, /carries a password before a host name/);

  // Nothing anywhere holds a secret: not a message, not a file here or in the working folder.
  const written = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? (e.name === "node_modules" || e.name === ".git" ? [] : written(p)) : [p];
    });
  const texts = [...lines, ...written(path.join(ROOT, "generated")).map((f) => fs.readFileSync(f, "utf8"))];
  for (const [name, secret] of Object.entries(S)) expect([name, texts.filter((t) => t.includes(secret)).length]).toEqual([name, 0]);
});

describe("secrets in keys, in values that are not strings, in files of another encoding (review)", () => {
  const KEY = "AKIAZXCVBNMASDFGHJKL";
  const synth = (config: object, name: string) => {
    const file = path.join(tmp, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    const lines: string[] = [];
    const out = path.join(tmp, `out-${name}`);
    const code = main(["--config", file, "--out", out], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, lines, written: fs.existsSync(out) };
  };
  const base = () => ({
    name: "k",
    region: "us-east-1",
    network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
    mwaa: { environmentName: "k-env", sourceBucketName: "k-dags-1" },
  });

  test.each([
    ["a tag's key", { ...base(), tags: { [KEY]: "x" } }, "`deployments[0].tags.(a key)` has a key that carries an AWS access key ID"],
    [
      "an unknown key's name",
      { ...base(), network: { ...base().network, [KEY]: "x" } },
      "`deployments[0].network.(hidden)` is not a known key",
    ],
    ["a value that is an object", { ...base(), network: { ...base().network, extra: { k: KEY } } }, 'got: {"k":"(hidden)"}'],
  ])("%s is refused and never echoed", (_, deployment, shown) => {
    const r = synth({ deployments: [deployment] }, `k${shown.length}`);
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    expect(r.lines.some((l) => l.includes(shown))).toBe(true);
    expect(r.lines.filter((l) => l.includes(KEY))).toEqual([]);
  });

  test.each([
    ["Airflow's web server secret key", { "webserver.secret_key": "9f8e7d6c5b4a" }, "webserver.secret_key"],
    ["a camelCase key", { "custom.dbPassword": "9f8e7d6c5b4a" }, "custom.dbPassword"],
    ["a camelCase token", { "custom.apiToken": "9f8e7d6c5b4a" }, "custom.apiToken"],
  ])("an Airflow option named for a secret is refused: %s", (_, options, key) => {
    const d = base();
    const r = synth(
      { deployments: [{ ...d, accountId: "123456789012", mwaa: { ...d.mwaa, environment: { airflowConfigurationOptions: options } } }] },
      `opt-${key.replace(/\W/g, "")}`,
    );
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    expect(r.lines).toContainEqual(
      `error: \`deployments[0].mwaa.environment.airflowConfigurationOptions.${key}\` is named like a secret (${key}): keep connections in a secrets backend (secrets.backend), so no value lands in generated files, got: "(hidden)"`,
    );
    expect(r.lines.filter((l) => l.includes("9f8e7d6c5b4a"))).toEqual([]);
  });

  test("a camelCase key that only ends like a word for a secret is kept: tokenizer, secretary", () => {
    const d = base();
    const r = synth(
      {
        deployments: [
          {
            ...d,
            accountId: "123456789012",
            mwaa: { ...d.mwaa, environment: { airflowConfigurationOptions: { "custom.tokenizer": "x", "custom.secretary": "y" } } },
          },
        ],
      },
      "opt-words",
    );
    expect(r.lines.filter((l) => l.startsWith("error"))).toEqual([]);
  });

  test("a requirements.txt in UTF-16 (which pip reads) is refused, not copied unread", () => {
    const config = parse(fs.readFileSync(path.join(ROOT, "examples/deployments.yaml"), "utf8")) as { deployments: Record<string, any>[] };
    const dir = path.join(tmp, "u16");
    fs.mkdirSync(path.join(dir, "mwaa"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "mwaa/requirements.txt"),
      Buffer.from(`\uFEFF--index-url https://ci:${S.indexPassword}@pypi.example.com/simple\n`, "utf16le"),
    );
    fs.writeFileSync(path.join(dir, "c.yaml"), stringify(config));
    const lines: string[] = [];
    const code = main(["--config", path.join(dir, "c.yaml"), "--out", path.join(dir, "out")], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(1);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /mwaa\.environment\.requirementsFile` must name a UTF-8 text file; it is UTF-16 \(little-endian, by its byte order mark\): save it as UTF-8/,
      ),
    );
  });

  test("what is not a secret is not refused: references, flags that only name one, words, addresses", () => {
    const { credentialIn } = jest.requireActual<typeof import("../../src/aws/credential-shapes")>("../../src/aws/credential-shapes");
    for (const text of [
      "docker login --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com",
      "aws secretsmanager get-secret-value --secret-id prod/db",
      "--token-file /run/secrets/t --token-expiry 3600",
      "https://aws:$CODEARTIFACT_AUTH_TOKEN@acme-123456789012.d.codeartifact.us-east-1.amazonaws.com/pypi/r/simple/",
      "https://api.example.com/x?token=${var.token}",
      "mailto:ops@example.com",
      "${aws:username}@example.com",
      "https://api.example.com/?secret=false",
      "Bearer authorization-header-based",
    ])
      expect([text, credentialIn(text)]).toEqual([text, undefined]);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */

test("terminalSafe escapes separators and invisible characters, and cuts between characters, never inside an escape or a surrogate pair", () => {
  const { terminalSafe } = jest.requireActual<typeof import("../../src/problems")>("../../src/problems");
  expect(terminalSafe("a\u2028b\u200bc\ufeffd")).toBe("a\\u2028b\\u200bc\\ufeffd");
  expect(terminalSafe(`${"x".repeat(6)}\u001b`, 12)).toBe("xxxxxx...");
  expect(terminalSafe(`${"x".repeat(8)}😀`, 12)).toBe("xxxxxxxx...");
  expect(terminalSafe("short", 12)).toBe("short");
});
