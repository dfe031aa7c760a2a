import { Construct } from "../cdk/cdktf";
import { SecurityGroup, VpcEndpoint, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from "../cdk/aws";
import { endpointServiceProblem } from "../aws/endpoint-services";
import { ecrLayerBucketName, PolicyDocument, s3BucketArn } from "../aws/iam-policy";
import { checkValue } from "../aws/value-rules";
import { hasFipsEndpoints } from "../aws/regions";
import { assertNoProblems, Problem } from "../problems";
import { GatewayEndpoint } from "./gateway-endpoint";
import { InterfaceEndpoint } from "./interface-endpoint";
import { INetwork, NetworkSubnet } from "./network";

/** MWAA-P5: the interface endpoints every private-routing environment needs. */
export const MWAA_REQUIRED_INTERFACE_ENDPOINTS: readonly string[] = [
  "airflow.api",
  "airflow.env",
  "airflow.ops",
  "ecr.api",
  "ecr.dkr",
  "kms",
  "logs",
  "monitoring",
  "sqs",
];
/** MWAA-P5: FIPS variants of the Airflow endpoints (US and Canada Regions). */
export const MWAA_FIPS_INTERFACE_ENDPOINTS: readonly string[] = ["airflow.api-fips", "airflow.env-fips", "airflow.ops-fips"];

export interface MwaaNetworkProps {
  /** The network the environment runs in. Its first two private subnets become the environment's subnets. */
  readonly network: INetwork;
  /** The MWAA environment's name; used in resource names and descriptions. */
  readonly environmentName: string;
  /** The environment's source (DAG) bucket: the S3 gateway endpoint policy allows it (MWAA-P10). */
  readonly sourceBucketName: string;
  /**
   * Limit the security group's inbound rules to TCP 443 and 5432 from itself instead of all
   * traffic from itself (MWAA-P1, optional hardening).
   * @default false
   */
  readonly hardenedSecurityGroup?: boolean;
  /**
   * More interface endpoints for services the DAGs call (`secretsmanager` for the Secrets Manager
   * backend, `sts`, …), by catalogue name.
   * @default - none
   */
  readonly extraEndpoints?: readonly string[];
  /**
   * Also create the FIPS Airflow endpoints (`airflow.api-fips`, `airflow.env-fips`,
   * `airflow.ops-fips`); US and Canada Regions only.
   * @default false
   */
  readonly fipsAirflowEndpoints?: boolean;
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
    assertNoProblems(checkMwaaNetworkProps(props));

    this.environmentSubnets = props.network.privateSubnets.slice(0, 2);
    this.vpcId = props.network.vpcId;

    this.securityGroup = new SecurityGroup(this, "Default", {
      name: `${props.environmentName}-mwaa`,
      description: `Amazon MWAA environment ${props.environmentName} and its VPC endpoints`,
      vpcId: props.network.vpcId,
      tags: { Name: `${props.environmentName}-mwaa` },
    });
    const sgId = this.securityGroup.id;
    if (props.hardenedSecurityGroup) {
      // The documented optional hardening: the web server and endpoints (443) and the metadata
      // database (5432), from members of the group only.
      new VpcSecurityGroupIngressRule(this, "ingress_https_self", {
        securityGroupId: sgId,
        referencedSecurityGroupId: sgId,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS (web server, VPC endpoints) from the environment itself",
      });
      new VpcSecurityGroupIngressRule(this, "ingress_postgres_self", {
        securityGroupId: sgId,
        referencedSecurityGroupId: sgId,
        ipProtocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
        description: "PostgreSQL (metadata database) from the environment itself",
      });
    } else {
      new VpcSecurityGroupIngressRule(this, "ingress_self", {
        securityGroupId: sgId,
        referencedSecurityGroupId: sgId,
        ipProtocol: "-1",
        description: "All traffic from the environment itself (MWAA self-referencing rule)",
      });
    }
    // All outbound, as MWAA requires: with no route out of the VPC, it can only reach the VPC.
    new VpcSecurityGroupEgressRule(this, "egress_all", {
      securityGroupId: sgId,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "-1",
      description: "All outbound traffic (MWAA requirement; the VPC has no route to the internet)",
    });

    const subnetIds = this.environmentSubnets.map((s) => s.subnetId);
    const privateRouting = props.network.routing === "private";
    const names = mwaaInterfaceServices(props.network.routing, props);
    const endpoints = new Map<string, InterfaceEndpoint>();
    for (const service of names) {
      endpoints.set(
        service,
        new InterfaceEndpoint(this, service.replace(/[^a-z0-9]+/g, "_"), {
          service,
          region,
          vpcId: props.network.vpcId,
          subnetIds,
          securityGroupIds: [sgId],
          tags: { Name: `${props.environmentName}-${service}` },
        }),
      );
    }
    this.interfaceEndpoints = endpoints;

    if (!privateRouting) return;
    this.s3GatewayEndpoint = new GatewayEndpoint(this, "s3", {
      service: "s3",
      region,
      vpcId: props.network.vpcId,
      routeTableIds: props.network.privateRouteTableIds,
      policy: mwaaS3GatewayPolicy(region, props.sourceBucketName),
      tags: { Name: `${props.environmentName}-s3` },
    });
  }

  get securityGroupId(): string {
    return this.securityGroup.id;
  }

  /** Every endpoint resource, for an environment to depend on. */
  endpointResources(): VpcEndpoint[] {
    return [...[...this.interfaceEndpoints.values()].map((e) => e.endpoint), ...(this.s3GatewayEndpoint ? [this.s3GatewayEndpoint.endpoint] : [])];
  }
}

/** The interface endpoints MwaaNetwork makes: the required ones without internet access, FIPS ones, extras. */
export function mwaaInterfaceServices(routing: INetwork["routing"], p: Pick<MwaaNetworkProps, "fipsAirflowEndpoints" | "extraEndpoints">): string[] {
  return [...(routing === "private" ? MWAA_REQUIRED_INTERFACE_ENDPOINTS : []), ...(p.fipsAirflowEndpoints ? MWAA_FIPS_INTERFACE_ENDPOINTS : []), ...(p.extraEndpoints ?? [])];
}

/** Every endpoint service MwaaNetwork makes in the VPC (interface, and the S3 gateway without internet access). */
export function mwaaEndpointServices(routing: INetwork["routing"], p: Pick<MwaaNetworkProps, "fipsAirflowEndpoints" | "extraEndpoints">): string[] {
  return [...(routing === "private" ? ["s3"] : []), ...mwaaInterfaceServices(routing, p)];
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

/** Problems with MWAA network props; paths relative to the props. */
export function checkMwaaNetworkProps(
  props: Omit<MwaaNetworkProps, "network"> & { readonly network: Pick<INetwork, "region" | "routing" | "privateSubnets" | "subnetIpAddressType"> },
): Problem[] {
  const problems: Problem[] = [];
  const region = props.network.region;
  if (props.network.subnetIpAddressType === "ipv6") {
    problems.push({ path: "network.subnetIpAddressType", value: "ipv6", rule: "must include IPv4: MWAA environments need IPv4 subnets (use ipv6: dualstack)" });
  }
  problems.push(...checkValue("environmentName", props.environmentName, "mwaa.environment-name"));
  problems.push(...checkValue("sourceBucketName", props.sourceBucketName, "s3.bucket-name"));
  const azs = new Set(props.network.privateSubnets.slice(0, 2).map((s) => s.availabilityZone));
  if (props.network.privateSubnets.length < 2 || azs.size < 2) {
    problems.push({ path: "network.privateSubnets", value: props.network.privateSubnets.map((s) => s.availabilityZone), rule: "must provide two private subnets in two different Availability Zones (MWAA-P2)" });
  }
  if (props.fipsAirflowEndpoints && !hasFipsEndpoints(region)) {
    problems.push({ path: "fipsAirflowEndpoints", value: true, rule: `needs a US or Canada Region; FIPS Airflow endpoints are not offered in ${region}` });
  }
  // s3 is already there as the gateway endpoint; an S3 interface endpoint beside it would need
  // private DNS for inbound resolver endpoints only, which is the PrivateLink feature's business.
  const required = props.network.routing === "private" ? ["s3", ...MWAA_REQUIRED_INTERFACE_ENDPOINTS] : [];
  const taken = new Set([...required, ...(props.fipsAirflowEndpoints ? MWAA_FIPS_INTERFACE_ENDPOINTS : [])]);
  (props.extraEndpoints ?? []).forEach((name, i) => {
    const path = `extraEndpoints[${i}]`;
    const serviceProblem = endpointServiceProblem(name, "Interface", region);
    if (serviceProblem) {
      problems.push({ path, value: name, rule: serviceProblem });
    } else if (taken.has(name)) {
      problems.push({ path, value: name, rule: "is already created (a required MWAA endpoint, or listed twice): remove it" });
    }
    taken.add(name);
  });
  return problems;
}
