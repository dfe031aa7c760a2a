import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { p5 } from "../support/p5";

const FIXTURE = "__tests__/fixtures/hub-spoke";
let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pr-hub-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("check HUB SPOKE: a spoke's endpoints judged through its hub", () => {
  test("hand-written in terraform-aws-modules style: the spoke passes MWAA-P5 through the hub; the hub is not taken for an MWAA network", async () => {
    const r = await p5([`${FIXTURE}/hub`, `${FIXTURE}/spoke`]);
    expect(r.byModule.spoke).toEqual({ status: "passed", messages: [] });
    expect(r.byModule.hub.status).toBeUndefined(); // privatelink profile: MWAA-P5 not run
    expect(r.code).toBe(0);
  });

  test("the same spoke alone: cannot verify (its zones may be a hub's), never a pass or a failure", async () => {
    const r = await p5([`${FIXTURE}/spoke`]);
    expect(r.byModule.spoke.status).toBe("unverifiable");
    expect(r.byModule.spoke.messages).toHaveLength(9);
  });

  test("a hub without kms (the shipped fixture, one endpoint removed): the spoke fails MWAA-P5 naming both modules", async () => {
    const hub = path.join(tmp, "hub");
    fs.mkdirSync(hub);
    const text = fs.readFileSync(`${FIXTURE}/hub/main.tf`, "utf8").replace(/^\s*kms\s*= "kms"\n/m, "");
    expect(text).not.toMatch(/kms\s*= "kms"/);
    fs.writeFileSync(path.join(hub, "main.tf"), text);
    const r = await p5([hub, `${FIXTURE}/spoke`]);
    expect(r.byModule.spoke.status).toBe("failed");
    expect(r.byModule.spoke.messages).toEqual([`missing interface endpoint kms: not in ${FIXTURE}/spoke, nor served by its hub ${hub}`]);
    expect(r.code).toBe(1);
  });

  test("ours: the generated spoke passes with its hub, cannot be verified alone, and fails with a hub that lacks sqs", async () => {
    expect((await p5(["generated/json/endpoint-hub", "generated/json/spoke-mwaa"])).byModule["spoke-mwaa"].status).toBe("passed");
    expect((await p5(["generated/hcl/endpoint-hub", "generated/hcl/spoke-mwaa"])).byModule["spoke-mwaa"].status).toBe("passed");
    expect((await p5(["generated/json/spoke-mwaa"])).byModule["spoke-mwaa"].status).toBe("unverifiable");
    const tf = JSON.parse(fs.readFileSync("generated/json/endpoint-hub/main.tf.json", "utf8"));
    delete tf.resource.aws_vpc_endpoint.endpoints_sqs;
    const hub = path.join(tmp, "endpoint-hub");
    fs.mkdirSync(hub);
    fs.writeFileSync(path.join(hub, "main.tf.json"), JSON.stringify(tf));
    const r = await p5([hub, "generated/json/spoke-mwaa"]);
    expect(r.byModule["spoke-mwaa"].messages).toEqual([
      `missing interface endpoint sqs: not in generated/json/spoke-mwaa, nor served by its hub ${hub} (recorded hub: endpoint-hub)`,
    ]);
  });
});
