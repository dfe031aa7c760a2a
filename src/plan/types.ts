import type { PolicyDocument } from "../aws/iam-policy";
import type { EndpointServiceName, GatewayServiceName } from "../aws/endpoint-services";
import type { EndpointPolicyPreset } from "../aws/endpoint-policies";
import type {
  AppRunnerConfig,
  AppRunnerServiceConfig,
  BackendConfig,
  EventBridgeConnectionConfig,
  ExistingNetworkConfig,
  LatticeConfig,
  MwaaEnvironmentConfig,
  NetworkConfig,
  StateMachineConfig,
} from "../config/schema";
import type { IpAddressType, LatticeIpAddressType } from "../net/ip-address-type";
import type { Routing } from "../net/subnet-layout";

export type { BackendConfig };

/**
 * What `planDeployments` hands to the renderer: every value decided, every default applied, every
 * reference between features resolved to a name. Nothing here depends on cdktf.
 */
export interface DeploymentPlan {
  readonly name: string;
  readonly region: string;
  /**
   * The accounts the module acts in, one AWS provider each: the default provider first, then one
   * per other account (a shared VPC's owner). Every resource below names the provider that makes
   * it (`madeBy`); none is chosen by the renderer.
   */
  readonly providers: readonly ProviderPlan[];
  /** The provider's default tags: the configuration's, then ManagedBy and Deployment. */
  readonly defaultTags: Readonly<Record<string, string>>;
  readonly backend: BackendConfig;
  readonly network: NetworkPlan;
  readonly mwaa?: MwaaNetworkPlan;
  readonly mwaaEnvironment?: MwaaEnvironmentPlan;
  readonly endpoints?: EndpointsPlan;
  readonly apprunner?: AppRunnerPlan;
  readonly lattice?: LatticePlan;
  /** A central endpoint hub: its endpoints' zones and the Transit Gateway its spokes attach to. */
  readonly hub?: HubPlan;
  /** A spoke of a hub: the attachment, the routes to the hub and the hub's zones associated with this VPC. */
  readonly spoke?: SpokePlan;
  /** Endpoint services the existing VPC already provides (not made here; recorded for the checker and the README). */
  readonly providedByVpc: readonly string[];
  /** What `terraform plan` checks on the user's own account before anything is created (Terraform check blocks). */
  readonly preflight: readonly PreflightCheck[];
  /** Compliance profiles the stack is meant to satisfy, in the order features appear. */
  readonly profiles: readonly string[];
  /**
   * Requirements the configuration deliberately relaxes, by rule ID, with the field that does it
   * (`network.allowSingleAz` → PL-1): recorded in the module, so the checker reports the rule's
   * findings as accepted warnings there, at synth and when run on the module later alike.
   */
  readonly accepted: Readonly<Record<string, string>>;
  readonly warnings: readonly Warning[];
}

/**
 * A fact only the account knows, verified at `terraform plan` with the user's credentials. Each
 * names the configuration path to change when it fails.
 */
export type PreflightCheck = PreflightFact & {
  /**
   * The provider whose account is asked: a shared VPC's owner for its VPC, its AZ names and the
   * endpoint services of the endpoints it makes (AZ names map to zones per account).
   * @default - the default provider
   */
  readonly checkedBy?: ProviderAlias;
};

type PreflightFact =
  | {
      /** The AZs exist in this account and Region (names map to zones per account in older Regions). */
      readonly kind: "availability-zones";
      readonly zones: readonly string[];
      readonly configPath: string;
    }
  | {
      /** The endpoint service exists in the Region and is offered in every AZ the endpoint uses. */
      readonly kind: "endpoint-service";
      /** Terraform name part: the endpoint's own name (`mwaa_sqs`, `endpoints_sts`). */
      readonly label: string;
      readonly serviceName: string;
      readonly zones: readonly string[];
      readonly configPath: string;
      /** A dual-stack or IPv6-only endpoint: the service must also support the address families. */
      readonly ipAddressType?: "dualstack" | "ipv6";
    }
  | {
      /** A hub's zone is the service's private DNS name: the account reports it for the endpoint service. */
      readonly kind: "endpoint-private-dns";
      readonly label: string;
      readonly serviceName: string;
      /** `sqs.us-east-1.amazonaws.com`, `*.dkr.ecr.us-east-1.amazonaws.com`. */
      readonly privateDnsName: string;
      readonly configPath: string;
    }
  | {
      /** A security group named by ID is in the existing VPC the deployment uses. */
      readonly kind: "security-group-in-vpc";
      /** Terraform name part, from the configuration path (`apprunner_egress_0`). */
      readonly label: string;
      readonly groupId: string;
      readonly vpcId: string;
      readonly configPath: string;
    }
  | {
      /**
       * A hub's given Transit Gateway is the hub account's, has its default route table association
       * and propagation off (the hub's own tables decide who reaches whom) and, when spokes of other
       * accounts attach, accepts their attachments automatically.
       */
      readonly kind: "transit-gateway";
      readonly transitGatewayId: string;
      readonly ownerAccountId?: string;
      readonly autoAccept: boolean;
      readonly configPath: string;
    }
  | {
      /** An existing VPC has DNS support and DNS hostnames on (private DNS of interface endpoints needs both). */
      readonly kind: "vpc-dns";
      readonly vpcId: string;
      readonly configPath: string;
    };

/** Advice that does not stop the synth: one shape, printed the same way by every entry point. */
export interface Warning {
  readonly deployment: string;
  /** The configuration path it is about (`apprunner.excludeAvailabilityZones`). */
  readonly path: string;
  readonly message: string;
}

/** The alias of a provider for another account; the default provider has none. */
export type ProviderAlias = "vpc_owner" | "hub";

/** One AWS provider of the module: the account it acts in, and the role it assumes there. */
export interface ProviderPlan {
  /** @default - the default provider (no alias) */
  readonly alias?: ProviderAlias;
  /** The account its credentials must belong to, when the configuration says. */
  readonly accountId?: string;
  /** A role to assume in that account; without one, the credentials Terraform runs with. */
  readonly roleArn?: string;
  /** What this account makes, for the README ("the environment, its security group, role and bucket"). */
  readonly makes: string;
}

/** What features may know of the network before it exists. */
export interface NetworkFacts {
  readonly region: string;
  readonly routing: Routing;
  readonly subnetIpAddressType: IpAddressType;
  /** The private subnets' AZs, in order: one subnet each. */
  readonly availabilityZones: readonly string[];
  /** The VPC's IPv4 block, when known (always for a new VPC). */
  readonly vpcCidrBlock?: string;
  /** The deployment creates the VPC (nothing else is in it yet), rather than using an existing one. */
  readonly newVpc: boolean;
  /** Destinations outside a new VPC that its private route tables route (`network.extraRoutes`). */
  readonly routedCidrs: readonly string[];
  /** Endpoint services the (existing) VPC already has endpoints for: none is made for them. */
  readonly providedEndpoints: readonly string[];
  /** A spoke: the hub deployment that serves these of providedEndpoints (none is made here for them). */
  readonly hub?: { readonly name: string; readonly services: readonly string[] };
  /**
   * The provider that makes VPC endpoints (and their security groups) in this VPC: the owner's in
   * a shared VPC, where participants cannot create endpoints; undefined for the default provider.
   */
  readonly endpointsMadeBy?: ProviderAlias;
}

export type NetworkPlan =
  | { readonly kind: "new"; readonly vpc: NetworkConfig & { readonly region: string; readonly namePrefix: string } }
  | { readonly kind: "existing"; readonly existing: ExistingNetworkConfig & { readonly region: string } };

/** MwaaNetwork's props, without the network. */
export interface MwaaNetworkPlan {
  readonly environmentName: string;
  readonly sourceBucketName: string;
  /** Inbound TCP 443 and 5432 from itself only, instead of all traffic from itself (MWAA-P1). */
  readonly hardenedSecurityGroup: boolean;
  /** Interface endpoints by catalogue name, required ones first (MWAA-P5). */
  readonly interfaceServices: readonly EndpointServiceName[];
  /** The S3 gateway endpoint, with the source bucket in its policy (no internet access, MWAA-P10). */
  readonly s3GatewayEndpoint: boolean;
  /**
   * Set in a shared VPC: the endpoints, the S3 gateway endpoint and the endpoints' own security
   * group are made by this provider (the VPC owner's); the environment's security group stays
   * with the default provider (the participant).
   * @default - everything with the default provider, one security group for environment and endpoints
   */
  readonly endpointsMadeBy?: ProviderAlias;
}

/** MwaaEnvironment's props, without the network. */
/** A local file the module carries and uploads to the source bucket ahead of the environment. */
export interface MwaaUpload {
  readonly kind: "plugins" | "requirements" | "startupScript";
  /** The object key in the source bucket, and the file's name in the module's `files/` folder. */
  readonly key: string;
  readonly content: Buffer;
}

/** Local files a configuration names, read by the loader: content, or why it could not be read. */
export type LocalFiles = ReadonlyMap<string, Buffer | { readonly problem: string }>;

export type MwaaEnvironmentPlan = Omit<
  MwaaEnvironmentConfig,
  "endpointManagement" | "airflowVersion" | "airflowVersionChange" | "schedulers" | "minWorkers" | "maxWorkers" | "webserverAccessMode"
> & {
  /** Resolved: as configured, or the newest MWAA offers (src/aws/mwaa-versions.ts). */
  readonly airflowVersion: string;
  /** Resolved by the environment class (classLimits): 2, or 1 for mw1.micro. */
  readonly schedulers: number;
  readonly minWorkers: number;
  /** Resolved: 10, or 1 for mw1.micro (no auto scaling). */
  readonly maxWorkers: number;
  /** Left to MWAA's class default when not configured. */
  readonly minWebservers?: number;
  readonly maxWebservers?: number;
  /** PUBLIC_AND_PRIVATE is refused (hashicorp/aws 5.100.0 does not take it). */
  readonly webserverAccessMode: "PRIVATE_ONLY" | "PUBLIC_ONLY";
  /** Resolved: CUSTOMER in a shared VPC (the only value MWAA accepts there), else as configured or SERVICE. */
  readonly endpointManagement: "SERVICE" | "CUSTOMER";
  /** The provider that makes the CUSTOMER database and web server endpoints (the VPC owner's in a shared VPC). */
  readonly customerEndpointsMadeBy?: ProviderAlias;
  /** Local files uploaded ahead of the environment (requirementsFile, pluginsFile, startupScriptFile). */
  readonly uploads: readonly MwaaUpload[];
  /** Secret name prefixes the execution role may read (a Secrets Manager secrets backend); empty without one. */
  readonly secretsManagerPrefixes: readonly string[];
  readonly routing: Routing;
  readonly region: string;
  readonly accountId: string;
  readonly environmentName: string;
  readonly sourceBucketName: string;
};

/** One endpoint a deployment asks for (the configuration's `endpoints.services` entry as an object). */
export interface EndpointRequest {
  readonly service?: string;
  readonly serviceName?: string;
  readonly name?: string;
  readonly type?: "Interface" | "Gateway";
  readonly privateDns?: boolean;
  readonly policy?: EndpointPolicyPreset | "none";
  readonly excludeAvailabilityZones?: readonly string[];
  readonly ipAddressType?: IpAddressType;
  readonly ports?: readonly number[];
}

interface ResolvedEndpointBase {
  /** Address suffix: `aws_vpc_endpoint.endpoints_<name>`. */
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

export type ResolvedEndpoint =
  | (ResolvedEndpointBase & {
      readonly type: "Interface";
      /** A catalogue service, or a custom one: its endpoint service name and the entry's name as a label. */
      readonly service: InterfaceServiceChoice;
      /** AZs whose private subnet the endpoint uses (PL-1). */
      readonly availabilityZones: readonly string[];
      readonly privateDns?: boolean;
      /** Unset on IPv4-only subnets: the provider's default. */
      readonly ipAddressType?: IpAddressType;
      readonly ports: readonly number[];
      readonly policy: PolicyDocument | "none";
    })
  | (ResolvedEndpointBase & { readonly type: "Gateway"; readonly service: GatewayServiceName; readonly policy?: PolicyDocument });

/** The service of an interface endpoint: from the catalogue, or a custom PrivateLink service. */
export type InterfaceServiceChoice = { readonly catalogue: EndpointServiceName } | { readonly custom: string; readonly label: string };

export interface EndpointsPlan {
  readonly namePrefix: string;
  /** The provider that makes the endpoints and their security groups (the VPC owner's in a shared VPC). */
  readonly madeBy?: ProviderAlias;
  readonly endpoints: readonly ResolvedEndpoint[];
  readonly resolverInbound?: { readonly allowedCidrs: readonly string[] };
  /** Networks outside the VPC its interface endpoints' security group also admits (a hub's spokes), by label. */
  readonly admitCidrs?: readonly { readonly label: string; readonly cidr: string }[];
}

/**
 * The names a hub gives what its spokes look up through the hub's account (Name tags): the spokes'
 * modules find the Transit Gateway, its route tables and the zones by them, so no ID is handed
 * from one state to another.
 */
export interface HubNames {
  readonly transitGateway: string;
  readonly hubRouteTable: string;
  readonly spokesRouteTable: string;
}

/** One private hosted zone of a hub: the service's private DNS name, aliased to the hub's endpoint. */
export interface HubZone {
  readonly service: EndpointServiceName;
  /** The endpoint's name in the hub's `endpoints` (address part). */
  readonly endpointName: string;
  /** The zone: the service's DNS name (`sqs.us-east-1.amazonaws.com`, `dkr.ecr.us-east-1.amazonaws.com`). */
  readonly zoneName: string;
  /** The record's name in the zone: "" (the apex) or "*" (a wildcard: ecr.dkr's registry names). */
  readonly recordName: "" | "*";
  /** The zone's Name tag, which spokes find it by. */
  readonly tagName: string;
}

export interface HubPlan {
  readonly namePrefix: string;
  readonly names: HubNames;
  /**
   * A Transit Gateway of the hub's account to use (`hub.transitGatewayId`), with its ARN when it
   * is shared with the spokes' accounts.
   * @default - the hub makes its own
   */
  readonly givenTransitGateway?: { readonly id: string; readonly accountId?: string; readonly arn?: string };
  /**
   * The zones in one Route 53 Profile (`hub.dns: profile`), shared with `shareWithAccounts`: its
   * name, which spokes find it by.
   * @default - none: spokes are associated with each zone
   */
  readonly profile?: { readonly name: string };
  readonly zones: readonly HubZone[];
  /** The spokes of this configuration, in order: their blocks are routed and admitted on 443. */
  readonly spokes: readonly { readonly deployment: string; readonly cidrBlock: string; readonly accountId?: string }[];
  /** Other accounts the Transit Gateway is shared with through AWS RAM (spokes' accounts); their attachments are accepted automatically. */
  readonly shareWithAccounts: readonly string[];
}

export interface SpokePlan {
  readonly namePrefix: string;
  readonly hub: string;
  readonly hubCidrBlock: string;
  readonly names: HubNames;
  /**
   * The hub's given Transit Gateway (`hub.transitGatewayId`): attached to by ID, not found by the
   * hub's Name tag (a landing zone's gateway carries its own).
   * @default - the hub's own gateway, handed over or found by Name tag
   */
  readonly transitGatewayId?: string;
  /** The provider that acts in the hub's account (its route tables, the zones' authorizations): the hub's alias when the hub is another account's. */
  readonly hubMadeBy?: ProviderAlias;
  /**
   * The hub's Route 53 Profile, associated with this VPC instead of each zone (`hub.dns: profile`).
   * @default - none: the VPC is associated with each of `zones`
   */
  readonly profile?: { readonly name: string };
  /** The hub's zones this VPC is associated with; cross-account with an authorization made in the hub's account first. */
  readonly zones: readonly Pick<HubZone, "service" | "zoneName" | "tagName">[];
  readonly crossAccount: boolean;
}

export interface AppRunnerPlan {
  readonly connector: {
    readonly name: string;
    readonly namePrefix: string;
    /** AZs of the private subnets the connector uses (APR-1, APR-5). */
    readonly availabilityZones: readonly string[];
    readonly securityGroupIds?: readonly string[];
    readonly egress: AppRunnerConfig["egress"];
    /** Reach the VPC's interface endpoints on 443 (APR-4). */
    readonly reachInterfaceEndpoints: boolean;
    /** Names (in `endpoints`) of the gateway endpoints whose prefix lists it reaches (APR-4). */
    readonly gatewayEndpoints: readonly string[];
  };
  /** The apprunner.requests endpoint for private services (APR-8), in the connector's AZs; made by `madeBy` (the VPC owner in a shared VPC). */
  readonly requestsEndpoint?: {
    readonly namePrefix: string;
    readonly availabilityZones: readonly string[];
    readonly madeBy?: ProviderAlias;
  };
  readonly services: readonly AppRunnerServicePlan[];
}

export interface LatticePlan {
  readonly namePrefix: string;
  readonly resourceGateway?: NonNullable<LatticeConfig["resourceGateway"]> & {
    readonly ipAddressType: LatticeIpAddressType;
    /**
     * Sources the gateway's group admits on every TCP port: with `eventBridgeRules`, 0.0.0.0/0 and
     * (an address type with IPv6) ::/0, as EventBridge's provider page asks; else none.
     */
    readonly inboundFromAnywhere: readonly ("0.0.0.0/0" | "::/0")[];
  };
  /** Each configuration, and whether a group is made for its resource (no targetSecurityGroupId). */
  readonly resourceConfigurations: readonly (LatticeConfig["resourceConfigurations"][number] & { readonly makeTargetGroup: boolean })[];
  readonly share?: LatticeConfig["share"];
  readonly consume: LatticeConfig["consume"];
  readonly serviceNetworkName?: string;
  /** Each connection with where its resource configuration comes from. */
  readonly connections: readonly (EventBridgeConnectionConfig & {
    readonly target: { readonly arn: string } | { readonly configuration: string };
  })[];
  readonly stateMachines: readonly StateMachineConfig[];
  readonly accountId?: string;
}

/** One App Runner service, as configured (every default applied by the schema). */
export type AppRunnerServicePlan = AppRunnerServiceConfig;
