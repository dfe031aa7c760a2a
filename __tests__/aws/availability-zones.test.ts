import { spawnSync } from "child_process";
import { AVAILABILITY_ZONE_LETTERS, PER_ACCOUNT_ZONE_NAMES } from "../../src/aws/availability-zones";
import { KNOWN_REGIONS } from "../../src/aws/regions";
import { existingNet, mwaaDeployment, net, planOf, planProblems } from "../support/fixtures";
import { MOTO_PYTHON } from "../support/moto";

describe("Availability Zone catalogue", () => {
  test("has the zones of every Region the project knows", () => {
    expect(KNOWN_REGIONS.filter((r) => AVAILABILITY_ZONE_LETTERS[r] === undefined)).toEqual([]);
    expect(PER_ACCOUNT_ZONE_NAMES.filter((r) => !KNOWN_REGIONS.includes(r))).toEqual([]);
  });

  // The catalogue's source is moto's recording of DescribeAvailabilityZones (no AWS page lists
  // names): read it from the installed moto and compare, so a transcription slip or a moto update
  // that changes a Region shows here.
  test("matches its source, moto's recorded DescribeAvailabilityZones", () => {
    const script = [
      "import json",
      "from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend as R",
      "print(json.dumps({r: ''.join(z.name[len(r):] for z in zs) for r, zs in R.zones.items()}))",
    ].join("\n");
    const r = spawnSync(MOTO_PYTHON, ["-c", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const source = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.fromEntries(KNOWN_REGIONS.map((region) => [region, source[region]]))).toEqual(AVAILABILITY_ZONE_LETTERS);
  });

  test.each([
    [
      "eu-central-1",
      ["eu-central-1a", "eu-central-1d"],
      '`network.availabilityZones[1]` must be an Availability Zone of eu-central-1: eu-central-1a, eu-central-1b, eu-central-1c (facts catalogue, src/aws/availability-zones.ts, recorded 2026-11-23; if AWS has opened this zone since, add it there), got: "eu-central-1d"',
    ],
    // ca-central-1 has a, b and d: there is no "c" (cac1-az3 is not offered).
    [
      "ca-central-1",
      ["ca-central-1a", "ca-central-1c"],
      '`network.availabilityZones[1]` must be an Availability Zone of ca-central-1: ca-central-1a, ca-central-1b, ca-central-1d (facts catalogue, src/aws/availability-zones.ts, recorded 2026-11-23; if AWS has opened this zone since, add it there), got: "ca-central-1c"',
    ],
    [
      "eu-central-1",
      ["eu-central-1a", "euc1-az2"],
      '`network.availabilityZones[1]` must be an Availability Zone of the deployment\'s Region eu-central-1 (eu-central-1a, eu-central-1b, eu-central-1c), got: "euc1-az2"',
    ],
  ])("an unknown zone in %s is an error naming the Region's zones: %j", (region, availabilityZones, message) => {
    expect(planProblems({ region, network: { cidrBlock: "10.0.0.0/16", availabilityZones } })).toEqual([message]);
  });

  test("the same rule for an existing VPC's subnets", () => {
    const existingNetwork = existingNet({
      privateSubnets: [
        { subnetId: "subnet-0a1b2c3d4e5f67890", availabilityZone: "eu-west-3a" },
        { subnetId: "subnet-0b1c2d3e4f5a67891", availabilityZone: "eu-west-3e" },
      ],
    });
    expect(planProblems({ region: "eu-west-3", network: undefined, existingNetwork })).toEqual([
      '`existingNetwork.privateSubnets[1].availabilityZone` must be an Availability Zone of eu-west-3: eu-west-3a, eu-west-3b, eu-west-3c (facts catalogue, src/aws/availability-zones.ts, recorded 2026-11-23; if AWS has opened this zone since, add it there), got: "eu-west-3e"',
    ]);
  });

  test.each([
    ["us-west-1", "us-west-1c", "network.availabilityZones[1]", "us-west-1a, us-west-1b"],
    ["ap-northeast-1", "ap-northeast-1b", "network.availabilityZones[1]", "ap-northeast-1a, ap-northeast-1c, ap-northeast-1d"],
  ])("in %s, where names are mapped per account, %s is a warning, not an error", (region, az, path, known) => {
    const plan = planOf(mwaaDeployment({ region, network: net({ availabilityZones: [`${region}a`, az] }) }));
    expect(plan.warnings.filter((w) => w.path.startsWith("network."))).toEqual([
      {
        deployment: "test-mwaa",
        path,
        message: `${az} is not among the zones the facts catalogue records for ${region} (${known}); zone names there are mapped per account, so it may exist in yours: preflight_availability_zones checks it at terraform plan`,
      },
    ]);
  });

  test("a zone the catalogue records gives no warning", () => {
    const plan = planOf(mwaaDeployment({ region: "us-west-1", network: net({ availabilityZones: ["us-west-1a", "us-west-1b"] }) }));
    expect(plan.warnings.filter((w) => w.path.startsWith("network."))).toEqual([]);
  });
});

describe("App Runner Regions", () => {
  const apprunner = { connectorName: "conn", awsServices: [] };
  test.each(["eu-north-1", "ca-central-1", "us-west-1"])("App Runner in %s, where it is not offered, is an error", (region) => {
    const zones = AVAILABILITY_ZONE_LETTERS[region].slice(0, 2);
    const problems = planProblems({
      region,
      network: { cidrBlock: "10.0.0.0/16", availabilityZones: [...zones].map((l) => `${region}${l}`) },
      apprunner,
    });
    expect(problems).toEqual([
      `\`region\` must be a Region where AWS App Runner is offered (us-east-2, us-east-1, us-west-2, ap-south-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, eu-central-1, eu-west-1, eu-west-2, eu-west-3; General Reference, App Runner endpoints, read 2026-11-23) for the apprunner block, got: "${region}"`,
    ]);
  });

  test("eu-west-3, the last Region of the table, is accepted", () => {
    expect(
      planProblems({
        region: "eu-west-3",
        network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["eu-west-3a", "eu-west-3b"] },
        apprunner,
      }),
    ).toEqual([]);
  });
});
