import { isIP } from "net";
import { AWS_ARN_RE, parsePortRange, RAM_PRINCIPAL_RE, RESOURCE_CONFIGURATION_ARN_RE, snakeName } from "../aws/lattice";
import { isHttpsUrl } from "../aws/names";
import { checkValue } from "../aws/value-rules";
import type { DeploymentConfig, EventBridgeConnectionConfig, LatticeConfig, StateMachineConfig } from "../config/schema";
import { toLatticeIpAddressType } from "../net/ip-address-type";
import { contains, parseIpv4Cidr } from "../net/ipv4-cidr";
import { Problem, under } from "../problems";
import { awsIdProblems, cidrProblems, listedOnceProblems, portListProblems, uniqueProblems } from "./checks/shared";
import { destinationGroupProblems } from "./reachability";
import type { LatticePlan, NetworkFacts } from "./types";
import { regionOfArn } from "../aws/arn";

const DNS_NAME_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** CloudWatch Logs retention periods the API accepts, in days (PutRetentionPolicy, retentionInDays). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** Parameter names that would carry a secret: those belong in the authorization, from a sensitive variable. */
const SECRET_PARAMETER_RE = /(authorization|password|passwd|secret|token|api[-_]?key|credential|private[-_]?key)/i;
const ARN_RULE = "must be a resource configuration ARN: arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17 characters>";

type Gateway = NonNullable<LatticeConfig["resourceGateway"]>;
type ResourceConfiguration = LatticeConfig["resourceConfigurations"][number];

/** Problems with a gateway; paths relative to `lattice.resourceGateway`. */
export function checkResourceGateway(p: Gateway, net: Pick<NetworkFacts, "subnetIpAddressType">): Problem[] {
  const problems: Problem[] = [];
  problems.push(...checkValue("name", p.name, "lattice.resource-gateway-name"));
  // https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html#resource-gateway-ip-address-type
  const subnets = net.subnetIpAddressType;
  const type = p.ipAddressType;
  if (
    (type === "IPV4" && subnets === "ipv6") ||
    (type === "IPV6" && subnets === "ipv4") ||
    (type === "DUALSTACK" && subnets !== "dualstack")
  ) {
    problems.push({
      path: "ipAddressType",
      value: type,
      rule: `must fit the subnets (${subnets}): IPV4 needs IPv4 in every subnet, IPV6 IPv6, DUALSTACK both (LAT-1)`,
    });
  }
  const extra = p.securityGroupIds;
  // The gateway always has its own group (it carries the rules to the resources), so 4 more at most.
  if (extra.length > 4)
    problems.push({
      path: "securityGroupIds",
      value: extra,
      rule: `must name at most 4 security groups: with the gateway's own group that makes the limit of 5 (LAT-1), ${extra.length + 1} in all`,
    });
  extra.forEach((g, i) => problems.push(...awsIdProblems(`securityGroupIds[${i}]`, g, "sg")));
  problems.push(...listedOnceProblems("securityGroupIds", extra));
  return problems;
}

/** Problems with a resource configuration; paths relative to `lattice.resourceConfigurations[i]`. */
export function checkResourceConfiguration(p: ResourceConfiguration, net: Pick<NetworkFacts, "vpcCidrBlock" | "newVpc">): Problem[] {
  const vpcCidrBlock = net.vpcCidrBlock;
  const problems: Problem[] = [];
  problems.push(...checkValue("name", p.name, "lattice.resource-configuration-name"));
  const ways = (["dnsName", "ipAddress", "arn"] as const).filter((k) => p[k] !== undefined);
  if (ways.length !== 1) {
    problems.push({
      path: "",
      value: Object.fromEntries(ways.map((k) => [k, p[k]])),
      rule: "must name its resource exactly one way: dnsName, ipAddress or arn (LAT-2)",
    });
  }
  if (p.dnsName !== undefined && !DNS_NAME_RE.test(p.dnsName))
    problems.push({
      path: "dnsName",
      value: p.dnsName,
      rule: "must be a fully qualified, publicly resolvable domain name such as service1.example.com",
    });
  if (p.ipAddress !== undefined && isIP(p.ipAddress) === 0)
    problems.push({ path: "ipAddress", value: p.ipAddress, rule: "must be an IPv4 or IPv6 address in the VPC" });
  if (p.arn !== undefined && !AWS_ARN_RE.test(p.arn))
    problems.push({ path: "arn", value: p.arn, rule: "must be an ARN of the aws partition (arn:aws:…)" });
  if (p.portRanges.length === 0)
    problems.push({ path: "portRanges", value: p.portRanges, rule: 'must list at least one port or range, e.g. ["443"] (LAT-2)' });
  p.portRanges.forEach((r, i) => {
    const parsed = parsePortRange(r);
    if (typeof parsed === "string") problems.push({ path: `portRanges[${i}]`, value: r, rule: parsed });
  });
  problems.push(...listedOnceProblems("portRanges", p.portRanges));
  if (p.targetSecurityGroupId !== undefined)
    problems.push(...destinationGroupProblems("targetSecurityGroupId", p.targetSecurityGroupId, net, "a target"));
  problems.push(...cidrProblems("targetCidr", p.targetCidr));
  if (p.targetCidr !== undefined && p.targetSecurityGroupId !== undefined) {
    problems.push({
      path: "targetCidr",
      value: p.targetCidr,
      rule: "must be left out with targetSecurityGroupId: the gateway's rules go to the group",
    });
  }
  if (p.targetCidr === undefined && p.targetSecurityGroupId === undefined && vpcCidrBlock === undefined) {
    problems.push({
      path: "targetCidr",
      value: undefined,
      rule: "is required when neither targetSecurityGroupId nor the VPC's cidrBlock is known: the gateway's outbound rules need a destination",
    });
  }
  return problems;
}

/** Problems with a share; paths relative to `lattice.share`. */
export function checkResourceShare(p: NonNullable<LatticeConfig["share"]>): Problem[] {
  const problems: Problem[] = [];
  problems.push(...checkValue("name", p.name, "ram.resource-share-name"));
  if (p.principals.length === 0)
    problems.push({
      path: "principals",
      value: p.principals,
      rule: "must name at least one account, organization or OU to share with (LAT-3)",
    });
  p.principals.forEach((principal, i) => {
    if (!RAM_PRINCIPAL_RE.test(principal)) {
      problems.push({
        path: `principals[${i}]`,
        value: principal,
        rule: "must be a 12-digit account ID, an organization or OU ARN (arn:aws:organizations::…), or an IAM role or user ARN",
      });
    }
  });
  problems.push(...listedOnceProblems("principals", p.principals));
  return problems;
}

/** Problems with the consumer side; paths relative to `lattice`. */
export function checkLatticeConsumer(l: Pick<LatticeConfig, "consume" | "serviceNetwork">, vpcCidrBlock: string | undefined): Problem[] {
  const problems: Problem[] = [];
  l.consume.forEach((r, i) => {
    const at = `consume[${i}]`;
    if (!/^[a-z][a-z0-9_-]{0,39}$/.test(r.name))
      problems.push({
        path: `${at}.name`,
        value: r.name,
        rule: "must be a lowercase name: a letter, then letters, digits, - or _, at most 40 characters",
      });
    if (!RESOURCE_CONFIGURATION_ARN_RE.test(r.resourceConfigurationArn))
      problems.push({ path: `${at}.resourceConfigurationArn`, value: r.resourceConfigurationArn, rule: ARN_RULE });
    if (r.ports.length === 0)
      problems.push({ path: `${at}.ports`, value: r.ports, rule: "must list at least one port the VPC's clients use" });
    problems.push(...portListProblems(`${at}.ports`, r.ports));
  });
  problems.push(...uniqueProblems(l.consume, (r) => snakeName(r.name), "consume", "name"));
  const viaNetwork = l.consume.some((r) => r.via === "serviceNetwork");
  if (viaNetwork && l.serviceNetwork === undefined)
    problems.push({ path: "serviceNetwork", value: undefined, rule: "is required when a consume entry has via: serviceNetwork (LAT-4)" });
  if (!viaNetwork && l.serviceNetwork !== undefined)
    problems.push({
      path: "serviceNetwork",
      value: l.serviceNetwork,
      rule: "must be left out unless a consume entry has via: serviceNetwork: nothing would use it",
    });
  problems.push(...checkValue("serviceNetwork.name", l.serviceNetwork?.name, "lattice.service-network-name"));
  if (l.consume.length > 0 && vpcCidrBlock === undefined) {
    problems.push({
      path: "consume",
      value: l.consume.map((r) => r.name),
      rule: "needs the VPC's cidrBlock (existingNetwork.cidrBlock): the endpoints' security group admits the VPC's clients",
    });
  }
  return problems;
}

/** Problems with a connection's own fields; paths relative to `eventBridge.connections[i]`. */
export function checkPrivateApiConnection(p: EventBridgeConnectionConfig): Problem[] {
  const problems: Problem[] = [];
  // The API destination takes the connection's name too (same rule).
  problems.push(...checkValue("name", p.name, "events.connection-name"));
  problems.push(...checkValue("description", p.description, "events.connection-description"));
  const kinds = (["basic", "apiKey", "oauth"] as const).filter((k) => p.authorization[k] !== undefined);
  if (kinds.length !== 1)
    problems.push({ path: "authorization", value: kinds, rule: "must give exactly one of basic, apiKey and oauth (LAT-5)" });
  const oauth = p.authorization.oauth;
  if (oauth && !isHttpsUrl(oauth.authorizationEndpoint))
    problems.push({
      path: "authorization.oauth.authorizationEndpoint",
      value: oauth.authorizationEndpoint,
      rule: "must be an https:// URL",
    });
  if (oauth && Object.keys(oauth.bodyParameters ?? {}).length === 0) {
    // hashicorp/aws 5.100.0 rejects an oauth_http_parameters block with no parameter at plan time.
    problems.push({
      path: "authorization.oauth.bodyParameters",
      value: oauth.bodyParameters,
      rule: "must list at least one parameter for the token request, e.g. {scope: forecast.read} (the AWS provider requires one)",
    });
  }
  if (p.authorization.apiKey && !/^[A-Za-z0-9-]{1,512}$/.test(p.authorization.apiKey.name)) {
    problems.push({
      path: "authorization.apiKey.name",
      value: p.authorization.apiKey.name,
      rule: "must be an HTTP header name (letters, digits and -)",
    });
  }
  const params: [string, Readonly<Record<string, string>> | undefined][] = [
    ["invocationParameters.queryString", p.invocationParameters?.queryString],
    ["invocationParameters.headers", p.invocationParameters?.headers],
    ["invocationParameters.body", p.invocationParameters?.body],
    ["authorization.oauth.bodyParameters", oauth?.bodyParameters],
  ];
  for (const [at, map] of params) {
    for (const key of Object.keys(map ?? {})) {
      // Not echoed: the value is most likely the secret itself.
      if (SECRET_PARAMETER_RE.test(key)) {
        problems.push({
          path: `${at}.${key}`,
          value: "(hidden)",
          rule: "looks like a secret: parameters here are written into generated files; use authorization (basic, apiKey or oauth), whose secret comes from a sensitive Terraform variable (LAT-5)",
        });
      }
    }
  }
  const d = p.apiDestination;
  if (d) {
    if (!isHttpsUrl(d.endpoint)) problems.push({ path: "apiDestination.endpoint", value: d.endpoint, rule: "must be an https:// URL" });
    if (d.rateLimitPerSecond !== undefined && (!Number.isInteger(d.rateLimitPerSecond) || d.rateLimitPerSecond < 1)) {
      problems.push({
        path: "apiDestination.rateLimitPerSecond",
        value: d.rateLimitPerSecond,
        rule: "must be a whole number of at least 1",
      });
    }
    if (d.rule && Object.keys(d.rule.eventPattern).length === 0)
      problems.push({
        path: "apiDestination.rule.eventPattern",
        value: d.rule.eventPattern,
        rule: "must match something: an empty pattern is rejected by EventBridge",
      });
    if (d.rule && !/^[/.\-_A-Za-z0-9]{1,256}$/.test(d.rule.eventBusName)) {
      problems.push({
        path: "apiDestination.rule.eventBusName",
        value: d.rule.eventBusName,
        rule: "must be an event bus name (letters, digits, ., -, _ and /)",
      });
    }
  }
  return problems;
}

/** Problems with a state machine's own fields; paths relative to `stepFunctions.stateMachines[i]`. */
export function checkHttpTaskStateMachine(p: StateMachineConfig): Problem[] {
  const problems: Problem[] = [];
  problems.push(...checkValue("name", p.name, "sfn.state-machine-name"));
  if (!isHttpsUrl(p.endpoint))
    problems.push({ path: "endpoint", value: p.endpoint, rule: "must be an https:// URL (HTTP Tasks call HTTPS APIs only)" });
  if (!LOG_RETENTION_DAYS.includes(p.logRetentionDays)) {
    problems.push({
      path: "logRetentionDays",
      value: p.logRetentionDays,
      rule: `must be one of CloudWatch Logs' periods: ${LOG_RETENTION_DAYS.join(", ")}`,
    });
  }
  return problems;
}

const ADDRESS_WHY = "Terraform addresses use it";

/**
 * The rules of `lattice`, `eventBridge` and `stepFunctions`: each part's own checks, plus the
 * references between them (a connection names a resource configuration, a state machine names a
 * connection). Paths are relative to the deployment.
 */
export function checkLattice(d: DeploymentConfig, net: NetworkFacts): Problem[] {
  const problems: Problem[] = [];
  const l = d.lattice;
  if (l) {
    if (l.resourceGateway) problems.push(...under("lattice.resourceGateway", checkResourceGateway(l.resourceGateway, net)));
    if (l.resourceConfigurations.length > 0 && !l.resourceGateway) {
      problems.push({
        path: "lattice.resourceGateway",
        value: undefined,
        rule: "is required with resourceConfigurations: every configuration sits on a gateway (LAT-2)",
      });
    }
    l.resourceConfigurations.forEach((c, i) =>
      problems.push(...under(`lattice.resourceConfigurations[${i}]`, checkResourceConfiguration(c, net))),
    );
    problems.push(
      ...uniqueProblems(l.resourceConfigurations, (x) => snakeName(x.name), "lattice.resourceConfigurations", "name", ADDRESS_WHY),
    );
    if (l.share) {
      problems.push(...under("lattice.share", checkResourceShare(l.share)));
      if (l.resourceConfigurations.length === 0)
        problems.push({ path: "lattice.share", value: { name: l.share.name }, rule: "needs resourceConfigurations to share (LAT-3)" });
    }
    problems.push(...under("lattice", checkLatticeConsumer(l, net.vpcCidrBlock)));
    l.consume.forEach((c, i) => {
      if (l.resourceConfigurations.some((r) => r.name === c.name)) {
        problems.push({
          path: `lattice.consume[${i}].name`,
          value: c.name,
          rule: "must differ from the resource configurations' names: connections name either one",
        });
      }
    });
  }

  const connections = d.eventBridge?.connections ?? [];
  const configurationNames = [...(l?.resourceConfigurations ?? []).map((c) => c.name), ...(l?.consume ?? []).map((c) => c.name)];
  connections.forEach((c, i) => {
    const at = `eventBridge.connections[${i}]`;
    problems.push(...under(at, checkPrivateApiConnection(c)));
    if ((c.resourceConfiguration === undefined) === (c.resourceConfigurationArn === undefined)) {
      problems.push({
        path: at,
        value: { resourceConfiguration: c.resourceConfiguration, resourceConfigurationArn: c.resourceConfigurationArn },
        rule: "must give exactly one of resourceConfiguration (a name in this deployment) and resourceConfigurationArn (LAT-5)",
      });
    } else if (c.resourceConfiguration !== undefined && !configurationNames.includes(c.resourceConfiguration)) {
      problems.push({
        path: `${at}.resourceConfiguration`,
        value: c.resourceConfiguration,
        rule:
          configurationNames.length > 0
            ? `must name one of lattice.resourceConfigurations or lattice.consume: ${configurationNames.join(", ")}`
            : "must name a lattice.resourceConfigurations or lattice.consume entry, and this deployment has none; use resourceConfigurationArn",
      });
    } else if (c.resourceConfigurationArn !== undefined && !RESOURCE_CONFIGURATION_ARN_RE.test(c.resourceConfigurationArn)) {
      problems.push({ path: `${at}.resourceConfigurationArn`, value: c.resourceConfigurationArn, rule: ARN_RULE });
    }
    const arnRegion = regionOfArn(c.resourceConfigurationArn);
    if (arnRegion !== undefined && arnRegion !== d.region) {
      problems.push({
        path: `${at}.resourceConfigurationArn`,
        value: c.resourceConfigurationArn,
        rule: `must be in the deployment's Region ${d.region}: EventBridge connects to private APIs in its own Region only`,
      });
    }
  });
  problems.push(...uniqueProblems(connections, (x) => snakeName(x.name), "eventBridge.connections", "name", ADDRESS_WHY));

  const machines = d.stepFunctions?.stateMachines ?? [];
  machines.forEach((m, i) => {
    const at = `stepFunctions.stateMachines[${i}]`;
    problems.push(...under(at, checkHttpTaskStateMachine(m)));
    if (!connections.some((c) => c.name === m.connection)) {
      const names = connections.map((c) => c.name);
      problems.push({
        path: `${at}.connection`,
        value: m.connection,
        rule:
          names.length > 0
            ? `must name one of eventBridge.connections: ${names.join(", ")}`
            : "must name an eventBridge.connections entry, and this deployment has none (LAT-6)",
      });
    }
  });
  problems.push(...uniqueProblems(machines, (x) => snakeName(x.name), "stepFunctions.stateMachines", "name", ADDRESS_WHY));
  return problems;
}

/** The Lattice, EventBridge and Step Functions parts, resolved. Checked input only. */
export function planLattice(d: DeploymentConfig, net: NetworkFacts): LatticePlan {
  const l = d.lattice;
  const consumed = new Map((l?.consume ?? []).map((c) => [c.name, c.resourceConfigurationArn]));
  return {
    namePrefix: d.name,
    resourceGateway: l?.resourceGateway && planGateway(l.resourceGateway, net),
    // The resource must admit the gateway's group (EventBridge, Provider considerations for
    // cross-account connections, read 2026-12-02): without its group named, a group is made for it
    // to carry, so the rule exists somewhere rather than nowhere.
    // A target outside the VPC (reached over peering, TGW or VPN) gets none: a group here cannot be its.
    resourceConfigurations: (l?.resourceConfigurations ?? []).map((c) => ({
      ...c,
      makeTargetGroup: c.targetSecurityGroupId === undefined && (c.targetCidr === undefined || insideVpc(c.targetCidr, net.vpcCidrBlock)),
    })),
    share: l?.share,
    consume: l?.consume ?? [],
    serviceNetworkName: l?.serviceNetwork?.name,
    connections: (d.eventBridge?.connections ?? []).map((c) => {
      const arn = c.resourceConfigurationArn ?? consumed.get(c.resourceConfiguration!);
      return { ...c, target: arn !== undefined ? { arn } : { configuration: c.resourceConfiguration! } };
    }),
    stateMachines: d.stepFunctions?.stateMachines ?? [],
    accountId: d.accountId,
  };
}

/** The construct name of the gateway's inbound rule from a source (its address: the checker accepts exactly it). */
export function gatewayInboundRuleName(cidr: "0.0.0.0/0" | "::/0"): string {
  return `ingress_all_tcp_${cidr === "::/0" ? "ipv6" : "ipv4"}`;
}

export function gatewayInboundRuleAddress(cidr: "0.0.0.0/0" | "::/0"): string {
  return `aws_vpc_security_group_ingress_rule.lattice_gateway_${gatewayInboundRuleName(cidr)}`;
}

function insideVpc(cidr: string, vpcCidrBlock: string | undefined): boolean {
  const [inner, outer] = [parseIpv4Cidr(cidr), parseIpv4Cidr(vpcCidrBlock ?? "")];
  return typeof inner !== "string" && typeof outer !== "string" && contains(outer, inner);
}

/**
 * The gateway, with its address type resolved and its inbound sources decided. The two AWS pages
 * disagree (read 2026-12-02): EventBridge's *Provider considerations for cross-account connections*
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/connection-private-rc-provider.html)
 * asks the gateway's group for "All inbound IPv4 TCP traffic across all ports from the 0.0.0.0/0"
 * and the same from ::/0, or the services "return Connection Timed Out"; the VPC Lattice guide
 * (https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html) says the group's
 * rules "control outbound traffic from the resource gateway to resources". Under the second the
 * inbound rules change nothing; under the first they are what connects. So they are written when
 * asked for (`eventBridgeRules`), only for the address families the gateway carries, and SEC-1 is
 * an accepted, recorded deviation for them (planDeployment).
 */
function planGateway(g: NonNullable<LatticeConfig["resourceGateway"]>, net: NetworkFacts): NonNullable<LatticePlan["resourceGateway"]> {
  const ipAddressType = g.ipAddressType ?? toLatticeIpAddressType(net.subnetIpAddressType);
  const inboundFromAnywhere: ("0.0.0.0/0" | "::/0")[] = !g.eventBridgeRules
    ? []
    : ipAddressType === "IPV4"
      ? ["0.0.0.0/0"]
      : ipAddressType === "IPV6"
        ? ["::/0"]
        : ["0.0.0.0/0", "::/0"];
  return { ...g, ipAddressType, inboundFromAnywhere };
}

/**
 * ARNs of another Region where a deployment consumes or shares through VPC Lattice: a consumed
 * resource configuration, a gateway's ARN resource. Warnings, not errors: no AWS page read here
 * (2026-11-23) says whether a Resource endpoint or a resource gateway reaches across Regions, and
 * AWS PrivateLink has added cross-Region access for some services; `terraform apply` decides.
 */
export function latticeArnRegionWarnings(d: DeploymentConfig): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const note =
    "whether VPC Lattice reaches across Regions here is not in the facts catalogue (no AWS source found); if the apply fails, use an ARN of this Region";
  d.lattice?.consume.forEach((c, i) => {
    const r = regionOfArn(c.resourceConfigurationArn);
    if (r && r !== d.region)
      out.push({
        path: `lattice.consume[${i}].resourceConfigurationArn`,
        message: `lattice.consume[${i}].resourceConfigurationArn is in ${r}, the deployment in ${d.region}: ${note}`,
      });
  });
  d.lattice?.resourceConfigurations.forEach((c, i) => {
    const r = regionOfArn(c.arn);
    if (r && r !== d.region)
      out.push({
        path: `lattice.resourceConfigurations[${i}].arn`,
        message: `lattice.resourceConfigurations[${i}].arn is in ${r}, the deployment in ${d.region}: ${note}`,
      });
  });
  return out;
}
