import { byType, list } from "../model";
import type { Rule } from "../rule";
import { subnetAzs } from "./network-common";

export const PL_1: Rule = {
  id: "PL-1",
  severity: "error",
  summary: "Interface endpoints have at most one subnet per AZ, in at least two AZs",
  explanation:
    "An interface endpoint gets one network interface per subnet, one subnet per AZ; with a single AZ, losing that AZ loses the service.",
  fix: "Give the endpoint one private subnet in each of at least two Availability Zones.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const e of byType(m, "aws_vpc_endpoint").filter((x) => x.values.vpc_endpoint_type === "Interface")) {
      const azs = subnetAzs(m, list(e.values.subnet_ids));
      if (!azs) {
        out.push({
          status: "unverifiable",
          address: e.address,
          message: "subnets defined outside this configuration: their AZs cannot be checked",
        });
        continue;
      }
      if (new Set(azs).size !== azs.length) out.push({ status: "fail", address: e.address, message: "has two subnets in one AZ" });
      if (new Set(azs).size < 2) out.push({ status: "fail", address: e.address, message: `is in ${new Set(azs).size} AZ` });
    }
    return out;
  },
};
