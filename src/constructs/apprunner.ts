import { Construct, TerraformProvider } from "../cdk/cdktf";
import { SecurityGroup, VpcSecurityGroupIngressRule } from "../cdk/aws";
import type { AppRunnerPlan } from "../plan/types";
import { AppRunnerConnector } from "./apprunner-connector";
import { AppRunnerService } from "./apprunner-service";
import { InterfaceEndpoint } from "./interface-endpoint";
import { INetwork } from "./network";
import { addOutput, subnetsIn } from "./scope";

export interface AppRunnerProps extends AppRunnerPlan {
  readonly network: INetwork;
  /** Prefix lists of the gateway endpoints named in `connector.gatewayEndpoints`, in that order. */
  readonly endpointPrefixListIds: readonly string[];
  /**
   * The provider that makes the apprunner.requests endpoint and its security group: a shared
   * VPC's owner. The connector and the services stay with the stack's default provider.
   * @default - the stack's default provider
   */
  readonly requestsEndpointProvider?: TerraformProvider;
}

/**
 * App Runner in a deployment (APR-1..APR-9): one VPC connector for every service, the services,
 * and for private services the `apprunner.requests` interface endpoint they are reached through.
 * A grouping construct: its id starts with `_`, so its children keep their own addresses.
 */
export class AppRunner extends Construct {
  readonly connector: AppRunnerConnector;
  readonly requestsEndpoint?: InterfaceEndpoint;
  readonly services: readonly AppRunnerService[];

  constructor(scope: Construct, id: string, props: AppRunnerProps) {
    super(scope, id);
    const net = props.network;
    this.connector = new AppRunnerConnector(this, "apprunner", {
      ...props.connector,
      network: net,
      endpointPrefixListIds: props.endpointPrefixListIds,
    });

    const r = props.requestsEndpoint;
    if (r) {
      // APR-8: private services are reached through an apprunner.requests endpoint; App Runner
      // supports no endpoint policy on it, so its security group is the control (443 from the VPC).
      const name = `${r.namePrefix}-apprunner-requests`;
      const provider = props.requestsEndpointProvider;
      const sg = new SecurityGroup(new Construct(this, "_apprunner_requests_sg"), "apprunner_requests", {
        name,
        description: "App Runner private services: HTTPS from the VPC only",
        vpcId: net.vpcId,
        tags: { Name: name },
        provider,
      });
      new VpcSecurityGroupIngressRule(new Construct(this, "_apprunner_requests_rule"), "apprunner_requests_https_vpc", {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: net.vpcCidrBlock!,
        description: "HTTPS from the VPC",
        provider,
      });
      this.requestsEndpoint = new InterfaceEndpoint(new Construct(this, "_apprunner_requests"), "apprunner_requests", {
        service: "apprunner.requests",
        region: net.region,
        vpcId: net.vpcId,
        subnetIds: subnetsIn(net, r.availabilityZones).map((s) => s.subnetId),
        securityGroupIds: [sg.id],
        policy: "none",
        tags: { Name: name },
        provider,
      });
    }

    this.services = props.services.map(
      (svc) =>
        new AppRunnerService(this, `apprunner_${svc.name}`, {
          ...svc,
          vpcConnectorArn: this.connector.arn,
          requestsEndpoint: this.requestsEndpoint?.endpoint,
          vpcId: net.vpcId,
        }),
    );
    if (this.services.length > 0) {
      const byName = (f: (s: AppRunnerService) => string) =>
        Object.fromEntries(props.services.map((svc, i) => [svc.name, f(this.services[i])]));
      addOutput(
        this,
        "apprunner_service_arns",
        byName((s) => s.service.arn),
        "App Runner service ARNs, by name",
      );
      addOutput(
        this,
        "apprunner_service_urls",
        byName((s) => s.service.serviceUrl),
        "App Runner service URLs, by name (a private service's public URL does not answer)",
      );
    }
    const domains = props.services.flatMap((svc, i) => {
      const ingress = this.services[i].ingressConnection;
      return ingress ? [[svc.name, ingress.domainName] as const] : [];
    });
    if (domains.length > 0)
      addOutput(
        this,
        "apprunner_private_domain_names",
        Object.fromEntries(domains),
        "Domain names of the private services' VPC ingress connections, by name: reachable from inside the VPC",
      );
  }
}
