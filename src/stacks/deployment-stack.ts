import { Construct, TerraformOutput } from "../cdk/cdktf";
import { AwsProvider, SecurityGroup, VpcSecurityGroupIngressRule } from "../cdk/aws";
import type { DeploymentConfig } from "../config/schema";
import { ExistingNetwork } from "../constructs/existing-network";
import { MwaaEnvironment } from "../constructs/mwaa-environment";
import { MwaaNetwork } from "../constructs/mwaa-network";
import { INetwork } from "../constructs/network";
import { PrivateLinkEndpoints } from "../constructs/privatelink-endpoints";
import { mwaaEndpointServices } from "../constructs/mwaa-network";
import { AppRunnerConnector } from "../constructs/apprunner-connector";
import { AppRunnerService } from "../constructs/apprunner-service";
import { InterfaceEndpoint } from "../constructs/interface-endpoint";
import { deploymentEndpointRequests } from "../config/endpoint-requests";
import { VpcNetwork } from "../constructs/vpc-network";
import { latticeRegionWarning, snakeName } from "../aws/lattice";
import { HttpTaskStateMachine } from "../constructs/http-task-state-machine";
import { LatticeConsumer } from "../constructs/lattice-consumer";
import { PrivateApiConnection } from "../constructs/private-api-connection";
import { ResourceConfiguration } from "../constructs/resource-configuration";
import { ResourceGateway } from "../constructs/resource-gateway";
import { ResourceShare } from "../constructs/resource-share";
import { group } from "../constructs/scope";
import { addBackend } from "./backend";
import { ReadableStack } from "./readable-stack";

/** The Terraform version range the generated root modules are written for. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5.0";

export interface DeploymentStackProps {
  readonly deployment: DeploymentConfig;
  /**
   * For a local backend: the state path to write into the backend block instead of `backend.path`.
   * @default - the deployment's `backend.path`
   */
  readonly statePath?: string;
}

/**
 * One deployment: one VPC (new or existing) and the features enabled on it, as one Terraform root
 * module. The stack owns the provider, the backend and the outputs; constructs own resources.
 */
export class DeploymentStack extends ReadableStack {
  readonly deployment: DeploymentConfig;
  readonly network: INetwork;
  readonly mwaa?: MwaaNetwork;
  readonly mwaaEnvironment?: MwaaEnvironment;
  readonly endpoints?: PrivateLinkEndpoints;
  /** Compliance profiles this stack is meant to satisfy, recorded in the generated JSON. */
  readonly profiles: readonly string[];
  /** Advice that does not stop the synth (printed by the CLI): fewer than three connector AZs, no path to AWS APIs, … */
  readonly warnings: string[] = [];

  constructor(scope: Construct, props: DeploymentStackProps) {
    const d = props.deployment;
    super(scope, d.name);
    this.deployment = d;

    new AwsProvider(this, "aws", {
      region: d.region,
      defaultTags: [{ tags: { ...d.tags, ManagedBy: "private-routing", Deployment: d.name } }],
    });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    addBackend(this, d.backend, d.region, props.statePath);
    // cdktf writes the short form "aws"; the full address reads better and is what `terraform init` records.
    this.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");

    const profiles: string[] = [];
    const output = (id: string, value: unknown, description: string) => new TerraformOutput(this, id, { value, description });

    if (d.existingNetwork) {
      this.network = new ExistingNetwork({ region: d.region, ...d.existingNetwork });
      profiles.push("network-existing");
    } else if (d.network) {
      const vpc = new VpcNetwork(this, "network", { region: d.region, namePrefix: d.name, ...d.network });
      this.network = vpc;
      profiles.push(`network-${vpc.routing}`);
      if (vpc.routing === "public") {
        output("public_subnet_ids", vpc.publicSubnets.map((s) => s.subnetId), "IDs of the public subnets (NAT gateways), in Availability Zone order");
        output("nat_gateway_ids", vpc.natGateways.map((n) => n.id), "IDs of the NAT gateways, one per Availability Zone");
        output("internet_gateway_id", vpc.internetGateway!.id, "ID of the internet gateway");
      }
    } else {
      throw new Error(`deployment ${d.name}: one of network and existingNetwork is required`);
    }
    const net = this.network;
    const azs = net.privateSubnets.map((s) => s.availabilityZone).join(", ");
    output("vpc_id", net.vpcId, "ID of the VPC");
    output("private_subnet_ids", net.privateSubnets.map((s) => s.subnetId), `IDs of the private subnets, in Availability Zone order (${azs})`);
    output(
      "private_route_table_ids",
      net.privateRouteTableIds,
      net.routing === "private" ? "IDs of the private route tables (VPC-local route only, plus gateway endpoint routes)" : "IDs of the private route tables, one per AZ, each routing to its AZ's NAT gateway",
    );

    if (d.mwaa) {
      const mwaa = new MwaaNetwork(this, "mwaa", { network: net, ...d.mwaa });
      this.mwaa = mwaa;
      profiles.push(net.routing === "private" ? "mwaa-private" : "mwaa-public");
      const interfaceEndpoints = [...mwaa.interfaceEndpoints.entries()];
      output("mwaa_security_group_id", mwaa.securityGroupId, "Security group for the MWAA environment (network_configuration.security_group_ids) and its endpoints");
      output("mwaa_subnet_ids", mwaa.environmentSubnets.map((s) => s.subnetId), "The two private subnets for the MWAA environment (network_configuration.subnet_ids)");
      if (interfaceEndpoints.length > 0) {
        output("mwaa_interface_endpoint_ids", Object.fromEntries(interfaceEndpoints.map(([name, e]) => [name, e.endpointId])), "Interface VPC endpoint IDs, by service short name");
        output(
          "mwaa_interface_endpoint_dns_entries",
          Object.fromEntries(interfaceEndpoints.map(([name, e]) => [name, e.dnsEntries])),
          "DNS entries of each interface endpoint (regional name first, then one per AZ), by service short name",
        );
      }
      if (mwaa.s3GatewayEndpoint) output("mwaa_s3_gateway_endpoint_id", mwaa.s3GatewayEndpoint.endpointId, "ID of the S3 gateway endpoint on the private route tables");

      if (d.mwaa.environment) {
        const env = new MwaaEnvironment(this, "mwaa_environment", {
          ...d.mwaa.environment,
          mwaaNetwork: mwaa,
          routing: net.routing,
          region: d.region,
          accountId: d.accountId ?? "",
          environmentName: d.mwaa.environmentName,
          sourceBucketName: d.mwaa.sourceBucketName,
        });
        this.mwaaEnvironment = env;
        profiles.push("mwaa-environment");
        output("mwaa_environment_arn", env.environment.arn, "ARN of the MWAA environment");
        output("mwaa_webserver_url", env.environment.webserverUrl, "Host name of the Apache Airflow web server (private: reachable from inside the VPC only)");
        output("mwaa_database_vpc_endpoint_service", env.environment.databaseVpcEndpointService, "VPC endpoint service of the metadata database (endpoint management CUSTOMER)");
        output("mwaa_webserver_vpc_endpoint_service", env.environment.webserverVpcEndpointService, "VPC endpoint service of the web server (private web server)");
        output("mwaa_execution_role_arn", env.executionRole.arn, "ARN of the environment's execution role");
        output("mwaa_source_bucket_arn", env.sourceBucketArn, "ARN of the environment's source bucket");
      }
    }
    const requests = deploymentEndpointRequests(d, net.routing);
    if (requests.length > 0) {
      const ep = new PrivateLinkEndpoints(this, "endpoints", {
        network: net,
        namePrefix: d.name,
        endpoints: requests.map((r) => r.request),
        policy: d.endpoints?.policy,
        allowSingleAz: d.network?.allowSingleAz,
        resolverInbound: d.endpoints?.resolverInboundEndpoint,
        servicesTaken: d.mwaa ? mwaaEndpointServices(net.routing, d.mwaa) : [],
      });
      this.endpoints = ep;
      profiles.push("privatelink");
      const interfaces = [...ep.interfaceEndpoints.entries()];
      const gateways = [...ep.gatewayEndpoints.entries()];
      output("endpoint_ids", Object.fromEntries([...interfaces, ...gateways].map(([name, e]) => [name, e.endpointId])), "VPC endpoint IDs, by name");
      if (interfaces.length > 0) {
        output(
          "endpoint_dns_names",
          Object.fromEntries(interfaces.map(([name, e]) => [name, { regional: e.regionalDnsName, zonal: e.zonalDnsNames }])),
          "Interface endpoints' DNS names, by name: the regional name and one zonal name per AZ (PL-6)",
        );
        output("endpoints_security_group_id", ep.securityGroup!.id, "Security group of the interface endpoints (the service's ports from the VPC only)");
      }
      if (ep.resolverEndpoint) {
        output("dns_inbound_resolver_endpoint_id", ep.resolverEndpoint.id, "Route 53 Resolver inbound endpoint: forward on-premises queries for the endpoints' names here");
        output("dns_inbound_resolver_ips", `\${[for a in ${ep.resolverEndpoint.terraformResourceType}.${ep.resolverEndpoint.friendlyUniqueId}.ip_address : a.ip]}`, "IP addresses of the Route 53 Resolver inbound endpoint (targets for on-premises conditional forwarders)");
      }
    }

    if (d.apprunner) this.addAppRunner(d, net, profiles, output);
    if (d.lattice || d.eventBridge || d.stepFunctions) this.addLattice(d, net, profiles, output);
    this.profiles = profiles;
  }

  /**
   * Private APIs across VPC and account boundaries (LAT-1..LAT-7): the owner's resource gateway,
   * configurations and RAM share; the consumer's endpoints or service network; EventBridge
   * connections (API destinations, rules) and Step Functions HTTP Tasks using them.
   */
  private addLattice(d: DeploymentConfig, net: INetwork, profiles: string[], output: (id: string, value: unknown, description: string) => void): void {
    const l = d.lattice;
    profiles.push("lattice");
    const usesResourceConfigurations = (l?.resourceConfigurations.length ?? 0) > 0 || (l?.consume.length ?? 0) > 0 || (d.eventBridge?.connections.length ?? 0) > 0;
    const warning = usesResourceConfigurations ? latticeRegionWarning(d.region, `VPC Lattice resource sharing in ${d.name}`) : undefined;
    if (warning) this.warnings.push(warning);

    const configurationArns = new Map<string, string>();
    if (l?.resourceGateway) {
      const gateway = new ResourceGateway(this, "lattice_gateway", { network: net, namePrefix: d.name, ...l.resourceGateway });
      output("lattice_resource_gateway_id", gateway.gateway.id, "ID of the VPC Lattice resource gateway");
      output("lattice_resource_gateway_security_group_id", gateway.securityGroup.id, "Security group of the resource gateway: resources must admit it on their ports");
      const configurations = l.resourceConfigurations.map(
        (c) => new ResourceConfiguration(group(this, "_lattice_rc"), `lattice_${snakeName(c.name)}`, { gateway, ...c }),
      );
      for (const c of configurations) configurationArns.set(c.name, c.arn);
      if (configurations.length > 0) {
        output("resource_configuration_arns", Object.fromEntries(configurations.map((c) => [c.name, c.arn])), "ARNs of the resource configurations, by name: consumers and EventBridge connections name these (LAT-2)");
      }
      if (l.share) {
        const share = new ResourceShare(this, "lattice_share", { ...l.share, resources: configurations.map((c) => ({ name: c.name, arn: c.arn })) });
        output("ram_resource_share_arn", share.share.arn, "ARN of the AWS RAM resource share: consumers accept it (outside the organization) before using the configurations (LAT-3)");
      }
    }
    if (l && l.consume.length > 0) {
      const consumer = new LatticeConsumer(this, "lattice", { network: net, namePrefix: d.name, resources: l.consume, serviceNetworkName: l.serviceNetwork?.name });
      for (const c of l.consume) configurationArns.set(c.name, c.resourceConfigurationArn);
      output("lattice_resource_dns_entries", consumer.dnsEntries, "DNS entries clients in this VPC use for each shared resource, by name (LAT-4)");
      output("lattice_endpoints_security_group_id", consumer.securityGroup.id, "Security group of the VPC Lattice endpoints (the resources' ports from the VPC only)");
      if (consumer.serviceNetwork) {
        output("lattice_service_network_arn", consumer.serviceNetwork.arn, "ARN of the service network the shared resources are associated with");
        output("lattice_service_network_endpoint_id", consumer.serviceNetworkEndpoint!.id, "ID of the VPC endpoint (type ServiceNetwork) to the service network");
      }
    }

    const connections = new Map<string, PrivateApiConnection>();
    for (const c of d.eventBridge?.connections ?? []) {
      const resourceConfigurationArn = c.resourceConfigurationArn ?? configurationArns.get(c.resourceConfiguration ?? "") ?? "";
      connections.set(c.name, new PrivateApiConnection(group(this, "_eventbridge"), `eventbridge_${snakeName(c.name)}`, { ...c, namePrefix: d.name, resourceConfigurationArn }));
    }
    if (connections.size > 0) {
      const all = [...connections.entries()];
      output("eventbridge_connection_arns", Object.fromEntries(all.map(([n, c]) => [n, c.connection.arn])), "ARNs of the EventBridge connections to private APIs, by name (LAT-5)");
      output("eventbridge_connection_secret_arns", Object.fromEntries(all.map(([n, c]) => [n, c.connection.secretArn])), "ARNs of the Secrets Manager secrets EventBridge keeps the connections' credentials in");
      const destinations = all.filter(([, c]) => c.apiDestination);
      if (destinations.length > 0) output("eventbridge_api_destination_arns", Object.fromEntries(destinations.map(([n, c]) => [n, c.apiDestination!.arn])), "ARNs of the API destinations using the connections, by connection name (LAT-6)");
    }
    const machines: [string, HttpTaskStateMachine][] = (d.stepFunctions?.stateMachines ?? []).map((m) => {
      const connection = connections.get(m.connection)!;
      return [
        m.name,
        new HttpTaskStateMachine(group(this, "_sfn"), `sfn_${snakeName(m.name)}`, {
          ...m,
          namePrefix: d.name,
          accountId: d.accountId,
          connectionArn: connection.connection.arn,
          connectionSecretArn: connection.connection.secretArn,
        }),
      ];
    });
    if (machines.length > 0) {
      output("state_machine_arns", Object.fromEntries(machines.map(([n, m]) => [n, m.stateMachine.arn])), "ARNs of the Step Functions state machines calling the private APIs, by name (LAT-6)");
      output("state_machine_role_arns", Object.fromEntries(machines.map(([n, m]) => [n, m.role.arn])), "ARNs of the state machines' roles, by name");
    }
  }

  /** App Runner (APR-1..APR-9): one connector, its services, private ingress. */
  private addAppRunner(d: DeploymentConfig, net: INetwork, profiles: string[], output: (id: string, value: unknown, description: string) => void): void {
    const a = d.apprunner!;
    const ep = this.endpoints;
    const interfaceCount = (ep?.interfaceEndpoints.size ?? 0) + (this.mwaa?.interfaceEndpoints.size ?? 0);
    if (net.routing === "private" && a.awsServices.length === 0 && interfaceCount === 0) {
      this.warnings.push(`App Runner services in ${d.name} have no route out of the VPC and no VPC endpoints: they cannot call any AWS API (APR-4); list them under apprunner.awsServices`);
    }
    const connector = new AppRunnerConnector(this, "apprunner", {
      network: net,
      publicSubnets: net instanceof VpcNetwork ? net.publicSubnets : [],
      name: a.connectorName,
      namePrefix: d.name,
      excludeAvailabilityZones: a.excludeAvailabilityZones,
      securityGroupIds: a.securityGroupIds,
      egress: a.egress,
      reachInterfaceEndpoints: (ep?.interfaceEndpoints.size ?? 0) > 0,
      endpointPrefixListIds: [...(ep?.gatewayEndpoints.values() ?? [])].map((g) => g.endpoint.prefixListId),
    });
    this.warnings.push(...connector.warnings);
    profiles.push("apprunner");
    output("apprunner_connector_arn", connector.arn, "ARN of the App Runner VPC connector shared by the deployment's services");
    if (connector.securityGroup) output("apprunner_connector_security_group_id", connector.securityGroup.id, "Security group of the App Runner VPC connector: add it to destinations' inbound rules");

    let requests: InterfaceEndpoint | undefined;
    if (a.services.some((s) => s.private)) {
      // APR-8: private services are reached through an apprunner.requests endpoint; App Runner
      // supports no endpoint policy on it, so its security group is the control (443 from the VPC).
      const sg = new SecurityGroup(new Construct(this, "_apprunner_requests_sg"), "apprunner_requests", {
        name: `${d.name}-apprunner-requests`,
        description: "App Runner private services: HTTPS from the VPC only",
        vpcId: net.vpcId,
        tags: { Name: `${d.name}-apprunner-requests` },
      });
      new VpcSecurityGroupIngressRule(new Construct(this, "_apprunner_requests_rule"), "apprunner_requests_https_vpc", {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: net.vpcCidrBlock ?? "",
        description: "HTTPS from the VPC",
      });
      requests = new InterfaceEndpoint(new Construct(this, "_apprunner_requests"), "apprunner_requests", {
        service: "apprunner.requests",
        region: net.region,
        vpcId: net.vpcId,
        subnetIds: connector.subnets.map((s) => s.subnetId),
        securityGroupIds: [sg.id],
        policy: "none",
        tags: { Name: `${d.name}-apprunner-requests` },
      });
    }

    const arns: Record<string, string> = {};
    const urls: Record<string, string> = {};
    const domains: Record<string, string> = {};
    for (const svc of a.services) {
      const service = new AppRunnerService(this, `apprunner_${svc.name}`, { ...svc, vpcConnectorArn: connector.arn, requestsEndpoint: requests?.endpoint, vpcId: net.vpcId });
      arns[svc.name] = service.service.arn;
      urls[svc.name] = service.service.serviceUrl;
      if (service.ingressConnection) domains[svc.name] = service.ingressConnection.domainName;
    }
    if (a.services.length > 0) {
      output("apprunner_service_arns", arns, "App Runner service ARNs, by name");
      output("apprunner_service_urls", urls, "App Runner service URLs, by name (a private service's public URL does not answer)");
    }
    if (Object.keys(domains).length > 0) output("apprunner_private_domain_names", domains, "Domain names of the private services' VPC ingress connections, by name: reachable from inside the VPC");
  }
}
