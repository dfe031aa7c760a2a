import { byType, list, referencedAddress } from "../model";
import type { Rule } from "../rule";
import { publicSubnetRefs } from "./network-common";

export const LAT_1: Rule = {
  id: "LAT-1",
  severity: "error",
  summary: "A resource gateway sits in private subnets, with 1–5 security groups and an IP address type",
  explanation:
    "A VPC Lattice resource gateway sits in the owner's private subnets (not routed to an internet gateway) with up to five security groups and an IP address type, all fixed at creation.",
  fix: "Set subnet_ids, 1–5 security_group_ids and ip_address_type on aws_vpclattice_resource_gateway.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const publicSubnets = publicSubnetRefs(m);
    for (const g of byType(m, "aws_vpclattice_resource_gateway")) {
      if (list(g.values.subnet_ids).length === 0) out.push({ status: "fail", address: g.address, message: "names no subnet" });
      for (const s of list(g.values.subnet_ids).filter((x) => publicSubnets.has(String(x))))
        out.push({ status: "fail", address: g.address, message: `uses public subnet ${referencedAddress(s) ?? s}` });
      const groups = list(g.values.security_group_ids).length;
      if (groups < 1 || groups > 5)
        out.push({ status: "fail", address: g.address, message: `names ${groups} security groups, need 1 to 5` });
      if (!g.values.ip_address_type) out.push({ status: "fail", address: g.address, message: "has no ip_address_type" });
    }
    return out;
  },
};
