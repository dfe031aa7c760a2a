/**
 * The checker's readers under random and mutated input (issues 16/17): a recorded plan of the
 * module-tree fixture and the tree's HCL, mutated at random (a node replaced by null, a number, a
 * string, a list, a deep object; a key deleted; text cut or spliced). Every run must end in a model
 * or a CheckInputError (exit 2), never another exception, and the checker must run on the model.
 * Seeded, so a failure is reproducible: the seed and the mutation are in the message.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CheckInputError, loadModel, modelFromPlan } from "../../src/check/model";
import { runCheck } from "../../src/check/run";
import { MODULE_FIXTURE } from "../support/module-fixtures";
import { random } from "../support/random";

const PLAN = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/modules/mwaa-vpc.plan.json"), "utf8"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-fuzz-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const HOSTILE: unknown[] = [
  null,
  0,
  -1,
  1e308,
  "",
  "${",
  "${var.x",
  "${module.a.b.c}",
  "${aws_subnet.x[*].id}",
  [],
  [null],
  {},
  { references: "x" },
  true,
];
const deep = (n: number): unknown => (n === 0 ? {} : { a: [deep(n - 1)] });

/** Replaces or deletes one node of a JSON value at random; returns the path changed. */
function mutate(doc: unknown, rnd: () => number): string {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number; path: string }[] = [];
  const walk = (v: unknown, p: string) => {
    if (v === null || typeof v !== "object") return;
    for (const [k, c] of Object.entries(v)) {
      nodes.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(k) : k, path: `${p}.${k}` });
      walk(c, `${p}.${k}`);
    }
  };
  walk(doc, "$");
  const n = nodes[Math.floor(rnd() * nodes.length)];
  const choice = rnd();
  if (choice < 0.2 && !Array.isArray(n.parent)) {
    delete (n.parent as Record<string, unknown>)[n.key as string];
    return `delete ${n.path.slice(0, 120)}`;
  }
  const value = choice < 0.3 ? deep(200) : HOSTILE[Math.floor(rnd() * HOSTILE.length)];
  (n.parent as Record<string, unknown>)[n.key as string] = value;
  return `${n.path.slice(0, 120)} = ${JSON.stringify(value)?.slice(0, 40)}`;
}

const expectReadable = async (read: () => Promise<unknown> | unknown, what: string) => {
  try {
    const model = await read();
    runCheck(model as Parameters<typeof runCheck>[0]);
  } catch (e) {
    if (!(e instanceof CheckInputError)) throw new Error(`${what}: ${(e as Error).stack}`, { cause: e });
  }
};

describe("checker readers under mutated input", () => {
  test("400 mutated plans: a model or an input error, never a crash", async () => {
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = random(seed);
      const doc = structuredClone(PLAN);
      const changes = [mutate(doc, rnd), mutate(doc, rnd), mutate(doc, rnd)];
      await expectReadable(() => modelFromPlan(doc, "fuzz"), `seed ${seed}: ${changes.join("; ")}`);
    }
  });

  test("mutated plan files on disk (loadModel): a model or exit-2 input error", async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = random(seed * 7919);
      const doc = structuredClone(PLAN);
      const change = mutate(doc, rnd);
      const f = path.join(tmp, `plan-${seed}.json`);
      fs.writeFileSync(f, JSON.stringify(doc));
      await expectReadable(() => loadModel(f), `seed ${seed}: ${change}`);
    }
  });

  test("150 mutated HCL trees (text cut, spliced, expressions swapped): a model or an input error", async () => {
    const files = ["main.tf", "variables.tf", "modules/vpc/main.tf", "modules/vpc/outputs.tf", "modules/vpc-endpoints/main.tf"];
    const snippets = [
      "${",
      "}",
      '"',
      "[*]",
      "count.index",
      "each.value",
      "module.vpc",
      "var.nope",
      "? 1 :",
      "for x in y :",
      "(",
      "]",
      "\n",
      "local.name",
      "dynamic",
    ];
    for (let seed = 1; seed <= 150; seed++) {
      const rnd = random(seed * 104729);
      const dir = path.join(tmp, `tree-${seed}`);
      fs.cpSync(MODULE_FIXTURE, dir, { recursive: true });
      const file = files[Math.floor(rnd() * files.length)];
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const at = Math.floor(rnd() * text.length);
      const cut = Math.floor(rnd() * 20);
      const snippet = snippets[Math.floor(rnd() * snippets.length)];
      fs.writeFileSync(path.join(dir, file), text.slice(0, at) + snippet + text.slice(at + cut));
      await expectReadable(() => loadModel(dir), `seed ${seed}: ${file} at ${at}, cut ${cut}, ${JSON.stringify(snippet)}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("120 mutated Terraform JSON trees (the fixture's HCL as JSON, nodes replaced): a model or an input error", async () => {
    const { parse } = require("@cdktf/hcl2json") as { parse: (f: string, t: string) => Promise<Record<string, unknown>> };
    const files = ["main.tf", "modules/vpc/main.tf", "modules/vpc-endpoints/main.tf", "modules/vpc/outputs.tf"];
    const docs = await Promise.all(files.map(async (f) => parse(f, fs.readFileSync(path.join(MODULE_FIXTURE, f), "utf8"))));
    for (let seed = 1; seed <= 120; seed++) {
      const rnd = random(seed * 7727);
      const dir = path.join(tmp, `json-${seed}`);
      fs.cpSync(MODULE_FIXTURE, dir, { recursive: true });
      const i = Math.floor(rnd() * files.length);
      const doc = structuredClone(docs[i]);
      const change = mutate(doc, rnd);
      fs.rmSync(path.join(dir, files[i]));
      fs.writeFileSync(path.join(dir, `${files[i]}.json`), JSON.stringify(doc));
      await expectReadable(() => loadModel(dir), `seed ${seed}: ${files[i]}: ${change}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
