import * as fs from "fs";
import * as path from "path";

// The documentation as shipped (issue 18): every link inside the repository resolves, the README
// stays short, and the configuration reference names every field the schema has.
const ROOT = path.resolve(__dirname, "..");
const pages = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith(".md"),
);

describe("documentation", () => {
  test.each(pages)("%s: every relative link resolves inside the repository", (page) => {
    const text = fs.readFileSync(path.join(ROOT, page), "utf8");
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split("#")[0];
      if (target === "" || /^[a-z]+:/.test(target)) continue;
      const resolved = path.resolve(path.dirname(path.join(ROOT, page)), target);
      if (!resolved.startsWith(`${ROOT}${path.sep}`) || !fs.existsSync(resolved)) broken.push(m[1]);
    }
    expect(broken).toEqual([]);
  });

  test("the README is at most 10 KB", () => {
    expect(fs.statSync(path.join(ROOT, "README.md")).size).toBeLessThanOrEqual(10 * 1024);
  });

  test("docs/configuration.md names every field of the configuration schema", () => {
    const doc = fs.readFileSync(path.join(ROOT, "docs/configuration.md"), "utf8");
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema/private-routing.schema.json"), "utf8"));
    const fields = new Set<string>();
    const walk = (node: unknown) => {
      if (node === null || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      for (const [k, v] of Object.entries((n.properties ?? {}) as Record<string, unknown>)) {
        fields.add(k);
        walk(v);
      }
      for (const k of ["items", "anyOf", "oneOf", "allOf", "additionalProperties"]) [n[k]].flat().forEach(walk);
    };
    walk(schema);
    expect([...fields].filter((f) => !doc.includes(f)).sort()).toEqual([]);
  });
});
