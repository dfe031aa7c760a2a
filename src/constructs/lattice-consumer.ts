import { Construct } from "../cdk/cdktf";
import { SecurityGroup, VpcEndpoint, VpclatticeServiceNetwork, VpclatticeServiceNetworkResourceAssociation, VpcSecurityGroupIngressRule } from "../cdk/aws";
import { RESOURCE_CONFIGURATION_ARN_RE, resourceConfigurationId, snakeName } from "../aws/lattice";
import { checkValue } from "../aws/value-rules";
import { assertNoProblems, Problem, repeatedKeys } from "../problems";
import type { INetwork } from "./network";
import { group } from "./scope";

/** A shared resource configuration this VPC reaches (LAT-4). */
export interface ConsumedResource {
  /** Local name: the address suffix and the output key. */
  readonly name: string;
  readonly resourceConfigurationArn: string;
  /** `endpoint`: a VPC endpoint of type Resource. `serviceNetwork`: through the service network's endpoint. @default "endpoint" */
  readonly via?: "endpoint" | "serviceNetwork";
  /** Ports the VPC's clients use. @default [443] */
  readonly ports?: readonly number[];
  /** Private DNS on the endpoint. @default true */
  readonly privateDns?: boolean;
}

export interface LatticeConsumerProps {
  readonly network: INetwork;
  readonly namePrefix: string;
  readonly resources: readonly ConsumedResource[];
  /** Needed when a resource is reached `via: serviceNetwork`. @default - no service network */
  readonly serviceNetworkName?: string;
}

/** Problems with the consumer side; paths relative to `lattice`. */
export function checkLatticeConsumer(p: Omit<LatticeConsumerProps, "network" | "namePrefix"> & { readonly network: Pick<INetwork, "vpcCidrBlock"> }): Problem[] {
  const problems: Problem[] = [];
  const repeated = repeatedKeys(p.resources, (r) => snakeName(r.name));
  p.resources.forEach((r, i) => {
    const at = `consume[${i}]`;
    if (!/^[a-z][a-z0-9_-]{0,39}$/.test(r.name)) problems.push({ path: `${at}.name`, value: r.name, rule: "must be a lowercase name: a letter, then letters, digits, - or _, at most 40 characters" });
    const first = repeated.get(i);
    if (first !== undefined) problems.push({ path: `${at}.name`, value: r.name, rule: `must be unique; consume[${first}] has the same name` });
    if (!RESOURCE_CONFIGURATION_ARN_RE.test(r.resourceConfigurationArn)) {
      problems.push({ path: `${at}.resourceConfigurationArn`, value: r.resourceConfigurationArn, rule: "must be a resource configuration ARN: arn:aws:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-<17 characters>" });
    }
    const ports = r.ports ?? [443];
    if (ports.length === 0) problems.push({ path: `${at}.ports`, value: ports, rule: "must list at least one port the VPC's clients use" });
    ports.forEach((port, j) => {
      if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push({ path: `${at}.ports[${j}]`, value: port, rule: "must be a port from 1 to 65535" });
    });
  });
  const viaNetwork = p.resources.some((r) => r.via === "serviceNetwork");
  if (viaNetwork && p.serviceNetworkName === undefined) problems.push({ path: "serviceNetwork", value: undefined, rule: "is required when a consume entry has via: serviceNetwork (LAT-4)" });
  if (!viaNetwork && p.serviceNetworkName !== undefined) problems.push({ path: "serviceNetwork", value: { name: p.serviceNetworkName }, rule: "must be left out unless a consume entry has via: serviceNetwork: nothing would use it" });
  problems.push(...checkValue("serviceNetwork.name", p.serviceNetworkName, "lattice.service-network-name"));
  if (p.resources.length > 0 && p.network.vpcCidrBlock === undefined) {
    problems.push({ path: "consume", value: p.resources.map((r) => r.name), rule: "needs the VPC's cidrBlock (existingNetwork.cidrBlock): the endpoints' security group admits the VPC's clients" });
  }
  return problems;
}

/**
 * The consumer side of VPC Lattice resource sharing (LAT-4), in a VPC of its own (possibly another
 * account): each shared resource configuration is reached either through a VPC endpoint of type
 * Resource, or by associating it with a service network that the VPC reaches through one VPC
 * endpoint of type ServiceNetwork. The endpoints sit in every private subnet (at least one AZ must
 * overlap the owner's resource gateway) behind one security group that admits the VPC's clients on
 * the resources' ports and nothing else.
 */
export class LatticeConsumer extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly serviceNetwork?: VpclatticeServiceNetwork;
  readonly serviceNetworkEndpoint?: VpcEndpoint;
  /** Per resource: the DNS entries consumers use (the endpoint's, or the association's). */
  readonly dnsEntries: Readonly<Record<string, unknown>>;
  readonly endpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: LatticeConsumerProps) {
    super(scope, id);
    const net = props.network;
    assertNoProblems(checkLatticeConsumer(props));
    const name = `${props.namePrefix}-lattice-endpoints`;
    this.securityGroup = new SecurityGroup(group(this, "_sg"), "endpoints", {
      name,
      description: "VPC Lattice endpoints: the ports of the shared resources, from the VPC only",
      vpcId: net.vpcId,
      tags: { Name: name },
    });
    const rules = group(this, "_rules");
    const ports = [...new Set(props.resources.flatMap((r) => r.ports ?? [443]))].sort((a, b) => a - b);
    for (const port of ports) {
      const common = { securityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port, description: `TCP ${port} from the VPC` };
      if (net.subnetIpAddressType !== "ipv6") new VpcSecurityGroupIngressRule(rules, `endpoints_${port}_vpc`, { ...common, cidrIpv4: net.vpcCidrBlock! });
      if (net.vpcIpv6CidrBlock) new VpcSecurityGroupIngressRule(rules, `endpoints_${port}_vpc_ipv6`, { ...common, cidrIpv6: net.vpcIpv6CidrBlock });
    }
    const endpointCommon = {
      vpcId: net.vpcId,
      subnetIds: net.privateSubnets.map((s) => s.subnetId),
      securityGroupIds: [this.securityGroup.id],
      ipAddressType: net.subnetIpAddressType,
    };

    const dns: Record<string, unknown> = {};
    const endpoints: Record<string, VpcEndpoint> = {};
    const viaNetwork = props.resources.filter((r) => r.via === "serviceNetwork");
    if (viaNetwork.length > 0) {
      const sn = new VpclatticeServiceNetwork(group(this, "_network"), "service_network", { name: props.serviceNetworkName!, authType: "NONE", tags: { Name: props.serviceNetworkName! } });
      this.serviceNetwork = sn;
      this.serviceNetworkEndpoint = new VpcEndpoint(group(this, "_network"), "service_network_endpoint", {
        ...endpointCommon,
        vpcEndpointType: "ServiceNetwork",
        serviceNetworkArn: sn.arn,
        privateDnsEnabled: viaNetwork.every((r) => r.privateDns ?? true),
        tags: { Name: `${props.namePrefix}-${props.serviceNetworkName}` },
      });
      for (const r of viaNetwork) {
        const association = new VpclatticeServiceNetworkResourceAssociation(this, snakeName(r.name), {
          serviceNetworkIdentifier: sn.id,
          // The ID, not the ARN: the service answers with the ID and provider 5.100.0 then fails the
          // apply with "inconsistent result" (hashicorp/terraform-provider-aws#44546). AWS accepts
          // either form (CreateServiceNetworkResourceAssociation, resourceConfigurationIdentifier).
          resourceConfigurationIdentifier: resourceConfigurationId(r.resourceConfigurationArn),
          tags: { Name: r.name },
        });
        dns[r.name] = association.interpolationForAttribute("dns_entry");
      }
    }
    for (const r of props.resources.filter((x) => (x.via ?? "endpoint") === "endpoint")) {
      const endpoint = new VpcEndpoint(this, snakeName(r.name), {
        ...endpointCommon,
        vpcEndpointType: "Resource",
        resourceConfigurationArn: r.resourceConfigurationArn,
        privateDnsEnabled: r.privateDns ?? true,
        tags: { Name: `${props.namePrefix}-${r.name}` },
      });
      endpoints[r.name] = endpoint;
      dns[r.name] = endpoint.interpolationForAttribute("dns_entry");
    }
    this.dnsEntries = dns;
    this.endpoints = endpoints;
  }
}
