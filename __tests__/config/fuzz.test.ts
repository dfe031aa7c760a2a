/**
 * The configuration loader and the synth command under mutated input (issue 17): starters of every
 * scenario, mutated at random (a node replaced by null, a number, a long string, a list, a deep
 * object, a key renamed or deleted; for YAML also text cut and spliced). Every run must exit 0, 1
 * or 2, never print "internal error" or a stack trace, keep its messages bounded, and write nothing
 * when it fails. Seeded: the seed and the mutation are in the failure message.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli";
import { SCENARIOS, starterText } from "../../src/init";
import { random } from "../support/random";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-config-fuzz-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const deep = (n: number): unknown => (n === 0 ? "x" : { a: [deep(n - 1)] });
const HOSTILE: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  "",
  "x".repeat(5000),
  "0.0.0.0/0",
  "${var.x}",
  "arn:aws:iam::012345678901:role/x",
  [],
  [null],
  {},
  true,
  "012345678901",
];

function mutate(doc: unknown, rnd: () => number): string {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number; at: string }[] = [];
  const walk = (v: unknown, at: string) => {
    if (v === null || typeof v !== "object") return;
    for (const [k, c] of Object.entries(v)) {
      nodes.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(k) : k, at: `${at}.${k}` });
      walk(c, `${at}.${k}`);
    }
  };
  walk(doc, "$");
  if (nodes.length === 0) return "nothing left to mutate";
  const n = nodes[Math.floor(rnd() * nodes.length)];
  const choice = rnd();
  if (!Array.isArray(n.parent) && choice < 0.15) {
    delete (n.parent as Record<string, unknown>)[n.key as string];
    return `delete ${n.at}`;
  }
  if (!Array.isArray(n.parent) && choice < 0.3) {
    const p = n.parent as Record<string, unknown>;
    p[`${String(n.key).slice(1)}x`] = p[n.key as string];
    delete p[n.key as string];
    return `rename ${n.at}`;
  }
  const value = choice < 0.35 ? deep(40) : HOSTILE[Math.floor(rnd() * HOSTILE.length)];
  (n.parent as Record<string, unknown>)[n.key as string] = value;
  return `${n.at} = ${JSON.stringify(value)?.slice(0, 30)}`;
}

const scenarios = Object.keys(SCENARIOS);
const starters = new Map(scenarios.map((s) => [s, starterText(s)]));

function runOnce(file: string, what: string): void {
  const out = path.join(tmp, "out");
  fs.rmSync(out, { recursive: true, force: true });
  const lines: string[] = [];
  const code = main(["--config", file, "--out", out, "--quiet"], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  const text = lines.join("\n");
  const fail = (why: string) => new Error(`${what}: ${why}\n${text.slice(0, 2000)}`);
  if (![0, 1, 2].includes(code)) throw fail(`exit ${code}`);
  if (/internal error|\n\s+at .+:\d+:\d+/.test(text)) throw fail("a stack trace or an internal error");
  if (lines.some((l) => l.length > 1000)) throw fail("a line longer than 1000 characters");
  if (code !== 0 && fs.existsSync(out)) throw fail("a failed run wrote its output folder");
}

describe("configuration loader and synth under mutated input", () => {
  test("140 mutated configurations (YAML and JSON): exit 0/1/2, no stack trace, bounded messages, nothing written on error", () => {
    for (let seed = 1; seed <= 140; seed++) {
      const rnd = random(seed);
      const scenario = scenarios[seed % scenarios.length];
      const doc = parse(starters.get(scenario)!);
      const changes = [mutate(doc, rnd), mutate(doc, rnd)];
      const json = seed % 2 === 0;
      const file = path.join(tmp, `c${seed}.${json ? "json" : "yaml"}`);
      fs.writeFileSync(file, json ? JSON.stringify(doc) : stringify(doc));
      runOnce(file, `seed ${seed} (${scenario}, ${json ? "JSON" : "YAML"}): ${changes.join("; ")}`);
    }
  });

  test("80 YAML texts cut and spliced: exit 0/1/2, no stack trace, nothing written on error", () => {
    const snippets = ["\n", ":", "- ", "  ", "{", "[", "&a", "*a", "!!binary ", "---\n", "'", '"', "\t", "\uFEFF", "<<: *a\n"];
    for (let seed = 1; seed <= 80; seed++) {
      const rnd = random(seed * 31337);
      const scenario = scenarios[seed % scenarios.length];
      const text = starters.get(scenario)!;
      const at = Math.floor(rnd() * text.length);
      const cut = Math.floor(rnd() * 30);
      const snippet = snippets[Math.floor(rnd() * snippets.length)];
      const file = path.join(tmp, `t${seed}.yaml`);
      fs.writeFileSync(file, text.slice(0, at) + snippet + text.slice(at + cut));
      runOnce(file, `seed ${seed} (${scenario}) at ${at}, cut ${cut}, ${JSON.stringify(snippet)}`);
    }
  });
});
