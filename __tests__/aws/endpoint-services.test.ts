import {
  cataloguedName,
  endpointServiceName,
  endpointServiceProblem,
  ENDPOINT_SERVICES,
  findEndpointService,
  gatewayServiceName,
} from "../../src/aws/endpoint-services";
import type { EndpointServiceName, GatewayServiceName } from "../../src/aws/endpoint-services";

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
    expect(() => cataloguedName("nope")).toThrow('endpoint service "nope" is not in the catalogue');
    expect(() => gatewayServiceName("sqs")).toThrow('endpoint service "sqs" is not offered as a gateway endpoint');
  });

  test("the service names are a type: a name outside the catalogue, or an interface-only service as a gateway, does not compile", () => {
    // Checked by `tsc --noEmit` (npm test): each @ts-expect-error fails the type-check if the line compiles.
    // @ts-expect-error not in the catalogue
    const unknown: EndpointServiceName = "sqs.fifo";
    // @ts-expect-error sqs is offered as an interface endpoint only
    const interfaceOnly: GatewayServiceName = "sqs";
    const gateways: GatewayServiceName[] = ["s3", "dynamodb"];
    expect([unknown, interfaceOnly, ...gateways]).toHaveLength(4);
    expect(ENDPOINT_SERVICES.filter((s) => s.types.includes("Gateway")).map((s) => s.name)).toEqual(["dynamodb", "s3"]);
  });

  test.each([
    ["sqs", "Interface", "us-east-1", undefined],
    ["s3", "Gateway", "us-east-1", undefined],
    ["sqs", "Gateway", "us-east-1", 'must name a service offered as a Gateway endpoint; "sqs" is Interface only'],
    ["airflow-fips.api", "Interface", "ca-central-1", undefined],
    ["airflow-fips.api", "Interface", "eu-west-1", "names a FIPS endpoint, offered only in US and Canada Regions, not in eu-west-1"],
  ] as const)("endpointServiceProblem(%s, %s, %s)", (name, type, region, problem) => {
    expect(endpointServiceProblem(name, type, region)).toBe(problem);
  });
});
