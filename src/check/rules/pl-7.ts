import { byType, list } from "../model";
import type { Rule } from "../rule";

export const PL_7: Rule = {
  id: "PL-7",
  severity: "error",
  summary: "Gateway endpoints attach to route tables, not subnets, and take no security groups",
  explanation:
    "S3 and DynamoDB gateway endpoints work through prefix-list routes in route tables; subnets and security groups do not apply to them.",
  fix: "Set route_table_ids; remove subnet_ids and security_group_ids.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const e of byType(m, "aws_vpc_endpoint").filter((x) => x.values.vpc_endpoint_type === "Gateway")) {
      if (list(e.values.route_table_ids).length === 0)
        out.push({ status: "fail", address: e.address, message: "is attached to no route table" });
      if (list(e.values.subnet_ids).length > 0 || list(e.values.security_group_ids).length > 0)
        out.push({ status: "fail", address: e.address, message: "names subnets or security groups" });
    }
    return out;
  },
};
