import { centralZoneName } from "../aws/central-endpoints";
import { byType } from "./model";
import type { HubOffer, TfModel } from "./model-types";

/**
 * The services a module serves as a central endpoint hub: each interface endpoint whose service
 * also has a private hosted zone of its private DNS name in the module (the whitepaper's
 * "Centralized access to VPC private endpoints"; src/aws/central-endpoints.ts). A zone whose name
 * is not known here (from an input, a for_each the reader could not expand) serves nothing seen.
 */
export function hubServices(m: TfModel): string[] {
  if (m.region === undefined) return [];
  const zones = new Set(byType(m, "aws_route53_zone").map((z) => String(z.values.name ?? "").replace(/\.$/, "")));
  const prefix = `com.amazonaws.${m.region}.`;
  const out = new Set<string>();
  for (const e of byType(m, "aws_vpc_endpoint")) {
    if ((e.values.vpc_endpoint_type ?? "Gateway") !== "Interface") continue;
    const name = String(e.values.service_name ?? "");
    if (!name.startsWith(prefix)) continue;
    const service = name.slice(prefix.length);
    if (zones.has(centralZoneName(service, m.region))) out.add(service);
  }
  return [...out].sort();
}

/** Whether a module takes endpoints from a hub: private-routing's record, or zone associations of its own VPC. */
export function isSpoke(m: TfModel): boolean {
  return m.providedByHub !== undefined || byType(m, "aws_route53_zone_association").length > 0;
}

/**
 * Modules checked together (`check HUB SPOKE…`): each spoke learns what the other modules serve as
 * hubs, so MWAA-P5 judges its endpoints through them. Modules that are not spokes are unchanged.
 */
export function withHubs(models: readonly TfModel[]): TfModel[] {
  const offers: (HubOffer | undefined)[] = models.map((m) => {
    const services = hubServices(m);
    return services.length > 0 ? { source: m.source, services } : undefined;
  });
  return models.map((m, i) => {
    if (!isSpoke(m)) return m;
    const hubs = offers.filter((o, j): o is HubOffer => j !== i && o !== undefined);
    return models.length > 1 ? { ...m, hubs } : m;
  });
}
