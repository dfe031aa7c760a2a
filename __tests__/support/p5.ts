import * as path from "path";
import { run } from "../../src/cli";

/** `check` on the given paths, JSON report: each module's MWAA-P5 findings and status, by base name. */
export async function p5(
  paths: readonly string[],
): Promise<{ code: number; byModule: Record<string, { status?: string; messages: string[] }> }> {
  const out: string[] = [];
  const code = await run(["check", ...paths, "--format", "json"], { out: (l) => out.push(l), err: () => undefined });
  const report = JSON.parse(out.join("\n")) as {
    source: string;
    findings: { ruleId: string; message: string }[];
    rules: { id: string; status: string }[];
  }[];
  return {
    code,
    byModule: Object.fromEntries(
      report.map((r) => [
        path.basename(r.source),
        {
          status: r.rules.find((o) => o.id === "MWAA-P5")?.status,
          messages: r.findings.filter((f) => f.ruleId === "MWAA-P5").map((f) => f.message),
        },
      ]),
    ),
  };
}
