import { configSchema } from "../../src/config/schema";
import { planDeployments } from "../../src/plan/plan-deployments";
import { formatProblem } from "../../src/problems";
import { existingNet } from "../support/fixtures";

const HUB_SERVICES = ["sqs", "logs", "monitoring", "kms", "ecr.api", "ecr.dkr", "airflow.api", "airflow.env", "airflow.ops"];

function hubConfig(
  overrides: { hub?: Record<string, unknown>; mwaaSpoke?: Record<string, unknown>; appsSpoke?: Record<string, unknown> } = {},
) {
  return configSchema.parse({
    deployments: [
      {
        name: "hub",
        region: "us-east-1",
        accountId: "111122223333",
        network: { cidrBlock: "10.0.0.0/20", availabilityZones: ["us-east-1a", "us-east-1b"] },
        hub: { services: HUB_SERVICES },
        ...overrides.hub,
      },
      {
        name: "spoke-mwaa",
        region: "us-east-1",
        accountId: "111122223333",
        network: { cidrBlock: "10.1.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
        endpointsFrom: { hub: "hub" },
        mwaa: { environmentName: "env", sourceBucketName: "env-dags" },
        ...overrides.mwaaSpoke,
      },
      {
        name: "spoke-apps",
        region: "us-east-1",
        accountId: "444455556666",
        network: { cidrBlock: "10.2.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] },
        endpointsFrom: { hub: "hub", roleArn: "arn:aws:iam::111122223333:role/hub-spokes" },
        endpoints: { services: ["s3"] },
        ...overrides.appsSpoke,
      },
    ],
  });
}

const plansOf = (c: ReturnType<typeof hubConfig>) => {
  const r = planDeployments(c);
  if (r.problems) throw new Error(r.problems.map(formatProblem).join("\n"));
  return Object.fromEntries(r.plans.map((p) => [p.name, p]));
};
const problemsOf = (c: ReturnType<typeof hubConfig>) => (planDeployments(c).problems ?? []).map(formatProblem);

describe("a central endpoint hub and its spokes", () => {
  test("the hub: endpoints with private DNS off, a zone per service (a wildcard for ecr.dkr), both spokes admitted and routed, the TGW shared with the other account", () => {
    const { hub } = plansOf(hubConfig());
    const interfaces = hub.endpoints!.endpoints.filter((e) => e.type === "Interface");
    expect(interfaces.map((e) => e.name)).toEqual(HUB_SERVICES.map((s) => s.replace(".", "_")));
    expect(interfaces.every((e) => e.type === "Interface" && e.privateDns === false)).toBe(true);
    expect(hub.endpoints!.admitCidrs).toEqual([
      { label: "spoke_mwaa", cidr: "10.1.0.0/16" },
      { label: "spoke_apps", cidr: "10.2.0.0/16" },
    ]);
    expect(hub.hub!.zones.find((z) => z.service === "ecr.dkr")).toEqual({
      service: "ecr.dkr",
      endpointName: "ecr_dkr",
      zoneName: "dkr.ecr.us-east-1.amazonaws.com",
      recordName: "*",
      tagName: "hub-ecr_dkr",
    });
    expect(hub.hub!.zones.find((z) => z.service === "airflow.env")?.zoneName).toBe("env.airflow.us-east-1.amazonaws.com");
    expect(hub.hub!.shareWithAccounts).toEqual(["444455556666"]);
    // The zone names are asked of the account at plan.
    expect(hub.preflight.filter((c) => c.kind === "endpoint-private-dns").map((c) => "privateDnsName" in c && c.privateDnsName)).toContain(
      "*.dkr.ecr.us-east-1.amazonaws.com",
    );
  });

  test("a same-account spoke: no interface endpoint for what the hub serves, the S3 gateway its own, no hub provider", () => {
    const { "spoke-mwaa": spoke } = plansOf(hubConfig());
    expect(spoke.mwaa!.interfaceServices).toEqual([]);
    expect(spoke.mwaa!.s3GatewayEndpoint).toBe(true);
    expect(spoke.spoke).toMatchObject({ hub: "hub", hubCidrBlock: "10.0.0.0/20", crossAccount: false });
    expect(spoke.spoke!.hubMadeBy).toBeUndefined();
    expect(spoke.providers).toHaveLength(1);
  });

  test("a spoke in another account: the hub's provider assumes the role in the hub's account, the associations are authorized there", () => {
    const { "spoke-apps": spoke } = plansOf(hubConfig());
    expect(spoke.spoke).toMatchObject({ hubMadeBy: "hub", crossAccount: true });
    expect(spoke.providers[1]).toMatchObject({
      alias: "hub",
      accountId: "111122223333",
      roleArn: "arn:aws:iam::111122223333:role/hub-spokes",
    });
  });

  test("a hub that lacks a service MWAA needs is refused at the spoke, naming the hub's field", () => {
    expect(problemsOf(hubConfig({ hub: { hub: { services: HUB_SERVICES.filter((s) => s !== "kms") } } }))).toEqual([
      '`deployments[1].endpointsFrom.hub` does not serve kms, which MWAA needs without internet access (MWAA-P5): add them to deployments[0].hub.services (hub), got: "hub"',
    ]);
  });

  test("every refusal at once: a gateway service and one without private DNS in the hub, a spoke overlapping the hub, no role for another account, a service made twice", () => {
    const problems = problemsOf(
      hubConfig({
        hub: { hub: { services: [...HUB_SERVICES, "s3", "apprunner.requests"] } },
        mwaaSpoke: { network: { cidrBlock: "10.0.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] } },
        appsSpoke: { endpointsFrom: { hub: "hub" }, endpoints: { services: ["sqs"] } },
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^`deployments\[0\]\.hub\.services\[9\]` is a gateway endpoint service/),
      expect.stringMatching(/^`deployments\[0\]\.hub\.services\[10\]` has no private DNS name/),
      expect.stringMatching(/^`deployments\[1\]\.network\.cidrBlock` must not overlap the hub's 10\.0\.0\.0\/20 \(hub\)/),
      expect.stringMatching(/^`deployments\[2\]\.endpointsFrom\.roleArn` is required when the hub is in another account \(111122223333\)/),
      expect.stringMatching(/^`deployments\[2\]\.endpoints\.services\[0\]` is served by the hub hub/),
    ]);
  });

  test("a spoke naming no hub, or a deployment without a hub block; a hub with a workload", () => {
    const problems = problemsOf(
      hubConfig({
        hub: { mwaa: { environmentName: "x", sourceBucketName: "x-dags" } },
        mwaaSpoke: { endpointsFrom: { hub: "nowhere" } },
        appsSpoke: { endpointsFrom: { hub: "spoke-mwaa" } },
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^`deployments\[0\]\.mwaa` is not allowed in a hub/),
      expect.stringMatching(/^`deployments\[0\]\.hub` has no spokes/),
      expect.stringMatching(
        /^`deployments\[1\]\.endpointsFrom\.hub` must name a deployment of this configuration that has a hub block, got: "nowhere"/,
      ),
      expect.stringMatching(/^`deployments\[2\]\.endpointsFrom\.hub` names spoke-mwaa, which has no hub block/),
    ]);
  });
  describe("a given Transit Gateway (hub.transitGatewayId, a landing zone's)", () => {
    const given = { services: HUB_SERVICES, transitGatewayId: "tgw-0a1b2c3d4e5f60718" };

    test("the hub uses it (its ARN, in the hub's account, for the share with the other account's spoke) and asks the account at plan about its defaults", () => {
      const { hub } = plansOf(hubConfig({ hub: { hub: given } }));
      expect(hub.hub!.givenTransitGateway).toEqual({
        id: "tgw-0a1b2c3d4e5f60718",
        accountId: "111122223333",
        arn: "arn:aws:ec2:us-east-1:111122223333:transit-gateway/tgw-0a1b2c3d4e5f60718",
      });
      expect(hub.preflight.filter((c) => c.kind === "transit-gateway")).toEqual([
        {
          kind: "transit-gateway",
          transitGatewayId: "tgw-0a1b2c3d4e5f60718",
          ownerAccountId: "111122223333",
          autoAccept: true,
          configPath: "hub.transitGatewayId",
        },
      ]);
    });

    test("every spoke attaches to it by ID", () => {
      const plans = plansOf(hubConfig({ hub: { hub: given } }));
      expect(plans["spoke-mwaa"].spoke!.transitGatewayId).toBe("tgw-0a1b2c3d4e5f60718");
      expect(plans["spoke-apps"].spoke!.transitGatewayId).toBe("tgw-0a1b2c3d4e5f60718");
    });

    test("spokes of one account only: no share, so no ARN, and no automatic acceptance asked for", () => {
      const plans = plansOf(
        hubConfig({
          hub: { hub: given },
          appsSpoke: { accountId: "111122223333", endpointsFrom: { hub: "hub" } },
        }),
      );
      expect(plans.hub.hub!.givenTransitGateway).toEqual({ id: "tgw-0a1b2c3d4e5f60718", accountId: "111122223333" });
      expect(plans.hub.preflight.find((c) => c.kind === "transit-gateway")).toMatchObject({ autoAccept: false });
    });

    test("an ID that is not a Transit Gateway's is refused", () => {
      expect(problemsOf(hubConfig({ hub: { hub: { ...given, transitGatewayId: "vpc-0a1b2c3d" } } }))).toEqual([
        '`deployments[0].hub.transitGatewayId` must be a Transit Gateway ID (tgw- and 8 or 17 hex digits), got: "vpc-0a1b2c3d"',
      ]);
    });
  });
  describe("the zones in a Route 53 Profile (hub.dns: profile)", () => {
    test("the hub names its Profile; each spoke associates it instead of each zone", () => {
      const plans = plansOf(hubConfig({ hub: { hub: { services: HUB_SERVICES, dns: "profile" } } }));
      expect(plans.hub.hub!.profile).toEqual({ name: "hub-endpoints" });
      expect(plans["spoke-mwaa"].spoke!.profile).toEqual({ name: "hub-endpoints" });
      expect(plans["spoke-apps"].spoke!.profile).toEqual({ name: "hub-endpoints" });
      expect(plansOf(hubConfig()).hub.hub!.profile).toBeUndefined();
    });

    test("a spoke in an existing VPC is warned that a VPC can have only one Profile", () => {
      const plans = plansOf(
        hubConfig({
          hub: { hub: { services: HUB_SERVICES, dns: "profile" } },
          appsSpoke: {
            network: undefined,
            existingNetwork: existingNet({ cidrBlock: "10.2.0.0/16" }),
          },
        }),
      );
      expect(plans["spoke-apps"].warnings).toEqual([
        {
          deployment: "spoke-apps",
          path: "endpointsFrom.hub",
          message:
            "the hub hub shares its zones through a Route 53 Profile, and a VPC can have only one Profile (Route 53 API Reference, AssociateProfile): if vpc-0a1b2c3d4e5f67890 already has one, the association fails at apply; disassociate it, or put the zones in that Profile instead",
        },
      ]);
    });
  });
});
