import { Vpc } from "../../src/cdk/aws";
import { Construct, Testing } from "../../src/cdk/cdktf";
import { ReadableStack } from "../../src/constructs/readable-names";

describe("ReadableStack", () => {
  test("addresses are the construct path in snake_case, without Default or hash suffixes", () => {
    const stack = new ReadableStack(Testing.app(), "s");
    const outer = new Construct(stack, "network");
    new Vpc(outer, "Default", { cidrBlock: "10.0.0.0/16" });
    new Vpc(new Construct(outer, "peer-us-east-1a"), "Default", { cidrBlock: "10.1.0.0/16" });
    expect(Object.keys(JSON.parse(Testing.synth(stack)).resource.aws_vpc)).toEqual(["network", "network_peer_us_east_1a"]);
  });

  test("two constructs that map to one address are an error, not a silent merge", () => {
    const stack = new ReadableStack(Testing.app(), "s");
    new Vpc(stack, "a-b", { cidrBlock: "10.0.0.0/16" });
    new Vpc(stack, "a_b", { cidrBlock: "10.1.0.0/16" });
    expect(() => Testing.synth(stack)).toThrow('Terraform address collision: "s/a_b" and "s/a-b" both map to aws_vpc.a_b');
  });
});

describe("ReadableStack grouping scopes", () => {
  test("a path component starting with _ is left out of the address", () => {
    const stack = new ReadableStack(Testing.app(), "s");
    const network = new Construct(stack, "network");
    new Vpc(new Construct(network, "_group"), "inner", { cidrBlock: "10.0.0.0/16" });
    expect(Object.keys(JSON.parse(Testing.synth(stack)).resource.aws_vpc)).toEqual(["network_inner"]);
  });
});
