import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import { LOCK_FILE, MANIFEST_FILE, OutputError, processStart, writeTree } from "../../src/synth/write-tree";

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
    ).toEqual({ written: ["a/x.tf", "b/y.tf"], unchanged: [], removed: [], kept: [] });
    // Each file with its SHA-256 (as sha256sum prints for "1" and "2"), and a signature over the list.
    const manifest = JSON.parse(read(MANIFEST_FILE));
    expect(manifest.files).toEqual({
      "a/x.tf": "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b",
      "b/y.tf": "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35",
    });
    expect(Object.keys(manifest)).toEqual(["generator", "format", "files", "signature"]);
    fs.writeFileSync(path.join(dir, "b", "user.tf"), "# mine");
    expect(writeTree(dir, new Map([["a/x.tf", "1b"]]))).toEqual({ written: ["a/x.tf"], unchanged: [], removed: ["b/y.tf"], kept: [] });
    expect(read("a/x.tf")).toBe("1b");
    expect(read("b/user.tf")).toBe("# mine");
    expect(fs.readdirSync(dir).sort()).toEqual(["a", "b", MANIFEST_FILE]);
  });

  describe("ownership: only a manifest it can verify says what it may delete", () => {
    test.each([
      ["a user's own manifest", JSON.stringify({ files: ["keep/me.txt"] }), "its generator is null"],
      ["another tool's", JSON.stringify({ generator: "other", files: {} }), 'its generator is "other"'],
      ["not JSON", "# notes", "not JSON"],
      ["a JSON array", "[]", "not a JSON object"],
    ])("%s stops the write: not overwritten, nothing it lists deleted, nothing written", (_, text, why) => {
      fs.mkdirSync(path.join(dir, "keep"));
      fs.writeFileSync(path.join(dir, "keep", "me.txt"), "mine");
      fs.writeFileSync(path.join(dir, MANIFEST_FILE), text);
      expect(() => writeTree(dir, new Map([["a/x.tf", "1"]]))).toThrow(
        new OutputError(
          `${path.join(dir, MANIFEST_FILE)} is not a manifest private-routing wrote (${why}): it is not overwritten, and the files it lists are not deleted. Move it away or choose another --out.`,
        ),
      );
      expect(fs.readdirSync(dir).sort()).toEqual(["keep", MANIFEST_FILE]);
      expect(read(MANIFEST_FILE)).toBe(text);
      expect(read("keep/me.txt")).toBe("mine");
    });

    test("a manifest edited to list another file no longer verifies", () => {
      writeTree(dir, new Map([["a/x.tf", "1"]]));
      fs.writeFileSync(path.join(dir, "notes.txt"), "mine");
      const m = JSON.parse(read(MANIFEST_FILE));
      m.files["notes.txt"] = m.files["a/x.tf"];
      fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(m));
      expect(() => writeTree(dir, new Map([["a/x.tf", "1"]]))).toThrow("(its signature does not match its file list)");
      expect(read("notes.txt")).toBe("mine");
    });

    test("a generated file changed since the last synth is kept, and said so", () => {
      writeTree(
        dir,
        new Map([
          ["a/x.tf", "1"],
          ["b/y.tf", "2"],
        ]),
      );
      fs.writeFileSync(path.join(dir, "b", "y.tf"), "2, edited by hand");
      expect(writeTree(dir, new Map([["a/x.tf", "1"]])).kept).toEqual([{ file: "b/y.tf", why: "changed since the last synth" }]);
      expect(read("b/y.tf")).toBe("2, edited by hand");
      expect(Object.keys(JSON.parse(read(MANIFEST_FILE)).files)).toEqual(["a/x.tf"]);
    });

    test("a manifest of the previous format (a file list, no checksums) is replaced; the files it lists are kept, not deleted", () => {
      fs.mkdirSync(path.join(dir, "old"));
      fs.writeFileSync(path.join(dir, "old", "main.tf"), "old");
      fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify({ generator: "private-routing", files: ["old/main.tf"] }));
      expect(writeTree(dir, new Map([["a/x.tf", "1"]])).kept).toEqual([
        { file: "old/main.tf", why: "the previous manifest has no checksums (an older private-routing wrote it)" },
      ]);
      expect(read("old/main.tf")).toBe("old");
      expect(JSON.parse(read(MANIFEST_FILE)).format).toBe(2);
    });

    test("carried files (--only) keep the checksum of what was written, so a later removal still spares an edit", () => {
      writeTree(
        dir,
        new Map([
          ["a/x.tf", "1"],
          ["b/y.tf", "2"],
        ]),
      );
      const before = JSON.parse(read(MANIFEST_FILE));
      fs.writeFileSync(path.join(dir, "b", "y.tf"), "edited");
      writeTree(dir, new Map([["a/x.tf", "1"]]), { carry: ["b/y.tf"] });
      expect(JSON.parse(read(MANIFEST_FILE))).toEqual(before);
      expect(writeTree(dir, new Map([["a/x.tf", "1"]])).kept).toEqual([{ file: "b/y.tf", why: "changed since the last synth" }]);
    });
  });

  describe("state safety", () => {
    test.each(["terraform.tfstate", "terraform.tfstate.backup", ".terraform"])(
      "a dropped module whose folder holds %s stops the write; --prune removes the generated files and keeps the state",
      (marker) => {
        writeTree(
          dir,
          new Map([
            ["json/keep/main.tf.json", "{}"],
            ["json/old/main.tf.json", "{}"],
            ["json/old/README.md", "# old"],
          ]),
        );
        const state = path.join(dir, "json", "old", marker);
        if (marker === ".terraform") fs.mkdirSync(state);
        else fs.writeFileSync(state, "{}");
        const manifest = read(MANIFEST_FILE);
        expect(() => writeTree(dir, new Map([["json/keep/main.tf.json", "{}"]]))).toThrow(
          new OutputError(
            `this synth no longer generates ${path.join(dir, "json/old")}, which holds Terraform state (${path.join(dir, "json/old", marker)}): ` +
              "run terraform destroy there first, or, if the deployment was renamed, move its state to the new folder (terraform state mv, or moved blocks); " +
              "rerun with --prune to remove the generated files anyway (state files and .terraform/ are never removed).",
          ),
        );
        expect(read(MANIFEST_FILE)).toBe(manifest);
        expect(fs.readdirSync(path.join(dir, "json", "old")).sort()).toEqual([marker, "README.md", "main.tf.json"].sort());
        expect(writeTree(dir, new Map([["json/keep/main.tf.json", "{}"]]), { prune: true }).removed).toEqual([
          "json/old/README.md",
          "json/old/main.tf.json",
        ]);
        expect(fs.readdirSync(path.join(dir, "json", "old"))).toEqual([marker]);
      },
    );
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
    fs.writeFileSync(
      path.join(dir, MANIFEST_FILE),
      JSON.stringify({ generator: "private-routing", files: [`../${path.basename(outside)}`] }),
    );
    expect(() => writeTree(dir, new Map([["a.tf", "x"]]))).toThrow("(an unsigned manifest of unknown shape)");
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

describe("the output lock", () => {
  const lockOf = (holder: object) => fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder));

  test("a live holder stops the write with its PID; its lock and the folder stay as they were", () => {
    lockOf({ pid: process.pid, start: processStart(process.pid) });
    expect(() => writeTree(dir, new Map([["a/x.tf", "1"]]))).toThrow(
      new OutputError(
        `another synth (PID ${process.pid}) is writing ${dir}: wait for it to finish; if no such process runs, remove ${path.join(dir, LOCK_FILE)}`,
      ),
    );
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  test.each([
    ["its process has exited", () => ({ pid: spawnSync(process.execPath, ["-e", ""]).pid, start: "1" })],
    ["its PID now belongs to another process (start time differs)", () => ({ pid: process.pid, start: "0" })],
    ["it is half written", () => ({})],
  ])("a stale lock (%s) is taken over, and released after the write", (_, holder) => {
    lockOf(holder());
    expect(writeTree(dir, new Map([["a/x.tf", "1"]])).written).toEqual(["a/x.tf"]);
    expect(fs.readdirSync(dir).sort()).toEqual(["a", MANIFEST_FILE]);
  });

  test("two synths started at once into one folder: each ends 0 or stops on the lock, and the folder is one complete tree", async () => {
    const root = path.resolve(__dirname, "../..");
    const config = path.join(dir, "c.yaml");
    fs.copyFileSync(path.join(root, "examples/deployments.yaml"), config);
    fs.cpSync(path.join(root, "examples/mwaa"), path.join(dir, "mwaa"), { recursive: true });
    const out = path.join(dir, "out");
    const synth = () =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ["-r", "sucrase/register", path.join(root, "main.ts"), "--config", config, "--out", out, "-q"],
          {
            cwd: root,
          },
        );
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => resolve({ code, err }));
      });
    const results = await Promise.all([synth(), synth()]);
    for (const r of results) {
      expect([0, 1]).toContain(r.code);
      if (r.code === 1) expect(r.err).toContain("another synth (PID ");
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    // One complete tree: every file the manifest lists, with the checksum it lists, and no lock left.
    const manifest = JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), "utf8"));
    for (const [rel, hash] of Object.entries(manifest.files as Record<string, string>))
      expect([
        rel,
        createHash("sha256")
          .update(fs.readFileSync(path.join(out, rel)))
          .digest("hex"),
      ]).toEqual([rel, hash]);
    expect(fs.existsSync(path.join(out, LOCK_FILE))).toBe(false);
  }, 60000);
});
