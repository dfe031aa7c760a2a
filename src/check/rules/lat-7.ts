import { LATTICE_LAUNCH_REGIONS } from "../../aws/lattice";
import { block } from "../model";
import type { Rule } from "../rule";

export const LAT_7: Rule = {
  id: "LAT-7",
  severity: "warning",
  summary: "Resource gateways and configurations are used in a Region where they launched",
  explanation: `Resource gateways and resource configurations launched in ${LATTICE_LAUNCH_REGIONS.length} Regions (${LATTICE_LAUNCH_REGIONS.join(", ")}); elsewhere creating them may fail. The list may have grown since, so this is a warning.`,
  fix: "Deploy in one of the launch Regions, or check that the Region supports VPC Lattice resource configurations now.",
  check(m) {
    const uses = m.resources.filter(
      (r) =>
        r.type === "aws_vpclattice_resource_gateway" ||
        r.type === "aws_vpclattice_resource_configuration" ||
        (r.type === "aws_vpc_endpoint" && (r.values.vpc_endpoint_type === "Resource" || r.values.vpc_endpoint_type === "ServiceNetwork")) ||
        (r.type === "aws_cloudwatch_event_connection" && block(r.values.invocation_connectivity_parameters) !== undefined),
    );
    if (uses.length === 0) return [];
    if (m.region === undefined)
      return [{ status: "unverifiable", address: "-", message: "the provider's Region is not set in this configuration" }];
    if (LATTICE_LAUNCH_REGIONS.includes(m.region)) return [];
    return uses.map((r) => ({
      status: "fail" as const,
      address: r.address,
      message: `is in ${m.region}, not a launch Region of resource gateways and configurations`,
    }));
  },
};
