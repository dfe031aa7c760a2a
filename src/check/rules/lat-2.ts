import { parsePortRange } from "../../aws/lattice";
import { block, byType, list } from "../model";
import type { Rule } from "../rule";

export const LAT_2: Rule = {
  id: "LAT-2",
  severity: "error",
  summary: "A resource configuration is a single resource named one way, with port ranges",
  explanation:
    "Resource configurations on a gateway share one resource, by DNS name or IP address (type SINGLE, TCP, the shared port ranges such as 80 and 443) or by ARN (type ARN: AWS takes the ports from the resource).",
  fix: "Use exactly one of dns_resource, ip_resource or arn_resource; with a DNS name or IP address, type SINGLE and non-empty, valid port_ranges.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const c of byType(m, "aws_vpclattice_resource_configuration")) {
      const fail = (message: string) => out.push({ status: "fail", address: c.address, message });
      const def = block(c.values.resource_configuration_definition) ?? {};
      const ways = ["dns_resource", "ip_resource", "arn_resource"].filter((k) => block(def[k]) !== undefined);
      if (ways.length !== 1) fail(`names its resource ${ways.length} ways, need exactly 1`);
      const expected = ways[0] === "arn_resource" ? "ARN" : "SINGLE";
      if (c.values.type !== undefined && c.values.type !== expected) fail(`type ${c.values.type}, expected ${expected}`);
      if (expected === "SINGLE") {
        const ranges = list(c.values.port_ranges);
        if (ranges.length === 0) fail("has no port ranges");
        for (const r of ranges)
          if (typeof parsePortRange(String(r)) === "string")
            fail(`port range ${JSON.stringify(r)} is not a port or a low-high range within 1-65535`);
        if (c.values.protocol !== undefined && c.values.protocol !== "TCP") fail(`protocol ${c.values.protocol}, expected TCP`);
      }
    }
    return out;
  },
};
