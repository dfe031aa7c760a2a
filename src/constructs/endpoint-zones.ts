import { Construct } from "../cdk/cdktf";
import { Route53Record, Route53Zone } from "../cdk/aws";
import type { HubZone } from "../plan/types";
import type { InterfaceEndpoint } from "./interface-endpoint";
import { addOutput } from "./scope";

export interface EndpointZonesProps {
  /** The hub's VPC: every zone is created associated with it (Route 53 needs one VPC at creation). */
  readonly vpcId: string;
  readonly zones: readonly HubZone[];
  /** The hub's interface endpoints, by endpoint name. */
  readonly endpoints: ReadonlyMap<string, InterfaceEndpoint>;
}

/**
 * A private hosted zone per service DNS name, with an alias A record to the hub's endpoint (its
 * regional DNS entry): what private DNS does inside one VPC, made shareable with other VPCs.
 * AWS whitepaper "Building a Scalable and Secure Multi-VPC AWS Network Infrastructure",
 * "Centralized access to VPC private endpoints" (read 2026-12-01): "The managed PHZ only works
 * within the VPC with the interface endpoint."
 */
export class EndpointZones extends Construct {
  readonly zones: ReadonlyMap<string, Route53Zone>;

  constructor(scope: Construct, id: string, props: EndpointZonesProps) {
    super(scope, id);
    const zones = new Map<string, Route53Zone>();
    for (const z of props.zones) {
      const endpoint = props.endpoints.get(z.endpointName);
      if (!endpoint) throw new Error(`EndpointZones: no interface endpoint ${z.endpointName} for the zone ${z.zoneName}`);
      const zone = new Route53Zone(this, z.endpointName, {
        name: z.zoneName,
        comment: `${z.service} through the hub's endpoint`,
        vpc: [{ vpcId: props.vpcId }],
        tags: { Name: z.tagName },
        // The spokes' associations are made by their own modules (aws_route53_zone_association):
        // without this the hub's next apply would remove them (the provider's documented pairing).
        lifecycle: { ignoreChanges: ["vpc"] },
      });
      const entry = `\${${endpoint.endpoint.terraformResourceType}.${endpoint.endpoint.friendlyUniqueId}.dns_entry[0]`;
      new Route53Record(this, `${z.endpointName}_alias`, {
        zoneId: zone.zoneId,
        name: z.recordName === "*" ? `*.${z.zoneName}` : z.zoneName,
        type: "A",
        alias: { name: `${entry}.dns_name}`, zoneId: `${entry}.hosted_zone_id}`, evaluateTargetHealth: false },
      });
      zones.set(z.service, zone);
    }
    this.zones = zones;
    addOutput(
      this,
      "hub_zone_ids",
      Object.fromEntries([...zones].map(([service, zone]) => [service, zone.zoneId])),
      "Private hosted zone IDs by service: associate a spoke's VPC with each (its module looks them up by Name tag)",
    );
  }
}
