import { byType, referencedAddress, refersTo } from "../model";
import type { Rule } from "../rule";
import { publicSubnetRefs } from "./network-common";

export const MWAA_U4: Rule = {
  id: "MWAA-U4",
  severity: "error",
  summary: "A NAT gateway with its own Elastic IP in each public subnet",
  explanation:
    "Public routing needs two NAT devices, one per public subnet, each with an Elastic IP (MWAA networking page, public routing).",
  fix: "Add an aws_nat_gateway with its own aws_eip allocation in each public subnet.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const nats = byType(m, "aws_nat_gateway");
    for (const s of publicSubnetRefs(m))
      if (!nats.some((n) => n.values.subnet_id === s))
        out.push({ status: "fail", address: referencedAddress(s) ?? s, message: "no NAT gateway in this public subnet" });
    const allocations = nats.map((n) => String(n.values.allocation_id));
    for (const n of nats) {
      if (!refersTo(n.values.allocation_id, "aws_eip"))
        out.push({ status: "unverifiable", address: n.address, message: "its Elastic IP is not defined in this configuration" });
      else if (allocations.filter((a) => a === String(n.values.allocation_id)).length > 1)
        out.push({ status: "fail", address: n.address, message: "shares its Elastic IP with another NAT gateway" });
    }
    if (nats.length < 2) out.push({ status: "fail", address: "-", message: `${nats.length} NAT gateway(s), need 2` });
    return out;
  },
};
