import * as fs from "fs";
import * as path from "path";

/** Every file under dir with its content (base64), keyed by its path from dir with / separators. */
export function fileTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile())
      files[path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/")] = fs.readFileSync(
        path.join(e.parentPath, e.name),
        "base64",
      );
  return files;
}
