import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { schemaText, SCHEMA_FILE } from "../../src/cli";
import { ConfigError, loadConfig } from "../../src/config/load";
import { budget } from "../support/time-budget";

describe("configuration JSON Schema", () => {
  test("schema/private-routing.schema.json is current (run `npm run schema` after changing the schema)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(schemaText());
  });

  test("it closes every object and documents the fields, so editors complete and check them", () => {
    const schema = JSON.parse(schemaText());
    const deployment = schema.properties.deployments.items;
    expect(schema.additionalProperties).toBe(false);
    expect(deployment.additionalProperties).toBe(false);
    expect(deployment.required).toEqual(["name", "region"]);
    expect(deployment.properties.region.enum).toContain("us-east-1");
    expect(deployment.properties.network.properties.cidrBlock.description).toMatch(/CIDR/);
    expect(deployment.properties.mwaa.properties.hardenedSecurityGroup.default).toBe(false);
  });
});

describe("configuration JSON Schema, as editors use it", () => {
  // What an editor's YAML/JSON language server does with the published schema: Ajv (draft 2020-12).

  const Ajv2020 = require("ajv/dist/2020").default;

  const { parse } = require("yaml");
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(schemaText()));

  test("accepts the example configuration", () => {
    const ok = validate(parse(fs.readFileSync("examples/deployments.yaml", "utf8")));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test("flags an unknown key and a bad deployment name, as the loader does", () => {
    const config = parse(fs.readFileSync("examples/deployments.yaml", "utf8"));
    config.deployments[0].network.vpcCidr = "10.0.0.0/16";
    config.deployments[1].name = "Bad Name";
    expect(validate(config)).toBe(false);
    const messages = (validate.errors as { instancePath: string; message: string }[]).map((e) => `${e.instancePath} ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "/deployments/0/network must NOT have additional properties",
        '/deployments/1/name must match pattern "^[a-z][a-z0-9_-]{0,39}$"',
      ]),
    );
  });
});

describe("parseConfig: JSON as the user's editor writes it", () => {
  const { parseConfig } = require("../../src/config/load") as typeof import("../../src/config/load");
  const problemsOf = (text: string): string[] => {
    try {
      parseConfig(text, "c.json");
      return [];
    } catch (e) {
      return (e as { problems: { path: string; rule: string }[] }).problems.map((p) => `${p.path} ${p.rule}`);
    }
  };

  test("a byte order mark is accepted, as for YAML", () => {
    expect(problemsOf('\uFEFF{"deployments": []}')).toEqual(["deployments must list at least one deployment"]);
  });

  test("a repeated key is refused (JSON.parse would keep the last one silently)", () => {
    expect(problemsOf('{"deployments": [], "deployments": []}')).toEqual([
      'c.json must be valid JSON (the key "deployments" is given twice in one object, at line 1, column 21)',
    ]);
  });

  test("V8's messages in words: a position as line and column, its excerpt labelled as the file's text (newlines escaped)", () => {
    expect(problemsOf('{\n  "deployments": [\n    {"name": "a", nope}\n  ]\n}')).toEqual([
      "c.json must be valid JSON (Expected double-quoted property name at line 3, column 19)",
    ]);
    expect(problemsOf('{\n "a": 1,\n "b": \n}')).toEqual([
      `c.json must be valid JSON (unexpected '}'; the file's text near it: "{\\n "a": 1,\\n "b": \\n}")`,
    ]);
  });
});

describe("parseConfig: a repeated key in YAML, however it is quoted", () => {
  const { parseConfig } = require("../../src/config/load") as typeof import("../../src/config/load");
  test.each([
    ["plain", "deployments: []\ndeployments: []\n", "deployments", 2],
    ["single-quoted, with a doubled quote", "deployments: []\n'it''s': 1\n\"it's\": 2\n", "it's", 3],
    ["double-quoted, with an escape", 'deployments: []\n"a\\"b": 1\n\'a"b\': 2\n', 'a"b', 3],
  ])("%s: the key is named", (_, text, key, line) => {
    try {
      parseConfig(text, "c.yaml");
      throw new Error("accepted");
    } catch (e) {
      expect((e as { problems: { rule: string }[] }).problems.map((p) => p.rule)).toEqual([
        `must be valid YAML (the key ${JSON.stringify(key)} is given twice in one object, at line ${line}, column 1)`,
      ]);
    }
  });
});

describe("loadConfig: local files an MWAA environment uploads", () => {
  const fs = require("fs") as typeof import("fs");
  const os = require("os") as typeof import("os");
  const path = require("path") as typeof import("path");
  const { loadConfig, ConfigError } = require("../../src/config/load") as typeof import("../../src/config/load");
  const { formatProblem } = require("../../src/problems") as typeof import("../../src/problems");

  test("a file is read relative to the configuration file's folder; a missing one is a problem of its field", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-files-"));
    try {
      fs.mkdirSync(path.join(dir, "airflow"));
      fs.writeFileSync(path.join(dir, "airflow", "requirements.txt"), "--no-index\n");
      const config = (requirementsFile: string) => ({
        deployments: [
          {
            name: "t",
            region: "us-east-1",
            accountId: "123456789012",
            network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
            mwaa: { environmentName: "env", sourceBucketName: "bucket-name", environment: { requirementsFile } },
          },
        ],
      });
      fs.writeFileSync(path.join(dir, "ok.json"), JSON.stringify(config("airflow/requirements.txt")));
      expect(loadConfig(path.join(dir, "ok.json")).plans[0].mwaaEnvironment!.uploads.map((u) => [u.key, u.content.toString()])).toEqual([
        ["requirements.txt", "--no-index\n"],
      ]);
      fs.writeFileSync(path.join(dir, "missing.json"), JSON.stringify(config("airflow/nope.txt")));
      let messages: string[] = [];
      try {
        loadConfig(path.join(dir, "missing.json"));
      } catch (e) {
        if (e instanceof ConfigError) messages = e.problems.map(formatProblem);
      }
      expect(messages).toEqual([
        '`deployments[0].mwaa.environment.requirementsFile` cannot be read (ENOENT: no such file or folder) relative to the configuration file\'s folder, got: "airflow/nope.txt"',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("loadConfig: files that are not what they should be (issue 31)", () => {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-enc-"));
  afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));
  const problemsOfFile = (name: string, bytes: Buffer | string) => {
    const file = path.join(tmpDir, name);
    fs.writeFileSync(file, bytes);
    try {
      loadConfig(file);
      return [];
    } catch (e) {
      return (e as ConfigError).problems.map((p) => `${p.rule}`);
    }
  };

  test.each([
    [
      "UTF-16 LE with its mark",
      Buffer.from("\uFEFFdeployments: []\n", "utf16le"),
      "it is UTF-16 (little-endian, by its byte order mark): save it as UTF-8",
    ],
    ["UTF-16 BE with its mark", Buffer.from([0xfe, 0xff, 0, 0x64]), "it is UTF-16 (big-endian, by its byte order mark): save it as UTF-8"],
    [
      "UTF-32 LE with its mark",
      Buffer.from([0xff, 0xfe, 0, 0, 0x64, 0, 0, 0]),
      "it is UTF-32 (little-endian, by its byte order mark): save it as UTF-8",
    ],
    [
      "UTF-16 without a mark",
      Buffer.from("deployments: []\n", "utf16le"),
      "it is not UTF-8: it holds NUL bytes (UTF-16 or UTF-32 without a byte order mark, or not text): save it as UTF-8",
    ],
    [
      "Latin-1",
      Buffer.from([0x74, 0x61, 0x67, 0x3a, 0x20, 0xe9, 0x0a]),
      "it is not valid UTF-8 (another 8-bit encoding, such as Windows-1252 or Latin-1): save it as UTF-8",
    ],
  ])("%s is refused naming the encoding", (_, bytes, rule) => {
    expect(problemsOfFile("c.yaml", bytes)).toEqual([`must be UTF-8 text (with or without a byte order mark); ${rule}`]);
  });

  test("UTF-8 with a byte order mark is read", () => {
    expect(problemsOfFile("bom.yaml", "\uFEFFdeployments: []\n")).toEqual(["must list at least one deployment"]);
  });

  test.each([
    ["an empty file", "", "is empty: it must hold an object with a deployments list (see docs/configuration.md)"],
    ["a comment only", "# nothing yet\n", "is empty: it must hold an object with a deployments list (see docs/configuration.md)"],
    [
      "a list at the top",
      "- a\n- b\n",
      "must hold an object with a deployments list at its top (deployments: [...]), not a list or a single value (see docs/configuration.md)",
    ],
  ])("%s says what the file must hold", (_, text, rule) => {
    expect(problemsOfFile("t.yaml", text)).toEqual([rule]);
  });

  test("an alias bomb (aliases of aliases, a billion entries) is refused at once with what to do", () => {
    const levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    const started = Date.now();
    expect(problemsOfFile("bomb.yaml", `${levels.join("\n")}\ndeployments: *a8\n`)).toEqual([
      "must be valid YAML (its aliases (*name) expand beyond the YAML library's limit of 100 uses, which guards against alias bombs: write the repeated parts out)",
    ]);
    expect(Date.now() - started).toBeLessThan(budget(5000));
  });

  test("a key named __proto__ (a tag) is refused, not dropped", () => {
    expect(problemsOfFile("p.json", '{"deployments": [{"name": "a", "tags": {"__proto__": "x"}}]}')).toEqual([
      "is a key this tool cannot keep (JavaScript reads __proto__ as an object's prototype, so it would be dropped without a word): rename it",
    ]);
  });
});
