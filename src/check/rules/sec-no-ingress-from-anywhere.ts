import { byType, list } from "../model";
import type { Rule } from "../rule";

/** SEC-1: no security group admits the whole internet. */
export const SEC_NO_INGRESS_FROM_ANYWHERE: Rule = {
  id: "SEC-1",
  severity: "error",
  summary: "No security group rule admits 0.0.0.0/0 or ::/0 inbound",
  explanation:
    "Workloads with no path to the internet have no reason to admit it; an inbound rule from anywhere is either useless or a hole waiting for a route (project rule; secure by default).",
  fix: "Admit the VPC's CIDR, a peer network or a security group instead.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const anywhere = (v: unknown) => v === "0.0.0.0/0" || v === "::/0";
    for (const r of byType(m, "aws_vpc_security_group_ingress_rule")) {
      if (anywhere(r.values.cidr_ipv4) || anywhere(r.values.cidr_ipv6))
        out.push({ status: "fail", address: r.address, message: `admits ${r.values.cidr_ipv4 ?? r.values.cidr_ipv6}` });
    }
    // The legacy rule resource: an ingress rule with a CIDR list.
    for (const r of byType(m, "aws_security_group_rule")) {
      if (r.values.type !== "ingress") continue;
      if (list(r.values.cidr_blocks).some(anywhere) || list(r.values.ipv6_cidr_blocks).some(anywhere))
        out.push({ status: "fail", address: r.address, message: "admits anywhere (aws_security_group_rule)" });
    }
    for (const g of byType(m, "aws_security_group")) {
      for (const i of list(g.values.ingress)) {
        const x = i as Record<string, unknown>;
        if (list(x.cidr_blocks).some(anywhere) || list(x.ipv6_cidr_blocks).some(anywhere))
          out.push({ status: "fail", address: g.address, message: "an inline ingress rule admits anywhere" });
      }
    }
    return out;
  },
};
