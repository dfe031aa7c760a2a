import { planDeployment } from "../../src/plan/plan-deployments";
import { formatProblem } from "../../src/problems";
import { existingNet, mwaaDeployment, mwaaEnvironmentConfig, planOf, planProblems } from "../support/fixtures";

const OWNER = { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/network-endpoints" };

/** A shared-VPC MWAA deployment: the participant 444455556666 makes the environment in the owner's VPC. */
function shared(overrides: Record<string, unknown> = {}, env: Record<string, unknown> = {}) {
  return mwaaDeployment({
    network: undefined,
    accountId: "444455556666",
    existingNetwork: existingNet({ owner: OWNER }),
    mwaa: { ...mwaaDeployment().mwaa!, environment: mwaaEnvironmentConfig(env) },
    ...overrides,
  });
}

const problemsOf = (d: ReturnType<typeof shared>) => {
  const r = planDeployment(d);
  return "problems" in r ? r.problems.map(formatProblem) : [];
};

describe("accounts: a shared VPC", () => {
  test("the plan decides which account makes what: endpoints, the S3 gateway, CUSTOMER endpoints and preflight by the owner; the environment by the participant", () => {
    const plan = planOf(shared());
    expect(plan.providers).toEqual([
      { accountId: "444455556666", roleArn: undefined, makes: expect.stringContaining("the MWAA environment") },
      { alias: "vpc_owner", accountId: "111122223333", roleArn: OWNER.roleArn, makes: expect.stringContaining("interface endpoints") },
    ]);
    expect(plan.mwaa?.endpointsMadeBy).toBe("vpc_owner");
    expect(plan.mwaaEnvironment?.endpointManagement).toBe("CUSTOMER");
    expect(plan.mwaaEnvironment?.customerEndpointsMadeBy).toBe("vpc_owner");
    expect(new Set(plan.preflight.map((c) => c.checkedBy))).toEqual(new Set(["vpc_owner"]));
    expect(Object.keys(plan.accepted)).toEqual(["MWAA-P8"]);
  });

  test("a deployment in its own VPC has one provider, and the same plan as before (nothing made by another account)", () => {
    const plan = planOf(mwaaDeployment());
    expect(plan.providers).toEqual([{ accountId: undefined, roleArn: undefined, makes: "every resource" }]);
    expect(plan.mwaa?.endpointsMadeBy).toBeUndefined();
    expect(plan.preflight.every((c) => c.checkedBy === undefined)).toBe(true);
    expect(plan.accepted).toEqual({});
  });

  test("SERVICE endpoint management is refused in a shared VPC with the API reference's reason", () => {
    expect(problemsOf(shared({}, { endpointManagement: "SERVICE" }))).toEqual([
      '`mwaa.environment.endpointManagement` must be CUSTOMER in a shared VPC: "If you choose to create an environment in a shared VPC, you must set this value to CUSTOMER" (MWAA API Reference, CreateEnvironment, EndpointManagement, read 2026-12-01), got: "SERVICE"',
    ]);
  });

  test("every mistake in the accounts at once: no participant account, a bad owner account (its role is then not judged against it), no CIDR block", () => {
    const d = shared({
      accountId: undefined,
      mwaa: { ...mwaaDeployment().mwaa! },
      existingNetwork: existingNet({
        cidrBlock: undefined,
        owner: { accountId: "1111", roleArn: "arn:aws:iam::999999999999:role/x" },
      }),
    });
    expect(problemsOf(d)).toEqual([
      "`accountId` is required with existingNetwork.owner (a shared VPC): the participant account the module's default provider acts in",
      '`existingNetwork.owner.accountId` must be a 12-digit AWS account ID, got: "1111"',
      "`existingNetwork.cidrBlock` is required in a shared VPC: the owner's endpoint security group admits the VPC's block (a group of the participant's is not the owner's to reference)",
    ]);
  });

  test("an owner that is the participant itself, and a role in another account than the owner's, are refused", () => {
    expect(problemsOf(shared({ accountId: "111122223333" }))).toEqual([
      '`existingNetwork.owner.accountId` must differ from accountId: a VPC is shared with other accounts (without owner, the deployment uses its own VPC), got: "111122223333"',
    ]);
    expect(
      problemsOf(shared({ existingNetwork: existingNet({ owner: { ...OWNER, roleArn: "arn:aws:iam::444455556666:role/x" } }) })),
    ).toEqual([
      '`existingNetwork.owner.roleArn` must be a role in account 111122223333, the account it acts in, got: "arn:aws:iam::444455556666:role/x"',
    ]);
  });

  test("VPC Lattice in a shared VPC is refused as not supported yet, naming why", () => {
    const messages = planProblems({
      network: undefined,
      accountId: "444455556666",
      existingNetwork: { ...existingNet({ owner: OWNER }) },
      lattice: {
        resourceGateway: { name: "main-rg" },
        resourceConfigurations: [{ name: "rc-one", dnsName: "a.example.com", portRanges: ["443"] }],
      },
    });
    expect(messages).toEqual([
      "`lattice` is not supported in a shared VPC by private-routing yet (which account makes a resource gateway in shared subnets is not in the facts catalogue): use a VPC of the deployment's own account",
    ]);
  });

  test("a deployment-level roleArn must be a role in accountId", () => {
    expect(problemsOf(mwaaDeployment({ accountId: "444455556666", roleArn: "arn:aws:iam::111122223333:role/p" }))).toEqual([
      '`roleArn` must be a role in account 444455556666, the account it acts in, got: "arn:aws:iam::111122223333:role/p"',
    ]);
  });

  test("without mwaa.environment, a shared VPC warns that the owner must make the database and web server endpoints within 72 hours", () => {
    const plan = planOf(shared({ mwaa: { ...mwaaDeployment().mwaa! } }));
    expect(plan.warnings.map((w) => w.message)).toEqual([expect.stringContaining("within 72 hours")]);
  });
});
