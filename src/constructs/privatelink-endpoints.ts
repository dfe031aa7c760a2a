import { Construct, TerraformProvider } from "../cdk/cdktf";
import { Route53ResolverEndpoint, SecurityGroup, VpcSecurityGroupIngressRule } from "../cdk/aws";
import type { EndpointsPlan } from "../plan/types";
import { GatewayEndpoint } from "./gateway-endpoint";
import { InterfaceEndpoint } from "./interface-endpoint";
import { INetwork } from "./network";
import { addOutput, subnetsIn } from "./scope";

export interface PrivateLinkEndpointsProps extends Omit<EndpointsPlan, "madeBy"> {
  readonly network: INetwork;
  /**
   * The provider (account) that makes every resource here: a shared VPC's owner, where
   * participants cannot create endpoints or Resolver endpoints.
   * @default - the stack's default provider
   */
  readonly provider?: TerraformProvider;
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
    const net = props.network;
    const interfaces = props.endpoints.flatMap((e) => (e.type === "Interface" ? [e] : []));
    const interfaceEndpoints = new Map<string, InterfaceEndpoint>();
    if (interfaces.length > 0) {
      this.securityGroup = new SecurityGroup(this, "Default", {
        name: `${props.namePrefix}-endpoints`,
        description: "Interface VPC endpoints: HTTPS (and the ports of each service) from the VPC only",
        vpcId: net.vpcId,
        tags: { Name: `${props.namePrefix}-endpoints` },
        provider: props.provider,
      });
      // No egress rules: endpoints only answer. Ingress from the VPC's own blocks, never 0.0.0.0/0.
      const ports = [...new Set(interfaces.flatMap((e) => e.ports))].sort((a, b) => a - b);
      const sources: [string, { cidrIpv4?: string; cidrIpv6?: string }][] = [];
      if (net.vpcCidrBlock && net.subnetIpAddressType !== "ipv6") sources.push(["vpc_ipv4", { cidrIpv4: net.vpcCidrBlock }]);
      if (net.vpcIpv6CidrBlock) sources.push(["vpc_ipv6", { cidrIpv6: net.vpcIpv6CidrBlock }]);
      // A hub's spokes, by deployment: they reach these endpoints over the Transit Gateway.
      for (const a of props.admitCidrs ?? []) sources.push([`spoke_${a.label}`, { cidrIpv4: a.cidr }]);
      if (sources.length === 0)
        throw new Error("PrivateLinkEndpoints: the network's CIDR block is unknown (give existingNetwork.cidrBlock)");
      for (const port of ports) {
        for (const [label, source] of sources) {
          new VpcSecurityGroupIngressRule(this, `ingress_${label}_${port}`, {
            securityGroupId: this.securityGroup.id,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            ...source,
            description: label.startsWith("spoke_")
              ? `TCP ${port} from the spoke ${label.slice("spoke_".length)} (${source.cidrIpv4})`
              : `TCP ${port} from the VPC (${label === "vpc_ipv4" ? "IPv4" : "IPv6"})`,
            provider: props.provider,
          });
        }
      }
      for (const e of interfaces) {
        interfaceEndpoints.set(
          e.name,
          new InterfaceEndpoint(this, e.name, {
            ...("catalogue" in e.service
              ? { service: e.service.catalogue }
              : { service: e.service.label, customServiceName: e.service.custom }),
            region: net.region,
            vpcId: net.vpcId,
            subnetIds: subnetsIn(net, e.availabilityZones).map((s) => s.subnetId),
            securityGroupIds: [this.securityGroup.id],
            privateDnsEnabled: e.privateDns,
            ipAddressType: e.ipAddressType,
            policy: e.policy,
            tags: e.tags,
            provider: props.provider,
          }),
        );
      }
    }
    this.interfaceEndpoints = interfaceEndpoints;

    const gatewayEndpoints = new Map<string, GatewayEndpoint>();
    for (const e of props.endpoints) {
      if (e.type !== "Gateway") continue;
      net.privateRoutes.push({ destination: e.service, target: "gateway-endpoint" });
      gatewayEndpoints.set(
        e.name,
        new GatewayEndpoint(this, e.name, {
          service: e.service,
          region: net.region,
          vpcId: net.vpcId,
          routeTableIds: net.privateRouteTableIds,
          policy: e.policy,
          tags: e.tags,
          provider: props.provider,
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
        provider: props.provider,
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
            provider: props.provider,
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
        provider: props.provider,
      });
    }
    this.addOutputs(props.admitCidrs ?? []);
  }

  private addOutputs(admitted: NonNullable<PrivateLinkEndpointsProps["admitCidrs"]>): void {
    const interfaces = [...this.interfaceEndpoints.entries()];
    const gateways = [...this.gatewayEndpoints.entries()];
    addOutput(
      this,
      "endpoint_ids",
      Object.fromEntries([...interfaces, ...gateways].map(([name, e]) => [name, e.endpointId])),
      "VPC endpoint IDs, by name",
    );
    if (interfaces.length > 0) {
      addOutput(
        this,
        "endpoint_dns_names",
        Object.fromEntries(interfaces.map(([name, e]) => [name, { regional: e.regionalDnsName, zonal: e.zonalDnsNames }])),
        "Interface endpoints' DNS names, by name: the regional name and one zonal name per AZ (PL-6)",
      );
      addOutput(
        this,
        "endpoints_security_group_id",
        this.securityGroup!.id,
        admitted.length === 0
          ? "Security group of the interface endpoints (the services' ports from the VPC only)"
          : `Security group of the interface endpoints (the services' ports from the VPC and from the spokes ${admitted.map((a) => `${a.label} (${a.cidr})`).join(", ")} only)`,
      );
    }
    const resolver = this.resolverEndpoint;
    if (resolver) {
      addOutput(
        this,
        "dns_inbound_resolver_endpoint_id",
        resolver.id,
        "Route 53 Resolver inbound endpoint: forward on-premises queries for the endpoints' names here",
      );
      addOutput(
        this,
        "dns_inbound_resolver_ips",
        `\${[for a in ${resolver.terraformResourceType}.${resolver.friendlyUniqueId}.ip_address : a.ip]}`,
        "IP addresses of the Route 53 Resolver inbound endpoint (targets for on-premises conditional forwarders)",
      );
    }
  }
}
