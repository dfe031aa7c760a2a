import { regionOfArn } from "../aws/arn";
import type { DeploymentConfig } from "../config/schema";

/**
 * KMS key ARNs of another Region than the resource they encrypt: the MWAA environment's
 * `mwaa.environment.kmsKey`, and an S3 backend's `kmsKeyId` (against the state bucket's Region).
 * A KMS key is a Regional resource (AWS KMS Developer Guide, "Key policies in AWS KMS": key
 * policies are Regional, read 2026-11-23), but no AWS page read here says whether MWAA or S3 refuse
 * a key of another Region, so these are warnings that say so, not errors; `terraform apply` decides.
 */
export function kmsKeyRegionWarnings(d: DeploymentConfig): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const note =
    "a KMS key belongs to one Region; whether the service accepts a key of another Region is not in the facts catalogue (no AWS source found): if the apply fails, use a key of the same Region";
  const mwaaKey = d.mwaa?.environment?.kmsKey;
  const mwaaRegion = regionOfArn(mwaaKey);
  if (mwaaRegion && mwaaRegion !== d.region)
    out.push({
      path: "mwaa.environment.kmsKey",
      message: `mwaa.environment.kmsKey is in ${mwaaRegion}, the environment in ${d.region}: ${note}`,
    });
  const backend = d.backend;
  if (backend?.type === "s3") {
    const bucketRegion = backend.region ?? d.region;
    const keyRegion = regionOfArn(backend.kmsKeyId);
    if (keyRegion && keyRegion !== bucketRegion)
      out.push({
        path: "backend.kmsKeyId",
        message: `backend.kmsKeyId is in ${keyRegion}, the state bucket in ${bucketRegion}: ${note}`,
      });
  }
  return out;
}
