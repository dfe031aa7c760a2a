import { Construct } from "../cdk/cdktf";
import {
  SecurityGroup,
  VpcEndpoint,
  VpclatticeServiceNetwork,
  VpclatticeServiceNetworkResourceAssociation,
  VpcSecurityGroupIngressRule,
} from "../cdk/aws";
import { resourceConfigurationId, snakeName } from "../aws/lattice";
import type { INetwork } from "./network";
import { addOutput, group } from "./scope";

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
      const common = {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `TCP ${port} from the VPC`,
      };
      if (net.subnetIpAddressType !== "ipv6")
        new VpcSecurityGroupIngressRule(rules, `endpoints_${port}_vpc`, { ...common, cidrIpv4: net.vpcCidrBlock! });
      if (net.vpcIpv6CidrBlock)
        new VpcSecurityGroupIngressRule(rules, `endpoints_${port}_vpc_ipv6`, { ...common, cidrIpv6: net.vpcIpv6CidrBlock });
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
      const sn = new VpclatticeServiceNetwork(group(this, "_network"), "service_network", {
        name: props.serviceNetworkName!,
        authType: "NONE",
        tags: { Name: props.serviceNetworkName! },
      });
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
    addOutput(this, "lattice_resource_dns_entries", dns, "DNS entries clients in this VPC use for each shared resource, by name (LAT-4)");
    addOutput(
      this,
      "lattice_endpoints_security_group_id",
      this.securityGroup.id,
      "Security group of the VPC Lattice endpoints (the resources' ports from the VPC only)",
    );
    if (this.serviceNetwork) {
      addOutput(
        this,
        "lattice_service_network_arn",
        this.serviceNetwork.arn,
        "ARN of the service network the shared resources are associated with",
      );
      addOutput(
        this,
        "lattice_service_network_endpoint_id",
        this.serviceNetworkEndpoint!.id,
        "ID of the VPC endpoint (type ServiceNetwork) to the service network",
      );
    }
  }
}
