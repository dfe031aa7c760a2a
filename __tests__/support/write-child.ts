// A synth's write, alone in a process the kill tests can SIGKILL: reads {outDir, files} from the
// JSON file named on the command line, says "ready" just before writing, and "done" after.
import * as fs from "fs";
import { writeTree } from "../../src/synth/write-tree";

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as { outDir: string; files: Record<string, string> };
const files = new Map(Object.entries(spec.files));
process.stdout.write("ready\n", () => {
  writeTree(spec.outDir, files);
  process.stdout.write("done\n");
});
