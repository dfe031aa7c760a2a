import { endpointService, endpointServiceName, endpointServiceProblem, ENDPOINT_SERVICES, findEndpointService } from "../../src/aws/endpoint-services";

describe("endpoint service catalogue", () => {
  test("names are unique and sorted, so the catalogue reads as a list", () => {
    const names = ENDPOINT_SERVICES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });

  test("endpointServiceName forms com.amazonaws.<region>.<name>", () => {
    expect(endpointServiceName("eu-west-1", "ecr.dkr")).toBe("com.amazonaws.eu-west-1.ecr.dkr");
  });

  test("S3 and DynamoDB are gateway and interface; DynamoDB's interface endpoint has no private DNS", () => {
    expect(findEndpointService("s3")?.types).toEqual(["Gateway", "Interface"]);
    expect(findEndpointService("dynamodb")).toMatchObject({ types: ["Gateway", "Interface"], privateDns: false });
    expect(findEndpointService("sqs")).toMatchObject({ types: ["Interface"], privateDns: true });
    expect(findEndpointService("nope")).toBeUndefined();
    expect(() => endpointService("nope")).toThrow('endpoint service "nope" is not in the catalogue');
  });

  test.each([
    ["sqs", "Interface", "us-east-1", undefined],
    ["s3", "Gateway", "us-east-1", undefined],
    ["sqs", "Gateway", "us-east-1", 'must name a service offered as a Gateway endpoint; "sqs" is Interface only'],
    ["airflow.api-fips", "Interface", "ca-central-1", undefined],
    ["airflow.api-fips", "Interface", "eu-west-1", "names a FIPS endpoint, offered only in US and Canada Regions, not in eu-west-1"],
  ] as const)("endpointServiceProblem(%s, %s, %s)", (name, type, region, problem) => {
    expect(endpointServiceProblem(name, type, region)).toBe(problem);
  });
});
