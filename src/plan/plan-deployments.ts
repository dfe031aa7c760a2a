import { executionRoleName } from "../aws/mwaa";
import { appRunnerRegionRule } from "../aws/apprunner";
import { availabilityZoneWarning } from "../aws/availability-zones";
import { latticeRegionWarning } from "../aws/lattice";
import { cataloguedName, isGatewayServiceName } from "../aws/endpoint-services";
import { AIRFLOW_OPS_OFFERED, airflowOpsOffered, mwaaEndpointServices, mwaaInterfaceServices, secretsManagerPrefixes } from "../aws/mwaa";
import type { DeploymentConfig, DeploymentsConfig } from "../config/schema";
import { checkSubnetLayout, subnetIpAddressTypeOf } from "../net/subnet-layout";
import { Problem, under } from "../problems";
import { checkAppRunner, planAppRunner } from "./apprunner";
import { checkBackend } from "./checks/backend";
import { checkMwaaEnvironment, checkMwaaNetwork, mwaaEnvironmentWarnings, type PreviousEnvironment, resolvedCounts } from "./checks/mwaa";
import { checkExistingNetwork, checkExtraRoutes, specialRangeWarnings } from "./checks/network";
import { uniqueProblems } from "./checks/shared";
import { checkEndpoints, endpointRequests, resolveEndpoints } from "./endpoints";
import { checkLattice, gatewayInboundRuleAddress, latticeArnRegionWarnings, planLattice } from "./lattice";
import { kmsKeyRegionWarnings } from "./kms-key-regions";
import { planPreflight } from "./preflight";
import { secretProblems } from "./checks/secrets";
import { requirementsFindings } from "./checks/mwaa-requirements";
import { checkAccounts, planProviders } from "./accounts";
import { checkHub, checkSpoke, hubProvider, hubServiceUsable, hubServices, hubsOf, planHub, planSpoke, spokeWarnings } from "./hub";
import type { Hubs } from "./hub";
import { cidrRouteWarning } from "./reachability";
import type { DeploymentPlan, LocalFiles, NetworkFacts, NetworkPlan, Warning } from "./types";
import { mwaaUploads } from "./checks/mwaa";

export type PlanResult =
  | { readonly plans: readonly DeploymentPlan[]; readonly problems?: undefined }
  | { readonly problems: readonly Problem[]; readonly plans?: undefined };

/**
 * One pass over a configuration the schema accepted: every rule of every deployment, all problems
 * at once with configuration paths, or else one fully resolved plan per deployment. Pure: no
 * cdktf, no file system, no clock.
 */
/**
 * @param previous what the modules last generated say, by deployment name (src/synth/previous.ts):
 *   the planner refuses what would replace an applied resource (a major Airflow upgrade).
 */
export function planDeployments(
  config: DeploymentsConfig,
  files: LocalFiles = new Map(),
  previous: ReadonlyMap<string, PreviousEnvironment> = new Map(),
): PlanResult {
  const problems: Problem[] = [...uniqueProblems(config.deployments, (d) => d.name, "deployments", "name"), ...globalNameProblems(config)];
  const plans: DeploymentPlan[] = [];
  const hubs = hubsOf(config);
  config.deployments.forEach((d, i) => {
    const result = planDeployment(d, files, { config, hubs, previous: previous.get(d.name) });
    if ("problems" in result) problems.push(...under(`deployments[${i}]`, result.problems));
    else plans.push(result.plan);
  });
  return problems.length > 0 ? { problems } : { plans };
}

/**
 * The network as features see it, and its own problems. Features are checked against the network
 * as written even when it has problems, so one run reports the features' mistakes too.
 */
function networkOf(d: DeploymentConfig, hubs: Hubs): { facts?: NetworkFacts; plan?: NetworkPlan; problems: Problem[] } {
  const net = networkAlone(d);
  const served = hubServices(d, hubs);
  if (!net.facts || served.length === 0) return net;
  // A spoke makes no endpoint for what its hub serves: the hub's zones answer those names here.
  return {
    ...net,
    facts: {
      ...net.facts,
      providedEndpoints: [...new Set([...net.facts.providedEndpoints, ...served])],
      hub: { name: d.endpointsFrom!.hub, services: served },
    },
  };
}

function networkAlone(d: DeploymentConfig): { facts?: NetworkFacts; plan?: NetworkPlan; problems: Problem[] } {
  if ((d.network === undefined) === (d.existingNetwork === undefined)) {
    return {
      problems: [
        {
          path: "",
          value: Object.keys(d).filter((k) => k.toLowerCase().includes("network")),
          rule: "must have exactly one of network (a new VPC) and existingNetwork",
        },
      ],
    };
  }
  if (d.network) {
    const n = d.network;
    return {
      problems: under("network", [...checkSubnetLayout({ region: d.region, ...n }), ...checkExtraRoutes(n.extraRoutes, n.cidrBlock)]),
      facts: {
        region: d.region,
        routing: n.routing,
        subnetIpAddressType: subnetIpAddressTypeOf(n.ipv6),
        availabilityZones: n.availabilityZones,
        vpcCidrBlock: n.cidrBlock,
        newVpc: true,
        routedCidrs: n.extraRoutes.map((r) => r.destinationCidr),
        providedEndpoints: [],
      },
      plan: { kind: "new", vpc: { ...n, region: d.region, namePrefix: d.name } },
    };
  }
  const e = d.existingNetwork!;
  return {
    problems: under("existingNetwork", checkExistingNetwork(e, d.region)),
    // An existing VPC is taken to have no internet access (MWAA-G3) and IPv4 subnets.
    facts: {
      region: d.region,
      routing: "private",
      subnetIpAddressType: "ipv4",
      availabilityZones: e.privateSubnets.map((s) => s.availabilityZone),
      vpcCidrBlock: e.cidrBlock,
      newVpc: false,
      routedCidrs: [],
      providedEndpoints: e.existingEndpoints,
      endpointsMadeBy: e.owner ? "vpc_owner" : undefined,
    },
    plan: { kind: "existing", existing: { ...e, region: d.region } },
  };
}

/** Every rule of one deployment; paths relative to it. */
export function planDeployment(
  d: DeploymentConfig,
  files: LocalFiles = new Map(),
  context: { config: DeploymentsConfig; hubs: Hubs; previous?: PreviousEnvironment } = { config: { deployments: [d] }, hubs: new Map() },
): { plan: DeploymentPlan } | { problems: Problem[] } {
  const net = networkOf(d, context.hubs);
  const problems: Problem[] = [
    ...net.problems,
    ...under("backend", checkBackend(d.backend)),
    ...secretProblems(d, files),
    ...checkAccounts(d),
    ...checkHub(d, context.config),
    ...checkSpoke(d, context.config, context.hubs),
  ];
  const mwaaEnv = d.mwaa?.environment;
  if (mwaaEnv && d.accountId === undefined) {
    problems.push({
      path: "accountId",
      value: undefined,
      rule: "is required when mwaa.environment is set (the execution role's ARNs are scoped to the account)",
    });
  } else if (d.accountId !== undefined && !/^\d{12}$/.test(d.accountId)) {
    problems.push({ path: "accountId", value: d.accountId, rule: "must be a 12-digit AWS account ID" });
  }
  // Without exactly one network there is nothing for the features to stand on.
  const facts = net.facts;
  if (!facts || !net.plan) return { problems };

  const routing = facts.routing;
  // A hub's endpoints: its services, private DNS off (its zones answer the names, for every spoke).
  // (Services checkHub refused are left out: one problem each.)
  const requests = d.hub
    ? d.hub.services.flatMap((service, i) =>
        hubServiceUsable(service) ? [{ request: { service, privateDns: false }, path: `hub.services[${i}]` }] : [],
      )
    : endpointRequests(d, routing);
  const endpointInput = {
    requests,
    endpoints: d.endpoints,
    allowSingleAz: d.network?.allowSingleAz ?? false,
    servicesTaken: d.mwaa && !d.hub ? mwaaEndpointServices(routing, d.region, d.mwaa, facts.providedEndpoints) : [],
    // The VPC's own; what a hub serves a spoke is refused by checkSpoke, with the hub named.
    providedByVpc: d.existingNetwork?.existingEndpoints ?? [],
  };
  if (d.mwaa) problems.push(...checkMwaaNetwork(d.mwaa, facts, net.problems.length === 0));
  if (mwaaEnv && d.mwaa && d.accountId !== undefined && /^\d{12}$/.test(d.accountId)) {
    problems.push(
      ...checkMwaaEnvironment(mwaaEnv, {
        routing,
        accountId: d.accountId,
        environmentName: d.mwaa.environmentName,
        files,
        previous: context.previous,
      }),
    );
  }
  const requirements =
    mwaaEnv && d.mwaa ? requirementsFindings(mwaaEnv, { routing, files, extraEndpoints: d.mwaa.extraEndpoints ?? [] }) : undefined;
  if (requirements) problems.push(...requirements.problems);
  if (requests.length > 0) problems.push(...checkEndpoints(endpointInput, facts));
  if (d.apprunner) {
    const regionRule = appRunnerRegionRule(d.region);
    if (regionRule) problems.push({ path: "region", value: d.region, rule: regionRule });
    problems.push(...under("apprunner", checkAppRunner(d.apprunner, facts)));
  }
  if (d.lattice || d.eventBridge || d.stepFunctions) problems.push(...checkLattice(d, facts));
  if (problems.length > 0) return { problems };

  const warnings: Warning[] = [];
  facts.availabilityZones.forEach((az, i) => {
    const message = availabilityZoneWarning(az, d.region);
    const path =
      net.plan?.kind === "existing" ? `existingNetwork.privateSubnets[${i}].availabilityZone` : `network.availabilityZones[${i}]`;
    if (message) warnings.push({ deployment: d.name, path, message });
  });
  for (const w of [
    ...latticeArnRegionWarnings(d),
    ...kmsKeyRegionWarnings(d),
    ...spokeWarnings(d, context.hubs),
    ...specialRangeWarnings("network.cidrBlock", d.network?.cidrBlock),
    ...(mwaaEnv ? mwaaEnvironmentWarnings(mwaaEnv, context.previous) : []),
    ...(requirements?.warnings ?? []),
  ])
    warnings.push({ deployment: d.name, ...w });
  const profiles: string[] = [net.plan.kind === "existing" ? "network-existing" : `network-${routing}`];
  const mwaaServices = d.mwaa ? mwaaInterfaceServices(routing, d.region, d.mwaa, facts.providedEndpoints) : [];
  if (d.mwaa && routing === "private" && d.mwaa.airflowOpsEndpoint === undefined) {
    const ops = airflowOpsOffered(d.region);
    if (ops === undefined) {
      warnings.push({
        deployment: d.name,
        path: "mwaa",
        message: `the facts catalogue does not know whether MWAA's airflow.ops endpoint service is offered in ${d.region} (source: the General Reference's MWAA endpoints table, read 2026-11-23 for ${Object.keys(AIRFLOW_OPS_OFFERED).join(", ")} only); it is created. If apply fails with an unknown service name, set mwaa.airflowOpsEndpoint: false; check with aws ec2 describe-vpc-endpoint-services --service-names com.amazonaws.${d.region}.airflow.ops`,
      });
    } else if (!ops) {
      warnings.push({
        deployment: d.name,
        path: "mwaa",
        message: `no airflow.ops endpoint: MWAA does not offer it in ${d.region} (General Reference, MWAA endpoints table, read 2026-11-23)`,
      });
    }
  }
  if (d.mwaa && facts.endpointsMadeBy && !mwaaEnv) {
    warnings.push({
      deployment: d.name,
      path: "mwaa",
      message:
        "a shared VPC without mwaa.environment: the module makes the owner's endpoints and the environment's security group; create the environment with endpoint management CUSTOMER, then the owner must make endpoints to its database_vpc_endpoint_service and webserver_vpc_endpoint_service within 72 hours (MWAA API Reference, CreateEnvironment, EndpointManagement, read 2026-12-01). Set mwaa.environment to have this module do both in one apply",
    });
  }
  if (d.mwaa) profiles.push(routing === "private" ? "mwaa-private" : "mwaa-public");
  if (mwaaEnv) profiles.push("mwaa-environment");
  const resolved = requests.length > 0 ? resolveEndpoints(endpointInput, facts, d.name) : undefined;
  const hubPlan = d.hub && planHub(d, context.config);
  const admitted =
    hubPlan && resolved
      ? { ...resolved, admitCidrs: hubPlan.spokes.map((s) => ({ label: s.deployment.replace(/[^a-z0-9]+/g, "_"), cidr: s.cidrBlock })) }
      : resolved;
  const endpoints = admitted && (facts.endpointsMadeBy ? { ...admitted, madeBy: facts.endpointsMadeBy } : admitted);
  if (endpoints) profiles.push("privatelink");
  let apprunner: DeploymentPlan["apprunner"];
  if (d.apprunner) {
    const interfaces = (endpoints?.endpoints ?? []).filter((e) => e.type === "Interface").length;
    const planned = planAppRunner(d.apprunner, facts, {
      deployment: d.name,
      interfaceEndpointCount: interfaces + mwaaServices.length,
      privateLinkInterfaces: interfaces,
      gatewayEndpoints: (endpoints?.endpoints ?? []).filter((e) => e.type === "Gateway").map((e) => e.name),
    });
    const r = planned.plan.requestsEndpoint;
    apprunner = r && facts.endpointsMadeBy ? { ...planned.plan, requestsEndpoint: { ...r, madeBy: facts.endpointsMadeBy } } : planned.plan;
    warnings.push(...planned.warnings);
    d.apprunner.awsServices.forEach((service, i) => {
      if (!facts.providedEndpoints.includes(service) || !isGatewayServiceName(service)) return;
      warnings.push({
        deployment: d.name,
        path: `apprunner.awsServices[${i}]`,
        message: `${service} is reached through the VPC's own gateway endpoint (existingNetwork.existingEndpoints), whose prefix list this configuration does not know: the connector's security group gets no outbound rule to it; add one to its prefix list (com.amazonaws.${d.region}.${service}) beside this module`,
      });
    });
    profiles.push("apprunner");
  }
  let lattice: DeploymentPlan["lattice"];
  if (d.lattice || d.eventBridge || d.stepFunctions) {
    lattice = planLattice(d, facts);
    profiles.push("lattice");
    lattice.resourceConfigurations.forEach((c, i) => {
      const w =
        c.targetCidr &&
        cidrRouteWarning(d.name, `lattice.resourceConfigurations[${i}].targetCidr`, c.targetCidr, facts, `the target of ${c.name}`);
      if (w) warnings.push(w);
    });
    const sharing = lattice.resourceConfigurations.length > 0 || lattice.consume.length > 0 || lattice.connections.length > 0;
    const warning = sharing ? latticeRegionWarning(d.region, `VPC Lattice resource sharing in ${d.name}`) : undefined;
    if (warning) warnings.push({ deployment: d.name, path: "region", message: warning });
  }

  const mwaa = d.mwaa && {
    environmentName: d.mwaa.environmentName,
    sourceBucketName: d.mwaa.sourceBucketName,
    hardenedSecurityGroup: d.mwaa.hardenedSecurityGroup,
    interfaceServices: mwaaServices.map(cataloguedName),
    s3GatewayEndpoint: routing === "private" && !facts.providedEndpoints.includes("s3"),
    ...(facts.endpointsMadeBy ? { endpointsMadeBy: facts.endpointsMadeBy } : {}),
  };
  return {
    plan: {
      name: d.name,
      region: d.region,
      providers: providersOf(d, context.hubs),
      defaultTags: { ...d.tags, ManagedBy: "private-routing", Deployment: d.name },
      backend: d.backend,
      network: net.plan,
      mwaa,
      mwaaEnvironment: mwaaEnv &&
        d.mwaa && {
          ...mwaaEnv,
          ...resolvedCounts(mwaaEnv),
          // Refused by checkMwaaEnvironment otherwise.
          webserverAccessMode: mwaaEnv.webserverAccessMode === "PUBLIC_ONLY" ? "PUBLIC_ONLY" : "PRIVATE_ONLY",
          // A shared VPC takes CUSTOMER only (checkAccounts refused SERVICE there).
          endpointManagement: mwaaEnv.endpointManagement ?? (facts.endpointsMadeBy ? "CUSTOMER" : "SERVICE"),
          ...(facts.endpointsMadeBy ? { customerEndpointsMadeBy: facts.endpointsMadeBy } : {}),
          routing,
          region: d.region,
          accountId: d.accountId!,
          environmentName: d.mwaa.environmentName,
          sourceBucketName: d.mwaa.sourceBucketName,
          uploads: mwaaUploads(mwaaEnv, files),
          // Checked above: a list (possibly empty), never a problem here.
          secretsManagerPrefixes: (secretsManagerPrefixes(mwaaEnv.airflowConfigurationOptions) as string[] | undefined) ?? [],
        },
      endpoints,
      apprunner,
      lattice,
      ...(hubPlan ? { hub: hubPlan } : {}),
      ...(d.endpointsFrom ? { spoke: planSpoke(d, context.hubs) } : {}),
      providedByVpc: d.existingNetwork?.existingEndpoints ?? [],
      preflight: planPreflight(net.plan, facts, { mwaa, endpoints, apprunner, hub: hubPlan }, namedGroups(d)),
      profiles,
      // One AZ is a single point of failure (PL-1), allowed only when asked for in so many words.
      accepted: {
        // Only the gateway's own rules (keys "SEC-1 <address>"): any other rule from anywhere still fails.
        ...Object.fromEntries(
          (lattice?.resourceGateway?.inboundFromAnywhere ?? []).map((cidr) => [
            `SEC-1 ${gatewayInboundRuleAddress(cidr)}`,
            `lattice.resourceGateway.eventBridgeRules: the resource gateway's group admits all TCP from ${cidr}, as EventBridge's Provider considerations for cross-account connections asks (read 2026-12-02); the VPC Lattice guide says this group controls the gateway's outbound traffic only`,
          ]),
        ),
        ...(d.network?.allowSingleAz && d.network.availabilityZones.length === 1
          ? { "PL-1": "network.allowSingleAz: a single-AZ network, for non-production use" }
          : {}),
        // The owner makes the endpoints, and an endpoint takes security groups of its own account:
        // they carry the owner's group, which admits HTTPS from the VPC, not the environment's.
        ...(d.mwaa && facts.endpointsMadeBy && routing === "private"
          ? {
              "MWAA-P8":
                "existingNetwork.owner: a shared VPC, whose owner makes the endpoints with a security group of its own (HTTPS from the VPC); the participant's group is not the owner's to attach",
            }
          : {}),
      },
      warnings,
    },
  };
}

/** The module's providers: its own accounts', then a cross-account spoke's provider in its hub's account. */
function providersOf(d: DeploymentConfig, hubs: Hubs): DeploymentPlan["providers"] {
  const hub = hubProvider(d, hubs);
  const own = planProviders(d);
  if (!hub) return own;
  const [first, ...rest] = own;
  return [
    {
      ...first,
      makes:
        "everything but what the hub's account makes: the VPC, its attachment to the hub's gateway, routes, gateway endpoints and the associations with the hub's zones",
    },
    ...rest,
    hub,
  ];
}

/** Security groups the configuration names by ID, with their paths: in an existing VPC, preflight checks they are that VPC's. */
function namedGroups(d: DeploymentConfig): { path: string; groupId: string }[] {
  const out: { path: string; groupId: string }[] = [];
  d.apprunner?.securityGroupIds?.forEach((g, i) => out.push({ path: `apprunner.securityGroupIds[${i}]`, groupId: g }));
  d.apprunner?.egress.forEach((e, i) => {
    if (e.securityGroupId) out.push({ path: `apprunner.egress[${i}].securityGroupId`, groupId: e.securityGroupId });
  });
  d.mwaa?.environment?.additionalSecurityGroupIds.forEach((g, i) =>
    out.push({ path: `mwaa.environment.additionalSecurityGroupIds[${i}]`, groupId: g }),
  );
  d.lattice?.resourceGateway?.securityGroupIds.forEach((g, i) =>
    out.push({ path: `lattice.resourceGateway.securityGroupIds[${i}]`, groupId: g }),
  );
  d.lattice?.resourceConfigurations.forEach((c, i) => {
    if (c.targetSecurityGroupId)
      out.push({ path: `lattice.resourceConfigurations[${i}].targetSecurityGroupId`, groupId: c.targetSecurityGroupId });
  });
  return out;
}

/**
 * Names that are global across AWS (S3 bucket names are unique in the whole partition): two
 * deployments that create the same bucket cannot both apply. Reported at the second one.
 */
function globalNameProblems(config: DeploymentsConfig): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  config.deployments.forEach((d, i) => {
    const env = d.mwaa?.environment;
    if (!d.mwaa || !env?.createSourceBucket) return;
    const bucket = d.mwaa.sourceBucketName;
    const j = first.get(bucket);
    if (j === undefined) first.set(bucket, i);
    else
      problems.push({
        path: `deployments[${i}].mwaa.sourceBucketName`,
        value: bucket,
        rule: `is also created by deployments[${j}] (${config.deployments[j].name}): S3 bucket names are global, so only one apply can create it`,
      });
  });
  return [...problems, ...roleNameProblems(config)];
}

/**
 * IAM role names are unique in an account, whatever the Region (IAM User Guide, "IAM identifiers",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html; docs/aws-facts.md): two deployments of one account
 * (the same accountId, or neither giving one) that name a role alike cannot both apply. The roles
 * named after a configuration value: an MWAA environment's execution role, an App Runner service's
 * access role (ECR images) and instance role (secrets). Reported at the second one.
 */
function roleNameProblems(config: DeploymentsConfig): Problem[] {
  const first = new Map<string, { index: number; path: string }>();
  const problems: Problem[] = [];
  config.deployments.forEach((d, i) => {
    const roles: { name: string; path: string; value: string }[] = [];
    if (d.mwaa?.environment)
      roles.push({ name: executionRoleName(d.mwaa.environmentName), path: "mwaa.environmentName", value: d.mwaa.environmentName });
    (d.apprunner?.services ?? []).forEach((svc, k) => {
      const at = { path: `apprunner.services[${k}].name`, value: svc.name };
      if (svc.image.repositoryType === "ECR") roles.push({ name: `apprunner-${svc.name}-access`, ...at });
      if (Object.keys(svc.secrets ?? {}).length > 0) roles.push({ name: `apprunner-${svc.name}-instance`, ...at });
    });
    for (const role of roles) {
      const key = `${d.accountId ?? "(no accountId)"}/${role.name}`;
      const seen = first.get(key);
      if (!seen) first.set(key, { index: i, path: role.path });
      else if (seen.index !== i)
        problems.push({
          path: `deployments[${i}].${role.path}`,
          value: role.value,
          rule: `gives the IAM role name ${role.name}, which deployments[${seen.index}] (${config.deployments[seen.index].name}) also creates: IAM role names are unique in an account across Regions; rename one${d.accountId ? "" : ", or set accountId if they deploy to different accounts"}`,
        });
    }
  });
  return problems;
}
