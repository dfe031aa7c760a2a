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
      ? { warning: `no published rate for ${region} in src/aws/privatelink-prices.ts; estimated at the ${DEFAULT_PRICE_REGION} rate` }
      : {}),
  };
}
