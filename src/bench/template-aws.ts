// The cdktf-template way of importing the provider, for the benchmark's comparison only: the
// package root (all 2,135 modules), then the same classes src/cdk/aws.ts exports. Loaded in place
// of src/cdk/aws.ts by template-hook.ts, under ts-node with type-checking.
import * as fs from "fs";
import * as path from "path";
// eslint-disable-next-line no-restricted-imports -- the root import is what this benchmark measures
import * as aws from "@cdktf/provider-aws";

const deep = fs.readFileSync(path.join(__dirname, "..", "cdk", "aws.ts"), "utf8");
const namespaces = aws as unknown as Record<string, Record<string, unknown>>;
for (const m of deep.matchAll(/export \{ (\w+) \} from "@cdktf\/provider-aws\/lib\/([\w-]+)"/g)) {
  const namespace = m[2].replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  module.exports[m[1]] = namespaces[namespace][m[1]];
}
