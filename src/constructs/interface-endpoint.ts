import { Construct, Fn, TerraformProvider } from "../cdk/cdktf";
import { VpcEndpoint } from "../cdk/aws";
import { endpointService, endpointServiceName, endpointServiceProblem, EndpointServiceName } from "../aws/endpoint-services";
import { allowAllEndpointPolicy, PolicyDocument } from "../aws/iam-policy";
import { assertNoProblems, Problem } from "../problems";

import type { IpAddressType as EndpointIpAddressType } from "../net/ip-address-type";

/**
 * The endpoint's service: a name from the endpoint catalogue (`sqs`, `ecr.dkr`, `airflow.api`),
 * or a PrivateLink service outside it (a partner's or your own endpoint service), with a label.
 */
export type InterfaceEndpointService =
  | { readonly service: EndpointServiceName; readonly customServiceName?: undefined }
  | {
      /** A label for the custom service (used in messages). */
      readonly service: string;
      /** `com.amazonaws.vpce.<region>.vpce-svc-…` */
      readonly customServiceName: string;
    };

export type InterfaceEndpointProps = InterfaceEndpointService & InterfaceEndpointOptions;

export interface InterfaceEndpointOptions {
  /**
   * IP addresses of the endpoint's network interfaces; must be carried by its subnets (PL-3). The
   * DNS records follow it.
   * @default - the provider's default (ipv4)
   */
  readonly ipAddressType?: EndpointIpAddressType;
  readonly region: string;
  readonly vpcId: string;
  /** One subnet per Availability Zone, at least two (PL-1). */
  readonly subnetIds: readonly string[];
  /** Security groups of the endpoint's network interfaces (1–5). */
  readonly securityGroupIds: readonly string[];
  /**
   * Resolve the service's public regional name to the endpoint (needs VPC DNS support and
   * hostnames, MWAA-P6, PL-2).
   * @default - the catalogue's private-DNS default for the service
   */
  readonly privateDnsEnabled?: boolean;
  /**
   * Endpoint policy (PL-4); `none` for services that do not support endpoint policies.
   * @default - allow all: access is governed by the callers' IAM policies (MWAA-P9)
   */
  readonly policy?: PolicyDocument | "none";
  /** @default - no tags beyond the provider's default tags */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The provider (account) that makes it: a shared VPC's owner, where participants cannot create endpoints.
   * @default - the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/** An interface VPC endpoint (AWS PrivateLink) for one AWS service from the catalogue. */
export class InterfaceEndpoint extends Construct {
  readonly endpoint: VpcEndpoint;
  readonly service: string;
  /** `com.amazonaws.<region>.<service>` */
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: InterfaceEndpointProps) {
    super(scope, id);
    const problems: Problem[] = [];
    const serviceProblem =
      props.customServiceName === undefined ? endpointServiceProblem(props.service, "Interface", props.region) : undefined;
    if (serviceProblem) problems.push({ path: "service", value: props.service, rule: serviceProblem });
    if (props.subnetIds.length < 1) problems.push({ path: "subnetIds", value: props.subnetIds, rule: "must name at least one subnet" });
    if (props.securityGroupIds.length < 1 || props.securityGroupIds.length > 5) {
      problems.push({ path: "securityGroupIds", value: props.securityGroupIds, rule: "must name 1 to 5 security groups" });
    }
    assertNoProblems(problems);

    this.service = props.service;
    this.serviceName = props.customServiceName ?? endpointServiceName(props.region, props.service);
    const policy = props.policy ?? allowAllEndpointPolicy();
    this.endpoint = new VpcEndpoint(this, "Default", {
      vpcId: props.vpcId,
      serviceName: this.serviceName,
      vpcEndpointType: "Interface",
      privateDnsEnabled:
        props.privateDnsEnabled ?? (props.customServiceName === undefined ? endpointService(props.service).privateDns : false),
      subnetIds: [...props.subnetIds],
      securityGroupIds: [...props.securityGroupIds],
      policy: policy === "none" ? undefined : Fn.jsonencode(policy),
      ipAddressType: props.ipAddressType,
      dnsOptions: props.ipAddressType ? { dnsRecordIpType: props.ipAddressType } : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
      provider: props.provider,
    });
  }

  get endpointId(): string {
    return this.endpoint.id;
  }

  /** The endpoint's DNS entries (regional name first, then one per AZ): a list of {dns_name, hosted_zone_id}. */
  get dnsEntries(): unknown {
    return this.endpoint.interpolationForAttribute("dns_entry");
  }

  /** The regional DNS name (PL-6): the first DNS entry. */
  get regionalDnsName(): string {
    return `\${${this.address}.dns_entry[0].dns_name}`;
  }

  /** The zonal DNS names (PL-6), one per AZ: every DNS entry after the first. */
  get zonalDnsNames(): string {
    const e = `${this.address}.dns_entry`;
    return `\${[for e in slice(${e}, 1, length(${e})) : e.dns_name]}`;
  }

  private get address(): string {
    return `${this.endpoint.terraformResourceType}.${this.endpoint.friendlyUniqueId}`;
  }
}
