import { credentialIn } from "../aws/credential-shapes";
import { checkValue } from "../aws/value-rules";
import type { AppRunnerConfig, AppRunnerServiceConfig } from "../config/schema";
import { Problem } from "../problems";
import { terraformNamePart } from "../terraform-names";
import { awsIdProblems, cidrProblems, portProblems, uniqueProblems } from "./checks/shared";
import { cidrRouteWarning, destinationGroupProblems } from "./reachability";
import type { AppRunnerPlan, NetworkFacts, Warning } from "./types";

const SECRET_ARN_RE = /^arn:aws:(secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|ssm:[a-z0-9-]+:\d{12}:parameter\/.+)$/;
const ECR_IMAGE_RE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/.+$/;
const ECR_PUBLIC_IMAGE_RE = /^public\.ecr\.aws\/.+$/;

/** Problems with one service; paths relative to `apprunner.services[i]`. */
export function checkAppRunnerService(p: AppRunnerServiceConfig): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, rule: string) => problems.push({ path, value, rule });
  // The name is also the VPC ingress connection's name (same rule) and, cut to 32, the auto scaling configuration's.
  problems.push(...checkValue("name", p.name, "apprunner.service-name"));
  const img = p.image;
  if (img.repositoryType === "ECR" && !ECR_IMAGE_RE.test(img.identifier))
    add("image.identifier", img.identifier, "must be an ECR image: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>");
  if (img.repositoryType === "ECR_PUBLIC" && !ECR_PUBLIC_IMAGE_RE.test(img.identifier))
    add("image.identifier", img.identifier, "must be an ECR Public image: public.ecr.aws/<alias>/<repository>:<tag>");
  problems.push(...portProblems("image.port", img.port));
  for (const [k, v] of Object.entries(p.secrets ?? {})) {
    // Not echoed: a value here is most likely the secret itself.
    if (!SECRET_ARN_RE.test(v))
      add(
        `secrets.${k}`,
        "(hidden)",
        "must be the ARN of a Secrets Manager secret or an SSM parameter, never a value (secrets do not go into generated files)",
      );
  }
  for (const [k, v] of Object.entries(p.environment ?? {})) {
    if (p.secrets && k in p.secrets) add(`environment.${k}`, "(hidden)", "is also in secrets: give it once");
    // A key is written as much as its value (the path that names it is redacted when printed).
    const credential = credentialIn(v) ?? credentialIn(k);
    // The planner's scan of every free-text field (checks/secrets.ts) leaves this map to this check,
    // which the construct runs too (a library user's props).
    if (/(^|_)(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIALS?)$/i.test(k) || credential)
      add(
        `environment.${k}`,
        "(hidden)",
        `${credential ? `carries ${credential}` : "looks like a secret"}: put it in Secrets Manager or SSM and its ARN under secrets instead, so no value lands in generated files`,
      );
  }
  const hc = p.healthCheck;
  if (hc?.path !== undefined && hc.protocol !== "HTTP") add("healthCheck.path", hc.path, "is only used with protocol HTTP");
  const as = p.autoScaling;
  if (as) {
    if (!Number.isInteger(as.minSize) || as.minSize < 1 || as.minSize > 25)
      add("autoScaling.minSize", as.minSize, "must be a whole number from 1 to 25");
    if (!Number.isInteger(as.maxSize) || as.maxSize < as.minSize || as.maxSize > 25)
      add("autoScaling.maxSize", as.maxSize, "must be a whole number from minSize to 25");
    if (!Number.isInteger(as.maxConcurrency) || as.maxConcurrency < 1 || as.maxConcurrency > 200)
      add("autoScaling.maxConcurrency", as.maxConcurrency, "must be a whole number from 1 to 200");
  }
  return problems;
}

/** The AZs the connector uses: the network's, minus those App Runner does not support (APR-5). */
function connectorAzs(a: AppRunnerConfig, net: NetworkFacts): string[] {
  return net.availabilityZones.filter((az) => !a.excludeAvailabilityZones.includes(az));
}

/** Problems with the `apprunner` block; paths relative to it. */
export function checkAppRunner(a: AppRunnerConfig, net: NetworkFacts): Problem[] {
  const problems: Problem[] = [];
  problems.push(...checkValue("connectorName", a.connectorName, "apprunner.vpc-connector-name"));
  if (net.subnetIpAddressType === "ipv6") {
    problems.push({
      path: "connectorName",
      value: a.connectorName,
      rule: "needs IPv4 subnets: App Runner's outgoing traffic is IPv4 only and IPv6-only subnets are rejected (APR-3)",
    });
  }
  a.excludeAvailabilityZones.forEach((az, i) => {
    if (!net.availabilityZones.includes(az))
      problems.push({
        path: `excludeAvailabilityZones[${i}]`,
        value: az,
        rule: `must be one of the network's Availability Zones (${net.availabilityZones.join(", ")})`,
      });
  });
  // The connector only ever uses the private subnets, so APR-2 (no public subnet) holds by construction.
  const azs = connectorAzs(a, net);
  if (azs.length < 2)
    problems.push({
      path: "excludeAvailabilityZones",
      value: a.excludeAvailabilityZones,
      rule: `must leave the connector at least 2 Availability Zones (APR-1), ${azs.length} left`,
    });
  const groups = a.securityGroupIds ?? [];
  if (a.securityGroupIds !== undefined && (groups.length < 1 || groups.length > 5))
    problems.push({ path: "securityGroupIds", value: groups, rule: "must name 1 to 5 security groups" });
  groups.forEach((g, i) => problems.push(...awsIdProblems(`securityGroupIds[${i}]`, g, "sg")));
  if (a.securityGroupIds !== undefined && a.egress.length > 0) {
    problems.push({
      path: "egress",
      value: a.egress,
      rule: "must be left out with securityGroupIds: the rules go on the connector's own group, which is not created",
    });
  }
  a.egress.forEach((e, i) => {
    const at = `egress[${i}]`;
    problems.push(...checkValue(`${at}.description`, e.description, "ec2.security-group-rule-description"));
    if ((e.cidr === undefined) === (e.securityGroupId === undefined))
      problems.push({ path: at, value: e, rule: "must give exactly one of cidr and securityGroupId" });
    problems.push(...cidrProblems(`${at}.cidr`, e.cidr));
    if (e.securityGroupId !== undefined)
      problems.push(...destinationGroupProblems(`${at}.securityGroupId`, e.securityGroupId, net, "reached"));
    problems.push(...portProblems(`${at}.port`, e.port));
  });
  a.services.forEach((svc, i) => problems.push(...checkAppRunnerService(svc).map((p) => ({ ...p, path: `services[${i}].${p.path}` }))));
  // Names that map to one Terraform address (apprunner_orders_api), by ReadableStack's own rule.
  problems.push(
    ...uniqueProblems(
      a.services,
      (s) => terraformNamePart(s.name),
      "services",
      "name",
      "names that differ only in - or _ give the same Terraform address",
    ),
  );
  if (a.services.some((s) => s.private) && net.vpcCidrBlock === undefined) {
    problems.push({
      path: "services",
      value: a.services.filter((s) => s.private).map((s) => s.name),
      rule: "private services need the VPC's IPv4 block (existingNetwork.cidrBlock): their requests endpoint admits HTTPS from it (APR-8)",
    });
  }
  return problems;
}

export interface AppRunnerContext {
  readonly deployment: string;
  /** Interface endpoints in the VPC (MWAA's and the PrivateLink feature's). */
  readonly interfaceEndpointCount: number;
  /** Interface endpoints of the PrivateLink feature only (the connector's 443 rule is for them). */
  readonly privateLinkInterfaces: number;
  readonly gatewayEndpoints: readonly string[];
}

/** The connector, requests endpoint and services, resolved; with the advice for them. Checked input only. */
export function planAppRunner(a: AppRunnerConfig, net: NetworkFacts, ctx: AppRunnerContext): { plan: AppRunnerPlan; warnings: Warning[] } {
  const warnings: Warning[] = [];
  a.egress.forEach((e, i) => {
    const w =
      e.cidr &&
      cidrRouteWarning(ctx.deployment, `apprunner.egress[${i}].cidr`, e.cidr, net, `App Runner destination "${e.description ?? e.cidr}"`);
    if (w) warnings.push(w);
  });
  if (net.routing === "private" && a.awsServices.length === 0 && ctx.interfaceEndpointCount === 0) {
    warnings.push({
      deployment: ctx.deployment,
      path: "apprunner.awsServices",
      message: `App Runner services in ${ctx.deployment} have no route out of the VPC and no VPC endpoints: they cannot call any AWS API (APR-4); list them under apprunner.awsServices`,
    });
  }
  const azs = connectorAzs(a, net);
  if (azs.length < 3) {
    warnings.push({
      deployment: ctx.deployment,
      path: "apprunner.excludeAvailabilityZones",
      message: `the App Runner connector ${a.connectorName} uses ${azs.length} Availability Zones; AWS recommends three for high availability (APR-1)`,
    });
  }
  return {
    warnings,
    plan: {
      connector: {
        name: a.connectorName,
        namePrefix: ctx.deployment,
        availabilityZones: azs,
        securityGroupIds: a.securityGroupIds,
        egress: a.egress,
        reachInterfaceEndpoints: ctx.privateLinkInterfaces > 0,
        gatewayEndpoints: ctx.gatewayEndpoints,
      },
      requestsEndpoint: a.services.some((s) => s.private) ? { namePrefix: ctx.deployment, availabilityZones: azs } : undefined,
      services: a.services,
    },
  };
}
