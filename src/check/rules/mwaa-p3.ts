import type { Rule } from "../rule";
import { fail, Found } from "./mwaa-common";
import { AclEntry, networkAcls } from "./network-common";

export const MWAA_P3: Rule = {
  id: "MWAA-P3",
  severity: "error",
  summary: "Network ACLs allow all traffic in and out (rule 100)",
  explanation:
    "The documented example ACL allows all traffic inbound and outbound with rule 100. NACLs are stateless: denying outbound traffic, as the page's prose says, would drop every response.",
  fix: "Give every NACL (inline, as aws_network_acl_rule resources, or on aws_default_network_acl) an ingress and an egress rule 100 allowing protocol -1 from/to 0.0.0.0/0.",
  check(m) {
    // "-1" and "all" both mean every protocol (the provider accepts either).
    const allows = (entries: AclEntry[]) =>
      entries.some((x) => x.ruleNo === "100" && x.action === "allow" && ["-1", "all"].includes(x.protocol) && x.cidr === "0.0.0.0/0");
    const denies = (entries: AclEntry[]) => entries.some((x) => x.action === "deny");
    const out: Found = [];
    for (const a of networkAcls(m)) {
      if (!allows(a.ingress) || denies(a.ingress)) out.push(fail(a.address, "inbound is not rule 100 allowing all traffic"));
      if (!allows(a.egress) || denies(a.egress)) out.push(fail(a.address, "outbound is not rule 100 allowing all traffic"));
    }
    return out;
  },
};
