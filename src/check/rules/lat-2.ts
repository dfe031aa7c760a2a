import { block, byType, list } from "../model";
import type { Rule } from "../rule";

export const LAT_2: Rule = {
  id: "LAT-2",
  severity: "error",
  summary: "A resource configuration is a single resource named one way, with port ranges",
  explanation: "Resource configurations on a gateway share one resource, by DNS name, IP address or ARN, on the given port ranges (e.g. 80 and 443).",
  fix: "Use type SINGLE, exactly one of dns_resource, ip_resource or arn_resource, and non-empty port_ranges.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const c of byType(m, "aws_vpclattice_resource_configuration")) {
      if (c.values.type !== undefined && c.values.type !== "SINGLE") out.push({ status: "fail", address: c.address, message: `type ${c.values.type}, expected SINGLE` });
      const def = block(c.values.resource_configuration_definition) ?? {};
      const ways = ["dns_resource", "ip_resource", "arn_resource"].filter((k) => block(def[k]) !== undefined);
      if (ways.length !== 1) out.push({ status: "fail", address: c.address, message: `names its resource ${ways.length} ways, need exactly 1` });
      if (list(c.values.port_ranges).length === 0) out.push({ status: "fail", address: c.address, message: "has no port ranges" });
    }
    return out;
  },
};
