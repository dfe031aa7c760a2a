import type { DeploymentConfig } from "../config/schema";
import { Problem } from "../problems";
import type { ProviderPlan } from "./types";

/**
 * Which accounts a deployment acts in, and which makes what. One root module per deployment, one
 * AWS provider per account (`assume_role` for the other accounts): a shared VPC's order
 * (owner's endpoints → participant's environment → owner's database and web server endpoints from
 * the service names the environment reports) is then one Terraform graph and one apply, with no
 * hand-off of values between pipelines inside MWAA's 72 hours. docs/accounts.md says why, and how
 * to run it with a landing zone's credentials.
 */

/** An IAM role ARN; the account is the fifth field. IAM User Guide, "IAM identifiers" (read 2026-12-01). */
const ROLE_ARN_RE = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const ACCOUNT_ID_RE = /^\d{12}$/;

/** Facts this file relies on; each is in docs/aws-facts.md with the same source and date. */
export const SHARED_VPC_FACTS = {
  /**
   * MWAA API Reference, CreateEnvironment, EndpointManagement
   * (https://docs.aws.amazon.com/mwaa/latest/API/API_CreateEnvironment.html, read 2026-12-01).
   */
  customerRequired:
    'must be CUSTOMER in a shared VPC: "If you choose to create an environment in a shared VPC, you must set this value to CUSTOMER" (MWAA API Reference, CreateEnvironment, EndpointManagement, read 2026-12-01)',
} as const;

/** Problems with the accounts a deployment names; paths relative to the deployment. */
export function checkAccounts(d: DeploymentConfig): Problem[] {
  const problems: Problem[] = [];
  const owner = d.existingNetwork?.owner;
  if (d.roleArn !== undefined) problems.push(...roleArnProblems("roleArn", d.roleArn, d.accountId));
  if (!owner) return problems;
  if (d.accountId === undefined) {
    problems.push({
      path: "accountId",
      value: undefined,
      rule: "is required with existingNetwork.owner (a shared VPC): the participant account the module's default provider acts in",
    });
  }
  if (!ACCOUNT_ID_RE.test(owner.accountId)) {
    problems.push({ path: "existingNetwork.owner.accountId", value: owner.accountId, rule: "must be a 12-digit AWS account ID" });
  } else if (owner.accountId === d.accountId) {
    problems.push({
      path: "existingNetwork.owner.accountId",
      value: owner.accountId,
      rule: "must differ from accountId: a VPC is shared with other accounts (without owner, the deployment uses its own VPC)",
    });
  }
  problems.push(...roleArnProblems("existingNetwork.owner.roleArn", owner.roleArn, owner.accountId));
  if (d.existingNetwork?.cidrBlock === undefined) {
    problems.push({
      path: "existingNetwork.cidrBlock",
      value: undefined,
      rule: "is required in a shared VPC: the owner's endpoint security group admits the VPC's block (a group of the participant's is not the owner's to reference)",
    });
  }
  const env = d.mwaa?.environment;
  if (env?.endpointManagement === "SERVICE") {
    problems.push({ path: "mwaa.environment.endpointManagement", value: "SERVICE", rule: SHARED_VPC_FACTS.customerRequired });
  }
  for (const feature of ["lattice", "eventBridge", "stepFunctions"] as const) {
    if (d[feature] !== undefined)
      problems.push({
        path: feature,
        value: undefined,
        rule: "is not supported in a shared VPC by private-routing yet (which account makes a resource gateway in shared subnets is not in the facts catalogue): use a VPC of the deployment's own account",
      });
  }
  return problems;
}

/** An IAM role ARN's problems, and that it is a role of `accountId` (the account its provider acts in). */
export function roleArnProblems(path: string, arn: string, accountId: string | undefined): Problem[] {
  const m = ROLE_ARN_RE.exec(arn);
  if (!m) return [{ path, value: arn, rule: "must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>" }];
  if (accountId !== undefined && ACCOUNT_ID_RE.test(accountId) && m[1] !== accountId)
    return [{ path, value: arn, rule: `must be a role in account ${accountId}, the account it acts in` }];
  return [];
}

/** The module's providers: the default one first, then the shared VPC owner's. Call after checkAccounts found nothing. */
export function planProviders(d: DeploymentConfig): ProviderPlan[] {
  const owner = d.existingNetwork?.owner;
  const participant: ProviderPlan = {
    accountId: d.accountId,
    roleArn: d.roleArn,
    makes: owner
      ? "everything but the VPC endpoints: the security groups of the workloads, the MWAA environment with its role, bucket and key, App Runner"
      : "every resource",
  };
  if (!owner) return [participant];
  // Participants cannot create VPC endpoints in a shared VPC; owners make "gateway endpoints,
  // interface endpoints, Route 53 Resolver endpoints" (VPC User Guide, "Responsibilities and
  // permissions for owners and participants", read 2026-12-01; re:Post "vpc-interface-endpoint-
  // creation-errors": "This operation does not support shared VPCs").
  return [
    participant,
    {
      alias: "vpc_owner",
      accountId: owner.accountId,
      roleArn: owner.roleArn,
      makes:
        "what only the VPC owner may make: the interface endpoints and their security group, the S3 gateway endpoint, the MWAA database and web server endpoints",
    },
  ];
}
