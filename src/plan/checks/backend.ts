import { isKnownRegion } from "../../aws/regions";
import { checkValue } from "../../aws/value-rules";
import type { BackendConfig } from "../../config/schema";
import { Problem } from "../../problems";

/** Problems with a backend; paths relative to it (config: `deployments[i].backend`). */
export function checkBackend(b: BackendConfig): Problem[] {
  const problems: Problem[] = [];
  const relative = (path: string, value: string) => {
    if (value === "" || value.startsWith("/") || /^[a-zA-Z]:/.test(value) || value.split(/[\\/]/).includes("..")) {
      problems.push({
        path,
        value,
        rule:
          b.type === "s3"
            ? "must be a relative object key (no leading /, no ..)"
            : "must be a relative path inside the stack's folder (no leading /, no ..)",
      });
    }
  };
  if (b.type === "local") relative("path", b.path);
  if (b.type === "s3") {
    problems.push(...checkValue("bucket", b.bucket, "s3.bucket-name"));
    relative("key", b.key);
    if (b.region !== undefined && !isKnownRegion(b.region))
      problems.push({ path: "region", value: b.region, rule: "must be a known AWS Region of the aws partition" });
    if (b.kmsKeyId !== undefined && !/^arn:aws:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(b.kmsKeyId))
      problems.push({ path: "kmsKeyId", value: b.kmsKeyId, rule: "must be a KMS key or alias ARN" });
  }
  if (b.type === "cloud") {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(b.organization))
      problems.push({
        path: "organization",
        value: b.organization,
        rule: "must be an HCP Terraform organization name (letters, digits, - and _)",
      });
    if ((b.workspace === undefined) === (b.workspaceTags === undefined)) {
      problems.push({
        path: "workspace",
        value: { workspace: b.workspace, workspaceTags: b.workspaceTags },
        rule: "must be given, or else workspaceTags: exactly one of the two (a cloud block selects workspaces by name or by tags)",
      });
    }
    if (b.workspace !== undefined && !/^[A-Za-z0-9_-]{1,90}$/.test(b.workspace))
      problems.push({ path: "workspace", value: b.workspace, rule: "must be a workspace name (letters, digits, - and _, at most 90)" });
    if (b.workspaceTags !== undefined && b.workspaceTags.length === 0)
      problems.push({ path: "workspaceTags", value: b.workspaceTags, rule: "must name at least one tag" });
    if (b.hostname !== undefined && !/^[a-z0-9.-]+$/.test(b.hostname))
      problems.push({ path: "hostname", value: b.hostname, rule: "must be a host name, e.g. app.terraform.io" });
  }
  return problems;
}
