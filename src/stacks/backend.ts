import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, TerraformStack } from "../cdk/cdktf";
import type { BackendConfig } from "../plan/types";

/**
 * Adds the deployment's backend to its stack. Local: an explicit relative path (cdktf's default
 * writes the synth machine's absolute path). S3: encrypted, locked by an S3 lock file
 * (`use_lockfile`, which cdktf's S3Backend does not know, so it is set as an override). Cloud: the
 * HCP Terraform `cloud` block; the API token is never written (terraform login / TF_TOKEN_*).
 */
export function addBackend(stack: TerraformStack, b: BackendConfig, region: string, localPathOverride?: string): void {
  if (b.type === "local") {
    new LocalBackend(stack, { path: localPathOverride ?? b.path });
  } else if (b.type === "s3") {
    new S3Backend(stack, { bucket: b.bucket, key: b.key, region: b.region ?? region, encrypt: true, kmsKeyId: b.kmsKeyId });
    stack.addOverride("terraform.backend.s3.use_lockfile", true);
    // S3 lock files arrived in Terraform 1.10; an older CLI would ignore locking, not fail.
    stack.addOverride("terraform.required_version", ">= 1.10.0");
  } else {
    new CloudBackend(stack, {
      organization: b.organization,
      hostname: b.hostname,
      workspaces:
        b.workspace !== undefined
          ? new NamedCloudWorkspace(b.workspace, b.project)
          : new TaggedCloudWorkspaces(b.workspaceTags ?? [], b.project),
    });
  }
}
