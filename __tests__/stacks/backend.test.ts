import { checkBackend } from "../../src/plan/checks/backend";
import type { BackendConfig } from "../../src/plan/types";
import { synthesize } from "../../src/synth/synthesize";
import { mwaaDeployment, planOf } from "../support/fixtures";

function render(backend: BackendConfig): { json: Record<string, unknown>; hcl: string } {
  const s = synthesize([planOf(mwaaDeployment({ mwaa: undefined, backend }))]).stacks[0];
  return { json: JSON.parse(s.json).terraform, hcl: s.hcl };
}

/** The HCL `terraform {}` block, as generated. */
const terraformBlock = (hcl: string) => /^terraform \{\n[\s\S]*?\n\}\n/m.exec(hcl)![0];

describe("backends", () => {
  test("local: a relative path in JSON and HCL", () => {
    const r = render({ type: "local", path: "state/net.tfstate" });
    expect(r.json.backend).toEqual({ local: { path: "state/net.tfstate" } });
    expect(terraformBlock(r.hcl)).toContain('  backend "local" {\n    path = "state/net.tfstate"\n  }\n');
  });

  test("s3: encrypted, locked with an S3 lock file (use_lockfile), Region defaulting to the deployment's", () => {
    const r = render({
      type: "s3",
      bucket: "acme-tf-state",
      key: "net/test.tfstate",
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc",
    });
    expect(r.json.backend).toEqual({
      s3: {
        bucket: "acme-tf-state",
        key: "net/test.tfstate",
        region: "us-east-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:us-east-1:123456789012:key/abc",
        use_lockfile: true,
      },
    });
    expect(r.json.required_version).toBe(">= 1.10.0"); // use_lockfile needs Terraform 1.10
    expect(terraformBlock(r.hcl)).toContain('required_version = ">= 1.10.0"');
    expect(terraformBlock(r.hcl)).toContain(
      '  backend "s3" {\n    bucket       = "acme-tf-state"\n    key          = "net/test.tfstate"\n    region       = "us-east-1"\n    encrypt      = true\n    kms_key_id   = "arn:aws:kms:us-east-1:123456789012:key/abc"\n    use_lockfile = true\n  }\n',
    );
  });

  test("cloud: a named workspace with its project, in JSON and in HCL (cdktf's HCL drops the project)", () => {
    const r = render({ type: "cloud", organization: "acme", workspace: "net", project: "platform", hostname: "tfe.example.com" });
    expect(r.json.cloud).toEqual({ organization: "acme", hostname: "tfe.example.com", workspaces: { name: "net", project: "platform" } });
    expect(r.json.backend).toBeUndefined();
    expect(terraformBlock(r.hcl)).toContain(
      '  cloud {\n    organization = "acme"\n    hostname     = "tfe.example.com"\n    workspaces {\n      name    = "net"\n      project = "platform"\n    }\n  }\n',
    );
  });

  test("cloud: workspaces by tags", () => {
    const r = render({ type: "cloud", organization: "acme", workspaceTags: ["network", "prod"] });
    expect(r.json.cloud).toEqual({ organization: "acme", workspaces: { tags: ["network", "prod"] } });
    expect(terraformBlock(r.hcl)).toContain('    workspaces {\n      tags = ["network", "prod"]\n    }\n');
  });

  test("no token or credential is ever written", () => {
    for (const b of [
      { type: "cloud", organization: "acme", workspace: "net" },
      { type: "s3", bucket: "acme-tf-state", key: "k.tfstate" },
    ] as BackendConfig[]) {
      const r = render(b);
      expect(JSON.stringify(r.json)).not.toMatch(/token|secret|access_key/i);
      expect(r.hcl).not.toMatch(/token|secret_key|access_key/i);
    }
  });

  test.each<[BackendConfig, string[]]>([
    [
      { type: "cloud", organization: "acme", workspace: "net", workspaceTags: ["a"] },
      [
        '`workspace` must be given, or else workspaceTags: exactly one of the two (a cloud block selects workspaces by name or by tags), got: {"workspace":"net","workspaceTags":["a"]}',
      ],
    ],
    [
      { type: "cloud", organization: "acme" },
      [
        "`workspace` must be given, or else workspaceTags: exactly one of the two (a cloud block selects workspaces by name or by tags), got: {}",
      ],
    ],
    [
      { type: "s3", bucket: "acme-tf-state", key: "/abs/state.tfstate" },
      ['`key` must be a relative object key (no leading /, no ..), got: "/abs/state.tfstate"'],
    ],
    [
      { type: "s3", bucket: "Acme_State", key: "k" },
      [
        '`bucket` must be 3-63 characters of lowercase letters, digits, . and - (S3 bucket name; "A" "_" "S" not allowed), got: "Acme_State"',
      ],
    ],
    [
      { type: "local", path: "../elsewhere.tfstate" },
      ['`path` must be a relative path inside the stack\'s folder (no leading /, no ..), got: "../elsewhere.tfstate"'],
    ],
  ])("rejects %j", (b, messages) => {
    expect(checkBackend(b).map((p) => `\`${p.path}\` ${p.rule}, got: ${JSON.stringify(p.value)}`)).toEqual(messages);
  });
});
