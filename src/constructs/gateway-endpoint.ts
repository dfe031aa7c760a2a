import { Construct, Fn, TerraformProvider } from "../cdk/cdktf";
import { VpcEndpoint } from "../cdk/aws";
import { endpointServiceName, endpointServiceProblem, GatewayServiceName } from "../aws/endpoint-services";
import { allowAllEndpointPolicy, PolicyDocument } from "../aws/iam-policy";
import { assertNoProblems, Problem } from "../problems";

export interface GatewayEndpointProps {
  /** `s3` or `dynamodb`: the services offered as gateway endpoints. */
  readonly service: GatewayServiceName;
  readonly region: string;
  readonly vpcId: string;
  /** Route tables that get the service's prefix-list route (PL-7): gateway endpoints take no subnets or security groups. */
  readonly routeTableIds: readonly string[];
  /**
   * Endpoint policy (PL-4).
   * @default - allow all
   */
  readonly policy?: PolicyDocument;
  /** @default - no tags beyond the provider's default tags */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The provider (account) that makes it: a shared VPC's owner, where participants cannot create endpoints.
   * @default - the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/** A gateway VPC endpoint (S3, DynamoDB), attached to route tables. Gateway endpoints are free. */
export class GatewayEndpoint extends Construct {
  readonly endpoint: VpcEndpoint;
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: GatewayEndpointProps) {
    super(scope, id);
    const problems: Problem[] = [];
    const serviceProblem = endpointServiceProblem(props.service, "Gateway", props.region);
    if (serviceProblem) problems.push({ path: "service", value: props.service, rule: serviceProblem });
    if (props.routeTableIds.length < 1)
      problems.push({ path: "routeTableIds", value: props.routeTableIds, rule: "must name at least one route table" });
    assertNoProblems(problems);

    this.serviceName = endpointServiceName(props.region, props.service);
    this.endpoint = new VpcEndpoint(this, "Default", {
      vpcId: props.vpcId,
      serviceName: this.serviceName,
      vpcEndpointType: "Gateway",
      routeTableIds: [...props.routeTableIds],
      policy: Fn.jsonencode(props.policy ?? allowAllEndpointPolicy()),
      tags: props.tags ? { ...props.tags } : undefined,
      provider: props.provider,
    });
  }

  get endpointId(): string {
    return this.endpoint.id;
  }
}
