import { decodePolicy } from "../policy-document";
import { byType, list, referencedAddress, TfModel } from "../model";
import type { Rule } from "../rule";
import { endpoints, fail, Found, shortName } from "./mwaa-common";

export const MWAA_P10: Rule = {
  id: "MWAA-P10",
  severity: "error",
  summary: "The S3 gateway endpoint policy allows ECR's image-layer bucket (and the DAG bucket)",
  explanation:
    "ECR layers come from prod-<region>-starport-layer-bucket through the S3 gateway endpoint; its policy must allow that bucket, and the environment's DAG bucket.",
  fix: "Allow s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/* and the DAG bucket's actions in the gateway endpoint policy.",
  check(m) {
    const s3 = endpoints(m, "Gateway").find((e) => shortName(m, e) === "s3");
    if (!s3 || s3.values.policy === undefined) return [];
    const doc = decodePolicy(s3.values.policy);
    if (!doc) return [{ status: "unverifiable", address: s3.address, message: "the policy is an expression that cannot be read" }];
    const allowed = (list(doc.Statement) as Record<string, unknown>[]).filter((s) => s.Effect === "Allow").flatMap((s) => list(s.Resource));
    const layers = `arn:aws:s3:::prod-${m.region}-starport-layer-bucket/*`;
    const out: Found = [];
    if (!allowed.includes(layers) && !allowed.includes("*")) out.push(fail(s3.address, `the policy does not allow ${layers}`));
    if (allowed.includes("*")) return out;
    const dagBuckets = environmentBuckets(m);
    if (dagBuckets.length === 0) {
      // No environment in this configuration (a network for one made elsewhere): any bucket will do.
      if (!allowed.some((r) => String(r).startsWith("arn:aws:s3:::") && !String(r).includes("starport-layer-bucket")))
        out.push(fail(s3.address, "the policy allows no DAG bucket"));
    }
    for (const bucket of dagBuckets) {
      for (const arn of [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`])
        if (!allowed.includes(arn)) out.push(fail(s3.address, `the policy does not allow ${arn}, the environment's DAG bucket`));
    }
    return out;
  },
};

/** Names of the environments' source buckets: from a literal ARN, or from the bucket resource it references. */
function environmentBuckets(m: TfModel): string[] {
  const names = byType(m, "aws_mwaa_environment").map((env) => {
    const arn = env.values.source_bucket_arn;
    const literal = typeof arn === "string" ? /^arn:aws[a-z-]*:s3:::([^/]+)$/.exec(arn)?.[1] : undefined;
    if (literal) return literal;
    const address = referencedAddress(arn);
    const bucket = byType(m, "aws_s3_bucket").find((b) => address === b.address)?.values.bucket;
    return typeof bucket === "string" ? bucket : undefined;
  });
  return [...new Set(names.filter((n): n is string => n !== undefined))].sort();
}
