import { byType, referencedAddress } from "../model";
import type { Rule } from "../rule";

export const MWAA_U5: Rule = {
  id: "MWAA-U5",
  severity: "error",
  summary: "One internet gateway, attached to the VPC",
  explanation: "Public routing needs an internet gateway attached to the environment's VPC (MWAA networking page, public routing).",
  fix: "Add one aws_internet_gateway with vpc_id set to the VPC.",
  check(m) {
    const igws = byType(m, "aws_internet_gateway");
    if (igws.length !== 1) return [{ status: "fail", address: "-", message: `${igws.length} internet gateways, need 1` }];
    const vpcs = new Set(byType(m, "aws_vpc").map((v) => v.address));
    return vpcs.has(referencedAddress(igws[0].values.vpc_id) ?? "")
      ? []
      : [{ status: "fail", address: igws[0].address, message: "not attached to the VPC of this configuration" }];
  },
};
