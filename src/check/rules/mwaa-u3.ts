import { byType, referencedAddress } from "../model";
import type { Rule } from "../rule";
import { defaultRoutes, publicSubnetRefs, subnetAz, subnetsByRouteTable } from "./network-common";

export const MWAA_U3: Rule = {
  id: "MWAA-U3",
  severity: "error",
  summary: "The environment's private subnets route 0.0.0.0/0 to a NAT gateway in their own AZ, never to the internet gateway",
  explanation:
    "With public routing the environment's two private subnets reach the internet through NAT; a subnet routed to the internet gateway is public, and a NAT in another AZ makes one AZ's failure take both down.",
  fix: "Give each private subnet a route table whose 0.0.0.0/0 route targets the NAT gateway in the same AZ.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const byTable = subnetsByRouteTable(m);
    const publicSubnets = publicSubnetRefs(m);
    const nats = new Map(byType(m, "aws_nat_gateway").map((n) => [n.address, n]));
    const azs = new Set<unknown>();
    for (const r of defaultRoutes(m)) {
      const nat = nats.get(referencedAddress(r.nat) ?? "");
      if (!nat) continue;
      for (const s of byTable.get(r.table) ?? []) {
        if (publicSubnets.has(s))
          out.push({ status: "fail", address: referencedAddress(s) ?? s, message: "routes to both the internet gateway and a NAT" });
        const natAz = subnetAz(m, String(nat.values.subnet_id));
        if (natAz !== subnetAz(m, s))
          out.push({
            status: "fail",
            address: referencedAddress(s) ?? s,
            message: `routes to the NAT gateway in ${natAz}, not in its own AZ`,
          });
        azs.add(subnetAz(m, s));
      }
    }
    if (azs.size < 2) out.push({ status: "fail", address: "-", message: `private subnets routed to a NAT span ${azs.size} AZ(s), need 2` });
    return out;
  },
};
