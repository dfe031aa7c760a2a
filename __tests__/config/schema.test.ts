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
