import * as fs from "fs";
import { schemaText, SCHEMA_FILE } from "../../src/cli";

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
      "c.json must be valid JSON (Map keys must be unique at line 1, column 21)",
    ]);
  });
});
