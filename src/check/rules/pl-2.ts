import { byType } from "../model";
import type { Rule } from "../rule";

export const PL_2: Rule = {
  id: "PL-2",
  severity: "error",
  summary: "Interface endpoints with private DNS are in a VPC with DNS support and hostnames",
  explanation:
    "Private DNS makes the service's public name resolve to the endpoint's private IPs; it needs the VPC's enable_dns_support and enable_dns_hostnames.",
  fix: "Set enable_dns_support and enable_dns_hostnames to true on the VPC.",
  check(m) {
    if (!byType(m, "aws_vpc_endpoint").some((e) => e.values.vpc_endpoint_type === "Interface" && e.values.private_dns_enabled === true))
      return [];
    const out: ReturnType<Rule["check"]> = [];
    for (const v of byType(m, "aws_vpc")) {
      if (v.values.enable_dns_support === false || v.values.enable_dns_hostnames !== true)
        out.push({ status: "fail", address: v.address, message: "DNS support or DNS hostnames is off, but endpoints use private DNS" });
    }
    return out;
  },
};
