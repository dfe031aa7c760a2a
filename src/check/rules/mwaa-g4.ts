import { block, byType, refersTo } from "../model";
import type { Rule } from "../rule";

export const MWAA_G4: Rule = {
  id: "MWAA-G4",
  severity: "error",
  summary: "The environment's source bucket is versioned and blocks all public access",
  explanation: "MWAA rejects a source bucket without versioning, and the bucket must block all public access.",
  fix: "Add aws_s3_bucket_versioning (status Enabled) and aws_s3_bucket_public_access_block with all four settings true.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const sources = new Set(byType(m, "aws_mwaa_environment").map((e) => String(e.values.source_bucket_arn)));
    for (const b of byType(m, "aws_s3_bucket").filter((x) => sources.has(`\${${x.address}.arn}`))) {
      const id = `\${${b.address}.id}`;
      const versioning = byType(m, "aws_s3_bucket_versioning").find(
        (v) => v.values.bucket === id || v.values.bucket === `\${${b.address}.bucket}`,
      );
      if (block(versioning?.values.versioning_configuration)?.status !== "Enabled")
        out.push({ status: "fail", address: b.address, message: "versioning is not enabled" });
      const pab = byType(m, "aws_s3_bucket_public_access_block").find(
        (v) => v.values.bucket === id || v.values.bucket === `\${${b.address}.bucket}`,
      );
      if (
        !pab ||
        !["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].every((k) => pab.values[k] === true)
      ) {
        out.push({ status: "fail", address: b.address, message: "does not block all public access" });
      }
    }
    for (const arn of sources) {
      if (!refersTo(arn, "aws_s3_bucket"))
        out.push({ status: "unverifiable", address: "-", message: `the source bucket ${arn} is defined outside this configuration` });
    }
    return out;
  },
};
