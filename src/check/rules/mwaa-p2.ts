import { block, byType, list } from "../model";
import type { Rule } from "../rule";
import { fail, Found } from "./mwaa-common";
import { routeToInternet } from "./network-common";

export const MWAA_P2: Rule = {
  id: "MWAA-P2",
  severity: "error",
  summary: "Two private subnets in two AZs; no internet gateway, NAT or route to them",
  explanation:
    "With private routing MWAA needs two private subnets in different Availability Zones, and their route tables must not route to an internet gateway or a NAT device.",
  fix: "Put the environment's subnets in two AZs; remove internet gateways, NAT gateways and their routes.",
  check(m) {
    const out: Found = [];
    // The environment's own subnets when it is here (a VPC may hold other subnets); else every subnet.
    const own = byType(m, "aws_mwaa_environment").flatMap((env) => list(block(env.values.network_configuration)?.subnet_ids).map(String));
    const subnets = byType(m, "aws_subnet").filter((s) => own.length === 0 || own.includes(`\${${s.address}.id}`));
    // An existing VPC: its subnets and route tables are its owner's, not in this configuration, so
    // whether they route to the internet cannot be read here (never a pass).
    if (
      own.length > 0 &&
      byType(m, "aws_subnet").length === 0 &&
      byType(m, "aws_route_table").length === 0 &&
      byType(m, "aws_route").length === 0
    )
      out.push({
        status: "unverifiable",
        address: "-",
        message:
          "the environment's subnets and their route tables are not in this configuration (an existing VPC): whether they route to an internet gateway or NAT cannot be read here",
      });
    if (subnets.length > 0 && new Set(subnets.map((s) => s.values.availability_zone)).size < 2)
      out.push(fail("-", "the private subnets are in fewer than two Availability Zones"));
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_egress_only_internet_gateway"])
      for (const r of byType(m, type)) out.push(fail(r.address, `${type} in a private-routing network`));
    // Routes to a Transit Gateway, a peering connection or a virtual private gateway stay private.
    for (const r of byType(m, "aws_route")) if (routeToInternet(r.values)) out.push(fail(r.address, "route to an internet gateway or NAT"));
    for (const t of byType(m, "aws_route_table"))
      if ((list(t.values.route) as Record<string, unknown>[]).some(routeToInternet))
        out.push(fail(t.address, "route table with a route to an internet gateway or NAT"));
    return out;
  },
};
