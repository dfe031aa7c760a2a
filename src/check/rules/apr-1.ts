import { byType, list } from "../model";
import type { Rule } from "../rule";
import { subnetAzs } from "./network-common";

export const APR_1: Rule = {
  id: "APR-1",
  severity: "error",
  summary: "An App Runner VPC connector names one subnet per AZ and 1–5 security groups",
  explanation:
    "A connector names one VPC's subnets, one per Availability Zone the service uses, and security groups; the provider requires at least one group and App Runner accepts five.",
  fix: "Give the connector one private subnet per AZ and 1–5 security groups.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const c of byType(m, "aws_apprunner_vpc_connector")) {
      const subnets = list(c.values.subnets).map(String);
      const groups = list(c.values.security_groups);
      if (subnets.length === 0) out.push({ status: "fail", address: c.address, message: "names no subnet" });
      const azs = subnetAzs(m, subnets);
      if (!azs)
        out.push({
          status: "unverifiable",
          address: c.address,
          message: "subnets defined outside this configuration: their AZs cannot be checked",
        });
      else if (new Set(azs).size !== azs.length)
        out.push({ status: "fail", address: c.address, message: "names two subnets in one Availability Zone" });
      if (groups.length < 1 || groups.length > 5)
        out.push({ status: "fail", address: c.address, message: `names ${groups.length} security groups, need 1 to 5` });
    }
    return out;
  },
};
