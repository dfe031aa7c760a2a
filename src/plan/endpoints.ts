import { checkEndpointPolicy, endpointPolicyDocument } from "../aws/endpoint-policies";
import { cataloguedName, endpointService, endpointServiceProblem, findEndpointService, gatewayServiceName } from "../aws/endpoint-services";
import { ecrLayerBucketName } from "../aws/iam-policy";
import type { PolicyDocument } from "../aws/iam-policy";
import { mwaaEndpointServices } from "../aws/mwaa";
import type { DeploymentConfig } from "../config/schema";
import { allowedIpAddressTypes, describeSubnets, ipAddressTypeFits } from "../net/ip-address-type";
import { parseIpv4Cidr } from "../net/ipv4-cidr";
import { Problem, under } from "../problems";
import { portListProblems } from "./checks/shared";
import type { EndpointRequest, EndpointsPlan, NetworkFacts, ResolvedEndpoint } from "./types";

export interface SourcedEndpointRequest {
  readonly request: EndpointRequest;
  /** Where the configuration asked for it, from the deployment: `endpoints.services[2]`, `apprunner.awsServices[0]`. */
  readonly path: string;
}

/**
 * The endpoints a deployment's PrivateLink feature makes: the `endpoints` block's services, then
 * the AWS services App Runner calls (APR-4) that are not already there. A service MWAA already
 * made is reused as it is, not made twice (one private-DNS endpoint per service per VPC).
 */
export function endpointRequests(d: DeploymentConfig, routing: NetworkFacts["routing"]): SourcedEndpointRequest[] {
  const out: SourcedEndpointRequest[] = (d.endpoints?.services ?? []).map((r, i) => ({
    request: typeof r === "string" ? { service: r } : r,
    path: `endpoints.services[${i}]`,
  }));
  const provided = d.existingNetwork?.existingEndpoints ?? [];
  const present = new Set([
    ...out.map((r) => r.request.service),
    ...provided,
    ...(d.mwaa ? mwaaEndpointServices(routing, d.region, d.mwaa, provided) : []),
  ]);
  (d.apprunner?.awsServices ?? []).forEach((service, i) => {
    if (present.has(service)) return;
    present.add(service);
    out.push({ request: { service }, path: `apprunner.awsServices[${i}]` });
  });
  return out;
}

const VPCE_SERVICE_RE = /^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{17}$/;
const NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;

/** The endpoint's address suffix (`aws_vpc_endpoint.endpoints_<name>`). */
export function endpointAddressName(r: EndpointRequest): string {
  return r.name ?? (r.service ?? "").replace(/[^a-z0-9]+/g, "_");
}

function isGatewayRequest(r: EndpointRequest): boolean {
  return r.service !== undefined && (r.type ?? findEndpointService(r.service)?.types[0]) === "Gateway";
}

export interface EndpointsInput {
  readonly requests: readonly SourcedEndpointRequest[];
  readonly endpoints: DeploymentConfig["endpoints"];
  readonly allowSingleAz: boolean;
  /** Services another feature (MWAA) already made endpoints for in this VPC. */
  readonly servicesTaken: readonly string[];
  /** Services the existing VPC already has endpoints for. */
  readonly providedByVpc: readonly string[];
}

/** Problems with the PrivateLink endpoints; paths relative to the deployment. */
export function checkEndpoints(p: EndpointsInput, net: NetworkFacts): Problem[] {
  const problems: Problem[] = [];
  if (p.endpoints) problems.push(...under("endpoints.policy", checkEndpointPolicy(p.endpoints.policy)));
  const names = new Map<string, string>();
  const taken = new Set(p.servicesTaken);
  for (const { request: r, path: at } of p.requests) {
    const push = (path: string, value: unknown, rule: string) => problems.push({ path: `${at}${path ? `.${path}` : ""}`, value, rule });
    if ((r.service === undefined) === (r.serviceName === undefined)) {
      push("", r, "must give exactly one of service (from the catalogue) and serviceName (a custom PrivateLink service)");
      continue;
    }
    if (r.serviceName !== undefined) {
      if (!VPCE_SERVICE_RE.test(r.serviceName))
        push("serviceName", r.serviceName, "must be an endpoint service name: com.amazonaws.vpce.<region>.vpce-svc-<17 hex digits>");
      if (r.name === undefined) push("name", undefined, "is required with serviceName (it names the endpoint's Terraform address)");
      if (r.type === "Gateway") push("type", r.type, "must be Interface for a custom PrivateLink service");
    } else {
      const spec = findEndpointService(r.service!);
      const type = r.type ?? spec?.types[0] ?? "Interface";
      const problem = endpointServiceProblem(r.service!, type, net.region);
      if (problem) push(r.type !== undefined && spec ? "type" : "service", r.type !== undefined && spec ? r.type : r.service, problem);
      if (taken.has(r.service!))
        push("service", r.service, "is already created by another feature of this deployment (mwaa): one endpoint per service per VPC");
      if (p.providedByVpc.includes(r.service!)) {
        push(
          "service",
          r.service,
          "is provided by the VPC (existingNetwork.existingEndpoints): a second endpoint for it cannot be made; remove it here",
        );
      }
      if (type === "Gateway") {
        for (const k of ["privateDns", "excludeAvailabilityZones", "ipAddressType", "ports"] as const) {
          if (r[k] !== undefined) push(k, r[k], "does not apply to a gateway endpoint (PL-7: it attaches to route tables, not subnets)");
        }
      }
    }
    if (r.name !== undefined && !NAME_RE.test(r.name))
      push("name", r.name, "must be a lowercase Terraform name: a letter, then letters, digits or _, at most 40 characters");
    const name = endpointAddressName(r);
    const first = names.get(name);
    if (first !== undefined)
      push(
        r.name !== undefined ? "name" : "service",
        r.name ?? r.service,
        `must be unique; ${first} makes the same endpoint (aws_vpc_endpoint.endpoints_${name})`,
      );
    else names.set(name, at);

    const azs = net.availabilityZones;
    (r.excludeAvailabilityZones ?? []).forEach((az, j) => {
      if (!azs.includes(az))
        push(`excludeAvailabilityZones[${j}]`, az, `must be one of the network's Availability Zones (${azs.join(", ")})`);
    });
    const remaining = azs.filter((az) => !(r.excludeAvailabilityZones ?? []).includes(az));
    if (!isGatewayRequest(r) && remaining.length < 2 && !p.allowSingleAz) {
      push(
        "excludeAvailabilityZones",
        r.excludeAvailabilityZones ?? [],
        `must leave at least 2 Availability Zones (PL-1: one AZ is a single point of failure), ${remaining.length} left; set allowSingleAz: true for non-production`,
      );
    }
    const subnets = net.subnetIpAddressType;
    if (r.ipAddressType !== undefined && !ipAddressTypeFits(r.ipAddressType, subnets)) {
      push(
        "ipAddressType",
        r.ipAddressType,
        `must match the subnets, which are ${describeSubnets(subnets)} (PL-3): ${allowedIpAddressTypes(subnets).join(" or ")}`,
      );
    }
    problems.push(...portListProblems(`${at}.ports`, r.ports ?? []));
    if (r.ports !== undefined && r.service !== undefined)
      push("ports", r.ports, "is only for custom services; catalogue services use their own ports");
    if (r.policy !== undefined && r.policy !== "none") problems.push(...under(`${at}.policy`, checkEndpointPolicy(r.policy)));
  }
  const resolver = p.endpoints?.resolverInboundEndpoint;
  if (resolver) {
    const at = "endpoints.resolverInboundEndpoint";
    const cidrs = resolver.allowedCidrs;
    if (cidrs.length === 0)
      problems.push({ path: `${at}.allowedCidrs`, value: cidrs, rule: "must name at least one network allowed to query it" });
    cidrs.forEach((c, i) => {
      const parsed = parseIpv4Cidr(c);
      if (typeof parsed === "string") problems.push({ path: `${at}.allowedCidrs[${i}]`, value: c, rule: parsed });
      else if (parsed.prefix === 0)
        problems.push({
          path: `${at}.allowedCidrs[${i}]`,
          value: c,
          rule: "must not be 0.0.0.0/0: name the networks that may query (no ingress from anywhere)",
        });
    });
    if (net.availabilityZones.length < 2)
      problems.push({
        path: at,
        value: resolver,
        rule: "needs private subnets in two Availability Zones (Route 53 Resolver requires two IP addresses)",
      });
    if (net.subnetIpAddressType === "ipv6")
      problems.push({ path: at, value: resolver, rule: "needs IPv4 subnets (this inbound endpoint listens on IPv4)" });
  }
  if (net.vpcCidrBlock === undefined && p.requests.some((r) => !isGatewayRequest(r.request))) {
    problems.push({
      path: "existingNetwork.cidrBlock",
      value: undefined,
      rule: "is required with interface endpoints (their security group admits the VPC's block)",
    });
  }
  return problems;
}

/** The endpoints, resolved: type, subnets' AZs, address type, ports, policy. Call on checked input only. */
export function resolveEndpoints(p: EndpointsInput, net: NetworkFacts, namePrefix: string): EndpointsPlan {
  const preset = p.endpoints?.policy ?? "allow-all";
  const ecrInVpc = [...p.requests.map((r) => r.request.service ?? ""), ...p.servicesTaken].some((s) => s.startsWith("ecr."));
  const endpoints: ResolvedEndpoint[] = p.requests.map(({ request: r }) => {
    const name = endpointAddressName(r);
    const type = r.type ?? (r.service ? endpointService(cataloguedName(r.service)).types[0] : "Interface");
    const policy = r.policy ?? preset;
    const common = { name, tags: { Name: `${namePrefix}-${name}` } };
    if (type === "Gateway") {
      const service = gatewayServiceName(r.service!);
      const document = policy === "none" ? undefined : endpointPolicyDocument(policy);
      return {
        ...common,
        type,
        service,
        policy: document && service === "s3" && ecrInVpc ? withEcrImageLayers(document, net.region) : document,
      };
    }
    return {
      ...common,
      type,
      service: r.serviceName !== undefined ? { custom: r.serviceName, label: name } : { catalogue: cataloguedName(r.service!) },
      availabilityZones: net.availabilityZones.filter((az) => !(r.excludeAvailabilityZones ?? []).includes(az)),
      privateDns: r.privateDns,
      ipAddressType: r.ipAddressType ?? (net.subnetIpAddressType === "ipv4" ? undefined : net.subnetIpAddressType),
      ports: r.ports ?? (r.service ? endpointService(cataloguedName(r.service)).ports : [443]),
      // A custom service gets a policy only when one is asked for: not every service supports them.
      policy: policy === "none" || (r.serviceName !== undefined && r.policy === undefined) ? "none" : endpointPolicyDocument(policy),
    };
  });
  return { namePrefix, endpoints, resolverInbound: p.endpoints?.resolverInboundEndpoint };
}

/**
 * An S3 gateway endpoint policy that also lets ECR image layers through: with ECR endpoints in the
 * VPC, image pulls fetch their layers from ECR's own bucket through the S3 gateway endpoint, which
 * ECR's guide says must allow s3:GetObject on it for any principal ("Principal": "*"); a preset
 * limited to the account's or the organization's principals does not. Source: Amazon
 * ECR User Guide, "Amazon ECR interface VPC endpoints", minimum Amazon S3 bucket permissions,
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms
 * (read 2026-11-23). A policy that already allows everything is left as it is.
 */
function withEcrImageLayers(document: PolicyDocument, region: string): PolicyDocument {
  const allowsAll = document.Statement.some(
    (s) => s.Effect === "Allow" && s.Resource === "*" && s.Action === "*" && s.Condition === undefined,
  );
  if (allowsAll) return document;
  const layers = `arn:aws:s3:::${ecrLayerBucketName(region)}/*`;
  return {
    ...document,
    Statement: [
      ...document.Statement,
      { Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: layers },
    ],
  };
}
