import { byType, list, referencedAddress } from "../model";
import type { Rule } from "../rule";

export const APR_3: Rule = {
  id: "APR-3",
  severity: "error",
  summary: "App Runner VPC connectors use no IPv6-only subnet",
  explanation: "App Runner's outgoing traffic is IPv4 only: IPv6-only subnets are rejected.",
  fix: "Give the connector subnets with an IPv4 block.",
  check(m) {
    const v6only = new Set(
      byType(m, "aws_subnet")
        .filter((s) => s.values.ipv6_native === true)
        .map((s) => `\${${s.address}.id}`),
    );
    return byType(m, "aws_apprunner_vpc_connector").flatMap((c) =>
      list(c.values.subnets)
        .filter((s) => v6only.has(String(s)))
        .map((s) => ({ status: "fail" as const, address: c.address, message: `uses IPv6-only subnet ${referencedAddress(s)}` })),
    );
  },
};
