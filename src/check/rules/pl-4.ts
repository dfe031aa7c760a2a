import { decodePolicy } from "../policy-document";
import { byType, list } from "../model";
import type { Rule } from "../rule";

export const PL_4: Rule = {
  id: "PL-4",
  severity: "error",
  summary: "Interface endpoints have a security group, and their policies are well-formed documents",
  explanation:
    "Security groups and endpoint policies control what may be done through an endpoint; a policy that is not a document with statements is rejected or meaningless.",
  fix: "Attach a security group admitting the service's ports from the VPC; give the policy Version and Statement.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const e of byType(m, "aws_vpc_endpoint").filter((x) => x.values.vpc_endpoint_type === "Interface")) {
      if (list(e.values.security_group_ids).length === 0)
        out.push({ status: "fail", address: e.address, message: "has no security group" });
      if (e.values.policy === undefined || e.values.policy === null) continue;
      const doc = decodePolicy(e.values.policy);
      if (doc === undefined)
        out.push({ status: "unverifiable", address: e.address, message: "the policy is an expression that cannot be read" });
      else if (list(doc.Statement).length === 0 || doc.Version !== "2012-10-17")
        out.push({ status: "fail", address: e.address, message: "the policy is not a document with Version 2012-10-17 and statements" });
    }
    return out;
  },
};
