import { byType, list, referencedAddress } from "../model";
import type { Rule } from "../rule";
import { publicSubnetRefs } from "./network-common";

export const APR_2: Rule = {
  id: "APR-2",
  severity: "error",
  summary: "App Runner VPC connectors use private subnets only",
  explanation:
    "A VPC connector on a public subnet (one routed to an internet gateway) makes App Runner service creation fail or roll back.",
  fix: "Give the connector the private subnets only.",
  check(m) {
    const publicSubnets = publicSubnetRefs(m);
    return byType(m, "aws_apprunner_vpc_connector").flatMap((c) =>
      list(c.values.subnets)
        .filter((s) => publicSubnets.has(String(s)))
        .map((s) => ({ status: "fail" as const, address: c.address, message: `uses public subnet ${referencedAddress(s) ?? s}` })),
    );
  },
};
