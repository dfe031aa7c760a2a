import { Construct } from "../cdk/cdktf";
import { Route53ResolverEndpoint, SecurityGroup, VpcSecurityGroupIngressRule } from "../cdk/aws";
import { checkEndpointPolicy, endpointPolicyDocument, EndpointPolicyPreset } from "../aws/endpoint-policies";
import { endpointService, EndpointType, findEndpointService, endpointServiceProblem } from "../aws/endpoint-services";
import { parseIpv4Cidr } from "../net/ipv4-cidr";
import { assertNoProblems, Problem, under } from "../problems";
import { GatewayEndpoint } from "./gateway-endpoint";
import { EndpointIpAddressType, InterfaceEndpoint } from "./interface-endpoint";
import { INetwork, NetworkSubnet } from "./network";

/** One endpoint a deployment asks for. */
export interface EndpointRequest {
  /** Catalogue name (`secretsmanager`, `ecr.dkr`, `s3`). Give this or `serviceName`. */
  readonly service?: string;
  /** A PrivateLink service outside the catalogue: `com.amazonaws.vpce.<region>.vpce-svc-…` (partners, your own). */
  readonly serviceName?: string;
  /** The endpoint's address suffix (`aws_vpc_endpoint.endpoints_<name>`). @default - the service name, `.` and `-` as `_`; required with serviceName */
  readonly name?: string;
  /** @default - Interface when the service offers it, else Gateway; S3 and DynamoDB default to Gateway (free) */
  readonly type?: EndpointType;
  /** @default - the catalogue's private-DNS default (custom services: false) */
  readonly privateDns?: boolean;
  /** @default - the feature's `policy` */
  readonly policy?: EndpointPolicyPreset | "none";
  /** Availability Zones the service does not offer; the endpoint leaves their subnets out (PL-1). @default - none */
  readonly excludeAvailabilityZones?: readonly string[];
  /** @default - what the subnets carry: ipv4, dualstack or ipv6 (PL-3) */
  readonly ipAddressType?: EndpointIpAddressType;
  /** Ports the security group opens for a custom service. @default [443] */
  readonly ports?: readonly number[];
}

export interface ResolverInboundProps {
  /** Networks (on-premises, peered VPCs) allowed to query it on port 53, TCP and UDP. Never 0.0.0.0/0. */
  readonly allowedCidrs: readonly string[];
}

export interface PrivateLinkEndpointsProps {
  readonly network: INetwork;
  /** Prefix of Name tags. */
  readonly namePrefix: string;
  readonly endpoints: readonly EndpointRequest[];
  /** Policy preset for every endpoint that names none. @default "allow-all" */
  readonly policy?: EndpointPolicyPreset;
  /** Accept endpoints in a single AZ (non-production). @default false */
  readonly allowSingleAz?: boolean;
  /** A Route 53 Resolver inbound endpoint, so on-premises DNS resolves the endpoints' private names (PL-6). @default - none */
  readonly resolverInbound?: ResolverInboundProps;
  /** Services another feature already made endpoints for in this VPC (one private-DNS endpoint per service per VPC). @default - none */
  readonly servicesTaken?: readonly string[];
}

interface PlannedEndpoint {
  readonly request: EndpointRequest;
  readonly name: string;
  readonly type: EndpointType;
  readonly subnets: readonly NetworkSubnet[];
  readonly ipAddressType?: EndpointIpAddressType;
  readonly ports: readonly number[];
}

const VPCE_SERVICE_RE = /^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{17}$/;
const NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;

export function endpointAddressName(r: EndpointRequest): string {
  return r.name ?? (r.service ?? "").replace(/[^a-z0-9]+/g, "_");
}

/** Problems with the feature's props; paths relative to them (config: `endpoints`). */
export function checkPrivateLinkEndpoints(p: Omit<PrivateLinkEndpointsProps, "network"> & { readonly network: Pick<INetwork, "region" | "privateSubnets" | "subnetIpAddressType" | "vpcCidrBlock"> }): Problem[] {
  const problems: Problem[] = [];
  if (p.policy !== undefined) problems.push(...under("policy", checkEndpointPolicy(p.policy)));
  const names = new Map<string, number>();
  const taken = new Set(p.servicesTaken ?? []);
  p.endpoints.forEach((r, i) => {
    const at = `services[${i}]`;
    const push = (path: string, value: unknown, rule: string) => problems.push({ path: `${at}${path ? `.${path}` : ""}`, value, rule });
    if ((r.service === undefined) === (r.serviceName === undefined)) {
      push("", r, "must give exactly one of service (from the catalogue) and serviceName (a custom PrivateLink service)");
      return;
    }
    if (r.serviceName !== undefined) {
      if (!VPCE_SERVICE_RE.test(r.serviceName)) push("serviceName", r.serviceName, "must be an endpoint service name: com.amazonaws.vpce.<region>.vpce-svc-<17 hex digits>");
      if (r.name === undefined) push("name", undefined, "is required with serviceName (it names the endpoint's Terraform address)");
      if (r.type === "Gateway") push("type", r.type, "must be Interface for a custom PrivateLink service");
    } else {
      const spec = findEndpointService(r.service!);
      const type = r.type ?? (spec?.types[0] ?? "Interface");
      const problem = endpointServiceProblem(r.service!, type, p.network.region);
      if (problem) push(r.type !== undefined && spec ? "type" : "service", r.type !== undefined && spec ? r.type : r.service, problem);
      if (taken.has(r.service!)) push("service", r.service, "is already created by another feature of this deployment (mwaa): one endpoint per service per VPC");
      if (type === "Gateway") {
        for (const k of ["privateDns", "excludeAvailabilityZones", "ipAddressType", "ports"] as const) {
          if (r[k] !== undefined) push(k, r[k], "does not apply to a gateway endpoint (PL-7: it attaches to route tables, not subnets)");
        }
      }
    }
    if (r.name !== undefined && !NAME_RE.test(r.name)) push("name", r.name, "must be a lowercase Terraform name: a letter, then letters, digits or _, at most 40 characters");
    const name = endpointAddressName(r);
    const first = names.get(name);
    if (first !== undefined) push(r.name !== undefined ? "name" : "service", r.name ?? r.service, `must be unique; services[${first}] makes the same endpoint (aws_vpc_endpoint.endpoints_${name})`);
    else names.set(name, i);

    const azs = p.network.privateSubnets.map((s) => s.availabilityZone);
    (r.excludeAvailabilityZones ?? []).forEach((az, j) => {
      if (!azs.includes(az)) push(`excludeAvailabilityZones[${j}]`, az, `must be one of the network's Availability Zones (${azs.join(", ")})`);
    });
    const remaining = azs.filter((az) => !(r.excludeAvailabilityZones ?? []).includes(az));
    const isGateway = r.service !== undefined && (r.type ?? findEndpointService(r.service)?.types[0]) === "Gateway";
    if (!isGateway && remaining.length < 2 && !p.allowSingleAz) {
      push("excludeAvailabilityZones", r.excludeAvailabilityZones ?? [], `must leave at least 2 Availability Zones (PL-1: one AZ is a single point of failure), ${remaining.length} left; set allowSingleAz: true for non-production`);
    }
    const subnetType = p.network.subnetIpAddressType;
    if (r.ipAddressType !== undefined && !ipTypeFits(r.ipAddressType, subnetType)) {
      push("ipAddressType", r.ipAddressType, `must match the subnets, which are ${subnetType === "ipv4" ? "IPv4-only" : subnetType === "ipv6" ? "IPv6-only" : "dual-stack"} (PL-3): ${allowedIpTypes(subnetType).join(" or ")}`);
    }
    (r.ports ?? []).forEach((port, j) => {
      if (!Number.isInteger(port) || port < 1 || port > 65535) push(`ports[${j}]`, port, "must be a TCP port from 1 to 65535");
    });
    if (r.ports !== undefined && r.service !== undefined) push("ports", r.ports, "is only for custom services; catalogue services use their own ports");
    if (r.policy !== undefined && r.policy !== "none") problems.push(...under(`${at}.policy`, checkEndpointPolicy(r.policy)));
  });
  if (p.resolverInbound) {
    const cidrs = p.resolverInbound.allowedCidrs;
    if (cidrs.length === 0) problems.push({ path: "resolverInbound.allowedCidrs", value: cidrs, rule: "must name at least one network allowed to query it" });
    cidrs.forEach((c, i) => {
      const parsed = parseIpv4Cidr(c);
      if (typeof parsed === "string") problems.push({ path: `resolverInbound.allowedCidrs[${i}]`, value: c, rule: parsed });
      else if (parsed.prefix === 0) problems.push({ path: `resolverInbound.allowedCidrs[${i}]`, value: c, rule: "must not be 0.0.0.0/0: name the networks that may query (no ingress from anywhere)" });
    });
    if (p.network.privateSubnets.length < 2) problems.push({ path: "resolverInbound", value: p.resolverInbound, rule: "needs private subnets in two Availability Zones (Route 53 Resolver requires two IP addresses)" });
    if (p.network.subnetIpAddressType === "ipv6") problems.push({ path: "resolverInbound", value: p.resolverInbound, rule: "needs IPv4 subnets (this inbound endpoint listens on IPv4)" });
  }
  return problems;
}

function ipTypeFits(endpoint: EndpointIpAddressType, subnets: INetwork["subnetIpAddressType"]): boolean {
  return allowedIpTypes(subnets).includes(endpoint);
}

function allowedIpTypes(subnets: INetwork["subnetIpAddressType"]): EndpointIpAddressType[] {
  return subnets === "ipv4" ? ["ipv4"] : subnets === "ipv6" ? ["ipv6"] : ["ipv4", "dualstack", "ipv6"];
}

/**
 * VPC endpoints for any AWS service, or a custom PrivateLink service: interface endpoints in one
 * private subnet per AZ (PL-1) behind one shared security group that admits only the VPC on the
 * service's ports (PL-4), with the IP address type the subnets carry (PL-3) and private DNS where
 * the service supports it (PL-2); gateway endpoints on the private route tables (PL-7). Optionally
 * a Route 53 Resolver inbound endpoint for on-premises DNS (PL-6).
 */
export class PrivateLinkEndpoints extends Construct {
  readonly securityGroup?: SecurityGroup;
  readonly interfaceEndpoints: ReadonlyMap<string, InterfaceEndpoint>;
  readonly gatewayEndpoints: ReadonlyMap<string, GatewayEndpoint>;
  readonly resolverEndpoint?: Route53ResolverEndpoint;

  constructor(scope: Construct, id: string, props: PrivateLinkEndpointsProps) {
    super(scope, id);
    assertNoProblems(checkPrivateLinkEndpoints(props));
    const net = props.network;
    const defaultIpType: EndpointIpAddressType = net.subnetIpAddressType;
    const planned: PlannedEndpoint[] = props.endpoints.map((r) => ({
      request: r,
      name: endpointAddressName(r),
      type: r.type ?? (r.service ? endpointService(r.service).types[0] : "Interface"),
      subnets: net.privateSubnets.filter((s) => !(r.excludeAvailabilityZones ?? []).includes(s.availabilityZone)),
      ipAddressType: r.ipAddressType ?? (defaultIpType === "ipv4" ? undefined : defaultIpType),
      ports: r.ports ?? (r.service ? endpointService(r.service).ports : [443]),
    }));

    const interfaces = planned.filter((p) => p.type === "Interface");
    const interfaceEndpoints = new Map<string, InterfaceEndpoint>();
    if (interfaces.length > 0) {
      this.securityGroup = new SecurityGroup(this, "Default", {
        name: `${props.namePrefix}-endpoints`,
        description: "Interface VPC endpoints: HTTPS (and the ports of each service) from the VPC only",
        vpcId: net.vpcId,
        tags: { Name: `${props.namePrefix}-endpoints` },
      });
      // No egress rules: endpoints only answer. Ingress from the VPC's own blocks, never 0.0.0.0/0.
      const ports = [...new Set(interfaces.flatMap((p) => p.ports))].sort((a, b) => a - b);
      const sources: [string, { cidrIpv4?: string; cidrIpv6?: string }][] = [];
      if (net.vpcCidrBlock && net.subnetIpAddressType !== "ipv6") sources.push(["vpc_ipv4", { cidrIpv4: net.vpcCidrBlock }]);
      if (net.vpcIpv6CidrBlock) sources.push(["vpc_ipv6", { cidrIpv6: net.vpcIpv6CidrBlock }]);
      if (sources.length === 0) throw new Error("PrivateLinkEndpoints: the network's CIDR block is unknown (give existingNetwork.cidrBlock)");
      for (const port of ports) {
        for (const [label, source] of sources) {
          new VpcSecurityGroupIngressRule(this, `ingress_${label}_${port}`, {
            securityGroupId: this.securityGroup.id,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            ...source,
            description: `TCP ${port} from the VPC (${label === "vpc_ipv4" ? "IPv4" : "IPv6"})`,
          });
        }
      }
      for (const p of interfaces) {
        const r = p.request;
        const preset = r.policy ?? props.policy ?? "allow-all";
        interfaceEndpoints.set(
          p.name,
          new InterfaceEndpoint(this, p.name, {
            service: r.service ?? p.name,
            customServiceName: r.serviceName,
            region: net.region,
            vpcId: net.vpcId,
            subnetIds: p.subnets.map((s) => s.subnetId),
            securityGroupIds: [this.securityGroup.id],
            privateDnsEnabled: r.privateDns,
            ipAddressType: p.ipAddressType,
            // A custom service gets a policy only when one is asked for: not every service supports them.
            policy: preset === "none" || (r.serviceName !== undefined && r.policy === undefined) ? "none" : endpointPolicyDocument(preset),
            tags: { Name: `${props.namePrefix}-${p.name}` },
          }),
        );
      }
    }
    this.interfaceEndpoints = interfaceEndpoints;

    const gatewayEndpoints = new Map<string, GatewayEndpoint>();
    for (const p of planned.filter((x) => x.type === "Gateway")) {
      const preset = p.request.policy ?? props.policy ?? "allow-all";
      gatewayEndpoints.set(
        p.name,
        new GatewayEndpoint(this, p.name, {
          service: p.request.service!,
          region: net.region,
          vpcId: net.vpcId,
          routeTableIds: net.privateRouteTableIds,
          policy: preset === "none" ? undefined : endpointPolicyDocument(preset),
          tags: { Name: `${props.namePrefix}-${p.name}` },
        }),
      );
    }
    this.gatewayEndpoints = gatewayEndpoints;

    if (props.resolverInbound) {
      const dns = new Construct(this, "_dns_inbound");
      const sg = new SecurityGroup(new Construct(dns, "_sg"), "dns_inbound", {
        name: `${props.namePrefix}-dns-inbound`,
        description: "Route 53 Resolver inbound endpoint: DNS (53/TCP, 53/UDP) from the named networks",
        vpcId: net.vpcId,
        tags: { Name: `${props.namePrefix}-dns-inbound` },
      });
      props.resolverInbound.allowedCidrs.forEach((cidr, i) => {
        for (const protocol of ["tcp", "udp"]) {
          new VpcSecurityGroupIngressRule(dns, `dns_inbound_${protocol}_${i}`, {
            securityGroupId: sg.id,
            ipProtocol: protocol,
            fromPort: 53,
            toPort: 53,
            cidrIpv4: cidr,
            description: `DNS over ${protocol.toUpperCase()} from ${cidr}`,
          });
        }
      });
      this.resolverEndpoint = new Route53ResolverEndpoint(dns, "dns_inbound", {
        name: `${props.namePrefix}-inbound`,
        direction: "INBOUND",
        securityGroupIds: [sg.id],
        ipAddress: net.privateSubnets.slice(0, 2).map((s) => ({ subnetId: s.subnetId })),
        protocols: ["Do53"],
        tags: { Name: `${props.namePrefix}-inbound` },
      });
    }
  }
}
