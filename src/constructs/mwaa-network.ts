import { Construct, TerraformProvider } from "../cdk/cdktf";
import { SecurityGroup, VpcEndpoint, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from "../cdk/aws";
import { ecrLayerBucketName, PolicyDocument, s3BucketArn } from "../aws/iam-policy";
import type { MwaaNetworkPlan } from "../plan/types";
import { GatewayEndpoint } from "./gateway-endpoint";
import { InterfaceEndpoint } from "./interface-endpoint";
import { INetwork, NetworkSubnet } from "./network";
import { addOutput } from "./scope";

export interface MwaaNetworkProps extends Omit<MwaaNetworkPlan, "endpointsMadeBy"> {
  /** The network the environment runs in. Its first two private subnets become the environment's subnets. */
  readonly network: INetwork;
  /**
   * A shared VPC's owner: makes the endpoints, the S3 gateway endpoint and a security group of its
   * own for the endpoints (a participant cannot create endpoints, and an endpoint takes its owner's
   * groups), which admits the VPC's IPv4 block on 443. The environment's group stays with the
   * stack's default provider (the participant).
   * @default - the stack's default provider makes everything; environment and endpoints share one group
   */
  readonly endpointsProvider?: TerraformProvider;
}

/**
 * Everything an Amazon MWAA environment needs from its network: the security group (MWAA-P1,
 * MWAA-U1) and, when the network has no internet access (private routing, or an existing VPC,
 * MWAA-G3), the VPC endpoints of MWAA-P5 with MWAA-P6..P10 in the environment's two subnets
 * (MWAA-P2, MWAA-P7). With public routing the environment reaches AWS through NAT, so only the
 * extra endpoints asked for are created.
 */
export class MwaaNetwork extends Construct {
  readonly securityGroup: SecurityGroup;
  /** The endpoints' own group in a shared VPC (the owner's); otherwise the environment's group serves both. */
  readonly endpointsSecurityGroup?: SecurityGroup;
  /** The provider that makes endpoints in this VPC (the owner's in a shared VPC). */
  readonly endpointsProvider?: TerraformProvider;
  /** The group the VPC endpoints use: the environment's own, or the owner's in a shared VPC. */
  readonly endpointsSecurityGroupId: string;
  /** The VPC's IPv4 block, when known (always in a shared VPC). */
  readonly vpcCidrBlock?: string;
  /** The group's rules: an environment must not be created before they exist (MWAA checks them at create time). */
  readonly securityGroupRules: (VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule)[] = [];
  readonly vpcId: string;
  /** The two subnets the environment uses (and its interface endpoints are placed in). */
  readonly environmentSubnets: readonly NetworkSubnet[];
  /** Interface endpoints by catalogue name, required ones first, in a stable order. */
  readonly interfaceEndpoints: ReadonlyMap<string, InterfaceEndpoint>;
  /** The S3 gateway endpoint (private routing only). */
  readonly s3GatewayEndpoint?: GatewayEndpoint;

  constructor(scope: Construct, id: string, props: MwaaNetworkProps) {
    super(scope, id);
    const region = props.network.region;

    this.environmentSubnets = props.network.privateSubnets.slice(0, 2);
    this.vpcId = props.network.vpcId;
    this.vpcCidrBlock = props.network.vpcCidrBlock;

    this.securityGroup = new SecurityGroup(this, "Default", {
      name: `${props.environmentName}-mwaa`,
      description: props.endpointsProvider
        ? `Amazon MWAA environment ${props.environmentName}`
        : `Amazon MWAA environment ${props.environmentName} and its VPC endpoints`,
      vpcId: props.network.vpcId,
      tags: { Name: `${props.environmentName}-mwaa` },
    });
    const sgId = this.securityGroup.id;
    if (props.hardenedSecurityGroup) {
      // The documented optional hardening: the web server and endpoints (443) and the metadata
      // database (5432), from members of the group only.
      this.securityGroupRules.push(
        new VpcSecurityGroupIngressRule(this, "ingress_https_self", {
          securityGroupId: sgId,
          referencedSecurityGroupId: sgId,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: "HTTPS (web server, VPC endpoints) from the environment itself",
        }),
      );
      this.securityGroupRules.push(
        new VpcSecurityGroupIngressRule(this, "ingress_postgres_self", {
          securityGroupId: sgId,
          referencedSecurityGroupId: sgId,
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          description: "PostgreSQL (metadata database) from the environment itself",
        }),
      );
    } else {
      this.securityGroupRules.push(
        new VpcSecurityGroupIngressRule(this, "ingress_self", {
          securityGroupId: sgId,
          referencedSecurityGroupId: sgId,
          ipProtocol: "-1",
          description: "All traffic from the environment itself (MWAA self-referencing rule)",
        }),
      );
    }
    // All outbound, as MWAA requires; where it can go is the route tables' business, and the
    // description says which (a description can be changed in place: ModifySecurityGroupRules).
    const net = props.network;
    const reach =
      net.origin === "existing"
        ? "where it can go is decided by the route tables of the existing VPC"
        : net.routing === "public"
          ? "the private subnets reach the internet through the NAT gateways"
          : "the VPC has no NAT or internet gateway";
    this.securityGroupRules.push(
      new VpcSecurityGroupEgressRule(this, "egress_all", {
        securityGroupId: sgId,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "-1",
        description: `All outbound traffic (MWAA requirement; ${reach})`,
      }),
    );

    const provider = props.endpointsProvider;
    this.endpointsProvider = provider;
    let endpointGroupId = sgId;
    if (provider) {
      const cidr = props.network.vpcCidrBlock;
      if (!cidr) throw new Error("MwaaNetwork: a shared VPC needs the VPC's CIDR block (existingNetwork.cidrBlock)");
      this.endpointsSecurityGroup = new SecurityGroup(this, "endpoints", {
        name: `${props.environmentName}-mwaa-endpoints`,
        description: `VPC endpoints of Amazon MWAA environment ${props.environmentName} (made by the VPC owner)`,
        vpcId: props.network.vpcId,
        tags: { Name: `${props.environmentName}-mwaa-endpoints` },
        provider,
      });
      endpointGroupId = this.endpointsSecurityGroup.id;
      // No egress rules: endpoints only answer. The VPC's block, not the environment's group: the
      // group belongs to the participant, and the owner's rules name only what the owner holds.
      this.securityGroupRules.push(
        new VpcSecurityGroupIngressRule(this, "endpoints_ingress_https_vpc", {
          securityGroupId: endpointGroupId,
          cidrIpv4: cidr,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: "HTTPS to the VPC endpoints from the VPC",
          provider,
        }),
      );
    }
    this.endpointsSecurityGroupId = endpointGroupId;

    const subnetIds = this.environmentSubnets.map((s) => s.subnetId);
    const endpoints = new Map<string, InterfaceEndpoint>();
    for (const service of props.interfaceServices) {
      endpoints.set(
        service,
        new InterfaceEndpoint(this, service.replace(/[^a-z0-9]+/g, "_"), {
          service,
          region,
          vpcId: props.network.vpcId,
          subnetIds,
          securityGroupIds: [endpointGroupId],
          tags: { Name: `${props.environmentName}-${service}` },
          provider,
        }),
      );
    }
    this.interfaceEndpoints = endpoints;

    if (props.s3GatewayEndpoint) {
      props.network.privateRoutes.push({ destination: "s3", target: "gateway-endpoint" });
      this.s3GatewayEndpoint = new GatewayEndpoint(this, "s3", {
        service: "s3",
        region,
        vpcId: props.network.vpcId,
        routeTableIds: props.network.privateRouteTableIds,
        policy: mwaaS3GatewayPolicy(region, props.sourceBucketName),
        tags: { Name: `${props.environmentName}-s3` },
        provider,
      });
    }
    this.addOutputs();
  }

  private addOutputs(): void {
    const interfaceEndpoints = [...this.interfaceEndpoints.entries()];
    addOutput(
      this,
      "mwaa_security_group_id",
      this.securityGroupId,
      this.endpointsSecurityGroup
        ? "Security group for the MWAA environment (network_configuration.security_group_ids), in the participant account"
        : interfaceEndpoints.length > 0
          ? "Security group for the MWAA environment (network_configuration.security_group_ids) and its interface endpoints"
          : "Security group for the MWAA environment (network_configuration.security_group_ids)",
    );
    if (this.endpointsSecurityGroup)
      addOutput(
        this,
        "mwaa_endpoints_security_group_id",
        this.endpointsSecurityGroup.id,
        "Security group of the environment's VPC endpoints, in the VPC owner's account (HTTPS from the VPC)",
      );
    addOutput(
      this,
      "mwaa_subnet_ids",
      this.environmentSubnets.map((s) => s.subnetId),
      "The two private subnets for the MWAA environment (network_configuration.subnet_ids)",
    );
    if (interfaceEndpoints.length > 0) {
      addOutput(
        this,
        "mwaa_interface_endpoint_ids",
        Object.fromEntries(interfaceEndpoints.map(([name, e]) => [name, e.endpointId])),
        "Interface VPC endpoint IDs, by service short name",
      );
      addOutput(
        this,
        "mwaa_interface_endpoint_dns_entries",
        Object.fromEntries(interfaceEndpoints.map(([name, e]) => [name, e.dnsEntries])),
        "DNS entries of each interface endpoint (regional name first, then one per AZ), by service short name",
      );
    }
    if (this.s3GatewayEndpoint)
      addOutput(
        this,
        "mwaa_s3_gateway_endpoint_id",
        this.s3GatewayEndpoint.endpointId,
        "ID of the S3 gateway endpoint on the private route tables",
      );
  }

  get securityGroupId(): string {
    return this.securityGroup.id;
  }

  /** Every endpoint resource, for an environment to depend on. */
  endpointResources(): VpcEndpoint[] {
    return [
      ...[...this.interfaceEndpoints.values()].map((e) => e.endpoint),
      ...(this.s3GatewayEndpoint ? [this.s3GatewayEndpoint.endpoint] : []),
    ];
  }
}

/**
 * MWAA-P10: the S3 gateway endpoint carries all of the environment's S3 traffic, so its policy
 * must allow the source bucket (read, as the execution role does) and the ECR layer bucket
 * (container images are pulled from ECR, whose layers live in S3).
 */
export function mwaaS3GatewayPolicy(region: string, sourceBucketName: string): PolicyDocument {
  const bucket = s3BucketArn(sourceBucketName);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "MwaaSourceBucket",
        Effect: "Allow",
        Principal: "*",
        Action: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"],
        Resource: [bucket, `${bucket}/*`],
      },
      {
        Sid: "EcrImageLayers",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: `${s3BucketArn(ecrLayerBucketName(region))}/*`,
      },
    ],
  };
}
