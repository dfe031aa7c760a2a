import { run } from "../../src/cli";

/** Runs the whole command line in-process, as the `private-routing` binary would, capturing both streams. */
export async function cli(argv: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
