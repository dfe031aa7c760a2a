import * as path from "path";
import { run } from "../../src/cli";

export interface ReportEntry {
  readonly source: string;
  readonly findings: readonly { ruleId: string; status: string; message: string }[];
  readonly rules: readonly { id: string; status: string }[];
}

/** `check` on the given paths with the JSON report: exit code and one entry per module. */
export async function checkJson(paths: readonly string[]): Promise<{ code: number; report: ReportEntry[] }> {
  const out: string[] = [];
  const code = await run(["check", ...paths, "--format", "json"], { out: (l) => out.push(l), err: () => undefined });
  return { code, report: JSON.parse(out.join("\n")) as ReportEntry[] };
}

/** `check` on the given paths, JSON report: each module's MWAA-P5 findings and status, by base name. */
export async function p5(
  paths: readonly string[],
): Promise<{ code: number; byModule: Record<string, { status?: string; messages: string[] }> }> {
  const { code, report } = await checkJson(paths);
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
