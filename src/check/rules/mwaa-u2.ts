import type { Rule } from "../rule";
import { publicSubnetRefs, subnetAz } from "./network-common";

export const MWAA_U2: Rule = {
  id: "MWAA-U2",
  severity: "error",
  summary: "Two public subnets in different AZs route 0.0.0.0/0 to the internet gateway",
  explanation:
    "With public routing MWAA needs two public subnets, in different Availability Zones, whose route table sends internet traffic to the internet gateway (MWAA networking page, public routing).",
  fix: "Add a 0.0.0.0/0 route to the internet gateway on the public subnets' route table, and public subnets in two AZs.",
  check(m) {
    const azs = new Set([...publicSubnetRefs(m)].map((s) => subnetAz(m, s)));
    return azs.size >= 2
      ? []
      : [{ status: "fail", address: "-", message: `public subnets (routed to an internet gateway) span ${azs.size} AZ(s), need 2` }];
  },
};
