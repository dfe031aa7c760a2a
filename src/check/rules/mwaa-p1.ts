import { byType } from "../model";
import type { Rule } from "../rule";
import { fail, Found, mwaaGroup, ref } from "./mwaa-common";

export const MWAA_P1: Rule = {
  id: "MWAA-P1",
  severity: "error",
  summary: "The environment's security group admits all traffic from itself and allows all outbound traffic",
  explanation:
    "MWAA requires a self-referencing inbound rule (all traffic, or TCP 443 and 5432 as hardening) and an outbound rule allowing all traffic to 0.0.0.0/0 (MWAA networking page, private routing).",
  fix: "Add aws_vpc_security_group_ingress_rule with referenced_security_group_id = the group itself, and an egress rule ip_protocol -1 to 0.0.0.0/0.",
  check(m) {
    // A shared VPC's owner half, checked with the participant that runs the environment there: the
    // environment's group is the participant's, judged in that module (check OWNER PARTICIPANT);
    // whether this module's endpoints admit it is not decided here.
    if (m.environmentsInVpc?.length && byType(m, "aws_mwaa_environment").length === 0)
      return [
        {
          status: "unverifiable",
          address: "-",
          message: `the environment runs in ${m.environmentsInVpc.join(", ")} (its group is checked there): whether this module's endpoint groups admit it cannot be verified here`,
        },
      ];
    const sg = mwaaGroup(m);
    if (!sg) return [fail("-", "no security group shared by the required MWAA interface endpoints")];
    const own = ref(sg);
    const ingress = byType(m, "aws_vpc_security_group_ingress_rule").filter((r) => r.values.security_group_id === own);
    const fromSelf = ingress.filter((r) => r.values.referenced_security_group_id === own);
    const out: Found = [];
    const allSelf = fromSelf.some((r) => String(r.values.ip_protocol) === "-1");
    const hardened = ["443", "5432"].every((p) => fromSelf.some((r) => String(r.values.from_port) === p && r.values.ip_protocol === "tcp"));
    if (!allSelf && !hardened) out.push(fail(sg, "no self-referencing inbound rule for all traffic (or for TCP 443 and 5432)"));
    const egress = byType(m, "aws_vpc_security_group_egress_rule").filter((r) => r.values.security_group_id === own);
    if (!egress.some((r) => String(r.values.ip_protocol) === "-1" && r.values.cidr_ipv4 === "0.0.0.0/0"))
      out.push(fail(sg, "no outbound rule allowing all traffic to 0.0.0.0/0"));
    return out;
  },
};
