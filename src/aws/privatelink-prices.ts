/**
 * Interface endpoint price per endpoint per Availability Zone per hour, in USD (PL-5).
 *
 * Source: the AWS PrivateLink pricing page (aws.amazon.com/privatelink/pricing), US East
 * (N. Virginia): $0.01 per VPC endpoint per AZ per hour, read on 2026-11-22 from a stored copy.
 * Only Regions whose rate was read from that source are listed; every other Region is estimated
 * at the us-east-1 rate, with a warning. Data processing ($ per GB) is not included: it depends on
 * traffic. Add a Region here when you have its published rate.
 */
export const PRICES_AS_OF = "2026-11-22";
export const DEFAULT_PRICE_REGION = "us-east-1";
export const INTERFACE_ENDPOINT_HOURLY_USD: Readonly<Record<string, number>> = {
  "us-east-1": 0.01,
};
/** Hours in a month, for monthly estimates (AWS's own pricing examples use 730). */
export const HOURS_PER_MONTH = 730;

export interface EndpointCost {
  /** Interface endpoints in the stack. */
  readonly endpoints: number;
  /** Endpoint network interfaces: each endpoint × its AZs (what is billed hourly). */
  readonly endpointAzs: number;
  readonly hourlyRateUsd: number;
  readonly monthlyUsd: number;
  /** Set when the Region has no rate in the table and the us-east-1 rate was used. */
  readonly warning?: string;
}

export function estimateEndpointCost(region: string, endpointAzCounts: readonly number[]): EndpointCost {
  const known = Object.hasOwn(INTERFACE_ENDPOINT_HOURLY_USD, region) ? INTERFACE_ENDPOINT_HOURLY_USD[region] : undefined;
  const rate = known ?? INTERFACE_ENDPOINT_HOURLY_USD[DEFAULT_PRICE_REGION];
  const endpointAzs = endpointAzCounts.reduce((a, b) => a + b, 0);
  return {
    endpoints: endpointAzCounts.length,
    endpointAzs,
    hourlyRateUsd: rate,
    monthlyUsd: Math.round(endpointAzs * rate * HOURS_PER_MONTH * 100) / 100,
    ...(known === undefined
      ? {
          warning: `no rate recorded for ${region} in the PrivateLink price table of ${PRICES_AS_OF} (docs/aws-facts.md); estimated at the ${DEFAULT_PRICE_REGION} rate: see aws.amazon.com/privatelink/pricing`,
        }
      : {}),
  };
}

/**
 * The other prices a central endpoint hub's README compares (us-east-1 examples, USD). Not read
 * from AWS's own pricing pages, whose price tables did not render in the stored copies: from a
 * transcription of https://aws.amazon.com/transit-gateway/pricing/ ("$0.05 per VPC attachment"
 * per hour and "$0.02" per GB processed, in its US East (Ohio) example) and of
 * https://aws.amazon.com/route53/pricing/ ("$0.50 per hosted zone per month for the first 25
 * hosted zones"), read 2026-12-01. The READMEs say to verify them.
 */
export const HUB_PRICES_AS_OF = "2026-12-01";
export const TGW_ATTACHMENT_HOURLY_USD = 0.05;
export const TGW_DATA_PER_GB_USD = 0.02;
export const HOSTED_ZONE_MONTHLY_USD = 0.5;

export interface HubCost {
  readonly endpoints: number;
  readonly spokes: number;
  /** The hub's endpoints, its attachments (the hub's and one per spoke) and its zones, a month. */
  readonly hubMonthlyUsd: number;
  /** The same endpoints made in every spoke instead, with the same AZs each, a month. */
  readonly perSpokeMonthlyUsd: number;
}

/** The monthly fixed cost of a hub against the same endpoints in every spoke (data processing aside). */
export function estimateHubCost(endpointCost: EndpointCost, spokes: number): HubCost {
  const round = (n: number) => Math.round(n * 100) / 100;
  const attachments = (spokes + 1) * TGW_ATTACHMENT_HOURLY_USD * HOURS_PER_MONTH;
  const zones = endpointCost.endpoints * HOSTED_ZONE_MONTHLY_USD;
  return {
    endpoints: endpointCost.endpoints,
    spokes,
    hubMonthlyUsd: round(endpointCost.monthlyUsd + attachments + zones),
    perSpokeMonthlyUsd: round(endpointCost.monthlyUsd * spokes),
  };
}
