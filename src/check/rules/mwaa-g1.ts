import { block, byType, list } from "../model";
import type { Rule } from "../rule";
import { subnetAzs } from "./network-common";

export const MWAA_G1: Rule = {
  id: "MWAA-G1",
  severity: "error",
  summary: "The MWAA environment names exactly two subnets in different AZs and 1–5 security groups",
  explanation:
    "An MWAA environment's network configuration takes two private subnets in two Availability Zones and one to five security groups; changing them replaces the environment.",
  fix: "Set network_configuration.subnet_ids to two subnets in two AZs and security_group_ids to 1–5 groups.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const e of byType(m, "aws_mwaa_environment")) {
      const nc = block(e.values.network_configuration) ?? {};
      const subnets = list(nc.subnet_ids);
      const groups = list(nc.security_group_ids);
      const azs = subnetAzs(m, subnets);
      if (subnets.length !== 2)
        out.push({ status: "fail", address: e.address, message: `names ${subnets.length} subnets, need exactly 2` });
      else if (!azs)
        out.push({
          status: "unverifiable",
          address: e.address,
          message: "its subnets are defined outside this configuration: their AZs cannot be checked",
        });
      else if (azs[0] === azs[1]) out.push({ status: "fail", address: e.address, message: "both subnets are in one Availability Zone" });
      if (groups.length < 1 || groups.length > 5)
        out.push({ status: "fail", address: e.address, message: `names ${groups.length} security groups, need 1 to 5` });
    }
    return out;
  },
};
