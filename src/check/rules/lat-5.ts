import { block, byType } from "../model";
import type { Rule } from "../rule";

export const LAT_5: Rule = {
  id: "LAT-5",
  severity: "error",
  summary: "An EventBridge connection to a private API names its resource configuration",
  explanation:
    "A private API connection references the VPC Lattice resource configuration through invocation_connectivity_parameters; its secrets come from variables (see SEC-2).",
  fix: "Set invocation_connectivity_parameters.resource_parameters.resource_configuration_arn.",
  check(m) {
    return byType(m, "aws_cloudwatch_event_connection")
      .filter((c) => !block(block(c.values.invocation_connectivity_parameters)?.resource_parameters)?.resource_configuration_arn)
      .map((c) => ({
        status: "fail" as const,
        address: c.address,
        message: "has no resource configuration: it is not a private API connection",
      }));
  },
};
