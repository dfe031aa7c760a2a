// The one place that names the CDK for Terraform packages. CDKTF was archived in Dec 2025 and
// CDK Terrain (`cdktn`) continues it with the same API: switching is a change to this file and
// to src/cdk/aws.ts, nowhere else.
export {
  App,
  CloudBackend,
  Fn,
  Lazy,
  LocalBackend,
  Op,
  NamedCloudWorkspace,
  S3Backend,
  TaggedCloudWorkspaces,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
} from "cdktf";
export type { ITerraformDependable, TerraformProvider } from "cdktf";
export { Construct, Node } from "constructs";
// Not re-exported from the package root: runs the stack's aspects, as app.synth() does.
export { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
export { setupJest } from "cdktf/lib/testing/adapters/jest";
