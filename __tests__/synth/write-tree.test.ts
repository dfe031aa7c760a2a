import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MANIFEST_FILE, writeTree } from "../../src/synth/write-tree";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-tree-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");

describe("writeTree", () => {
  test("writes files and a manifest; rewrites only what changed; removes what it wrote before and no longer writes", () => {
    expect(
      writeTree(
        dir,
        new Map([
          ["a/x.tf", "1"],
          ["b/y.tf", "2"],
        ]),
      ),
    ).toEqual({ written: ["a/x.tf", "b/y.tf"], unchanged: [], removed: [] });
    expect(JSON.parse(read(MANIFEST_FILE)).files).toEqual(["a/x.tf", "b/y.tf"]);
    fs.writeFileSync(path.join(dir, "b", "terraform.tfstate"), "state");
    expect(writeTree(dir, new Map([["a/x.tf", "1b"]]))).toEqual({ written: ["a/x.tf"], unchanged: [], removed: ["b/y.tf"] });
    expect(read("a/x.tf")).toBe("1b");
    expect(read("b/terraform.tfstate")).toBe("state");
    expect(fs.readdirSync(dir).sort()).toEqual(["a", "b", MANIFEST_FILE]);
  });

  test("empty folders it leaves behind are removed", () => {
    writeTree(dir, new Map([["json/old/main.tf.json", "{}"]]));
    writeTree(dir, new Map([["json/new/main.tf.json", "{}"]]));
    expect(fs.readdirSync(path.join(dir, "json"))).toEqual(["new"]);
  });

  test("a failure while staging leaves the folder exactly as it was", () => {
    writeTree(
      dir,
      new Map([
        ["a/x.tf", "1"],
        ["blocker", "file"],
      ]),
    );
    const before = { x: read("a/x.tf"), manifest: read(MANIFEST_FILE) };
    // "blocker/inner.tf" cannot be created: blocker is a file. a/x.tf is staged before that fails.
    expect(() =>
      writeTree(
        dir,
        new Map([
          ["a/x.tf", "changed"],
          ["blocker/inner.tf", "2"],
        ]),
      ),
    ).toThrow();
    expect({ x: read("a/x.tf"), manifest: read(MANIFEST_FILE) }).toEqual(before);
    expect(fs.readdirSync(path.join(dir, "a"))).toEqual(["x.tf"]);
  });

  test("refuses paths outside the folder, from its input or from a tampered manifest", () => {
    expect(() => writeTree(dir, new Map([["../escape.tf", "x"]]))).toThrow("refusing to write outside the output folder: ../escape.tf");
    const outside = path.join(dir, "..", `pr-outside-${process.pid}.txt`);
    fs.writeFileSync(outside, "keep");
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify({ files: [`../${path.basename(outside)}`] }));
    writeTree(dir, new Map([["a.tf", "x"]]));
    expect(fs.readFileSync(outside, "utf8")).toBe("keep");
    fs.rmSync(outside);
  });
});

describe("synthesize", () => {
  test("creates nothing in the working directory (no cdktf.out/ that two synths started at once would race to create)", () => {
    const cwd = process.cwd();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-cwd-"));
    try {
      process.chdir(work);
      const { synthesize } = require("../../src/synth/synthesize") as typeof import("../../src/synth/synthesize");
      const { planOf, mwaaDeployment } = require("../support/fixtures") as typeof import("../support/fixtures");
      expect(synthesize([planOf(mwaaDeployment())]).stacks).toHaveLength(1);
      expect(fs.readdirSync(work)).toEqual([]);
    } finally {
      process.chdir(cwd);
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("writeTree with bytes", () => {
  test("binary content (an uploaded plugins.zip) is written as bytes and found unchanged the next time", () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0xfe]);
    expect(writeTree(dir, new Map<string, string | Buffer>([["json/x/files/plugins.zip", bytes]])).written).toEqual([
      "json/x/files/plugins.zip",
    ]);
    expect(fs.readFileSync(path.join(dir, "json/x/files/plugins.zip")).equals(bytes)).toBe(true);
    expect(writeTree(dir, new Map<string, string | Buffer>([["json/x/files/plugins.zip", bytes]])).unchanged).toEqual([
      "json/x/files/plugins.zip",
    ]);
  });
});
