// Preloaded (`node -r`) by the benchmark's template-way runs: every import of src/cdk/aws.ts gets
// src/bench/template-aws.ts instead, which imports the provider's package root.
import Module = require("module");
import * as path from "path";

const deep = path.join(__dirname, "..", "cdk", "aws.ts");
const template = path.join(__dirname, "template-aws.ts");
const resolve = (Module as unknown as { _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string })
  ._resolveFilename;
(Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = function (request, parent, ...rest) {
  const resolved = resolve.call(this, request, parent, ...rest);
  return resolved === deep ? template : resolved;
};
