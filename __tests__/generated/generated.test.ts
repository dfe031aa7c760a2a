/**
 * OUT-1: generated/ is exactly what the current code makes of the example configuration, the
 * same on every synth and every machine.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CONFIG, DEFAULT_OUT } from "../../src/cli";
import { loadConfig } from "../../src/config/load";
import { synthesize } from "../../src/synth/synthesize";
import { MANIFEST_FILE } from "../../src/synth/write-tree";

const config = loadConfig(DEFAULT_CONFIG);
const first = synthesize(config.plans);

function filesOnDisk(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((f) => !f.split(path.sep).includes(".terraform") && !/\.tfstate|\.terraform\.lock\.hcl$/.test(f))
    .sort();
}

describe("generated/", () => {
  test("holds exactly the files the example configuration produces (run `npm run synth` after a change)", () => {
    expect(filesOnDisk(DEFAULT_OUT)).toEqual([...first.files.keys(), MANIFEST_FILE].sort());
    for (const [rel, content] of first.files) {
      const expected = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
      expect({ file: rel, same: fs.readFileSync(path.join(DEFAULT_OUT, rel)).equals(expected) }).toEqual({ file: rel, same: true });
    }
  });

  test("two synths are byte-identical", () => {
    const second = synthesize(loadConfig(DEFAULT_CONFIG).plans);
    expect([...second.files.entries()]).toEqual([...first.files.entries()]);
  });

  test("no absolute paths, machine names or timestamps in any generated file", () => {
    const hostname = require("os").hostname() as string;  
    for (const [rel, bytes] of first.files) {
      const content = bytes.toString();
      expect({ rel, hit: /(\/work\/|\/tmp\/|\/root\/|\/home\/[a-z]|[A-Z]:\\)/.exec(content)?.[0] }).toEqual({ rel, hit: undefined });
      expect({ rel, hit: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.exec(content)?.[0] }).toEqual({ rel, hit: undefined });
      if (hostname.length > 3) expect(content.includes(hostname)).toBe(false);
    }
  });

  test("every JSON root module records its deployment and compliance profiles", () => {
    for (const d of config.plans) {
      const tf = JSON.parse(first.files.get(`json/${d.name}/main.tf.json`)!.toString());
      expect(tf["//"].private_routing).toMatchObject({ deployment: d.name, profiles: expect.arrayContaining([expect.stringMatching(/^network-(private|public|existing)$/)]) });
      if (d.backend.type === "local") expect(tf.terraform.backend).toEqual({ local: { path: d.backend.path } });
      else expect(JSON.stringify(tf.terraform)).not.toMatch(/token/i); // remote backends: no credentials in files
      // No data sources, so every stack plans offline; a spoke's lookups in its hub's account are
      // read only when the hub's IDs are not handed over (each counted off by its variable).
      if (!d.spoke) expect(tf.data).toBeUndefined();
      else
        for (const byName of Object.values(tf.data as Record<string, Record<string, { count: string }>>))
          for (const block of Object.values(byName)) expect(block.count).toMatch(/^\$\{var\.hub_[a-z_]+ == null \? 1 : 0\}$/);
    }
  });

  test("resource addresses are readable: snake_case, no hash suffixes", () => {
    for (const s of first.stacks) {
      for (const a of s.resourceAddresses) expect(a).toMatch(/^aws_[a-z0-9_]+\.[a-z][a-z0-9_]*$/);
      // cdktf's hash suffix is 8 hex digits with at least one letter (`_A1B2C3D4`); an account ID
      // (`principal_444455556666`) is a real, stable name.
      expect(s.resourceAddresses.filter((a) => /_?[0-9A-Fa-f]{8}$/.test(a) && /[A-Fa-f]/.test(a.slice(-8)))).toEqual([]);
    }
    expect(first.stacks[0].resourceAddresses).toEqual(expect.arrayContaining(["aws_vpc.network", "aws_vpc_endpoint.mwaa_sqs", "aws_vpc_endpoint.mwaa_s3", "aws_security_group.mwaa"]));
  });
});
