import { byType, list } from "../model";
import type { Rule } from "../rule";
import { fail, Found } from "./mwaa-common";

export const MWAA_P3: Rule = {
  id: "MWAA-P3",
  severity: "error",
  summary: "Network ACLs allow all traffic in and out (rule 100)",
  explanation: "The documented example ACL allows all traffic inbound and outbound with rule 100. NACLs are stateless: denying outbound traffic, as the page's prose says, would drop every response.",
  fix: "Give every NACL an ingress and an egress rule 100 allowing protocol -1 from/to 0.0.0.0/0.",
  check(m) {
    const allows = (rules: unknown) => list(rules).some((r) => {
      const x = r as Record<string, unknown>;
      return String(x.rule_no) === "100" && x.action === "allow" && String(x.protocol) === "-1" && x.cidr_block === "0.0.0.0/0";
    });
    const denies = (rules: unknown) => list(rules).some((r) => (r as Record<string, unknown>).action === "deny");
    const out: Found = [];
    for (const a of byType(m, "aws_network_acl")) {
      if (!allows(a.values.ingress) || denies(a.values.ingress)) out.push(fail(a.address, "inbound is not rule 100 allowing all traffic"));
      if (!allows(a.values.egress) || denies(a.values.egress)) out.push(fail(a.address, "outbound is not rule 100 allowing all traffic"));
    }
    return out;
  },
};
