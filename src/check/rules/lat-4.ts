import { byType, list, referencedAddress } from "../model";
import type { Rule } from "../rule";

export const LAT_4: Rule = {
  id: "LAT-4",
  severity: "error",
  summary: "Consumers reach a shared resource through a Resource endpoint or a service network and its endpoint",
  explanation:
    "A consumer VPC reaches a shared resource configuration either through a VPC endpoint of type Resource, or through a service network that has a resource association for it and a VPC endpoint of type ServiceNetwork in the VPC.",
  fix: "Give Resource endpoints a resource_configuration_arn, subnets and security groups; associate service networks with the configuration by its rcfg- ID (not its ARN) and reach them through a ServiceNetwork endpoint.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const endpoints = byType(m, "aws_vpc_endpoint");
    for (const e of endpoints) {
      const type = e.values.vpc_endpoint_type;
      if (type !== "Resource" && type !== "ServiceNetwork") continue;
      const fail = (message: string) => out.push({ status: "fail", address: e.address, message });
      if (type === "Resource" && !e.values.resource_configuration_arn) fail("is of type Resource but names no resource_configuration_arn");
      if (type === "ServiceNetwork" && !e.values.service_network_arn) fail("is of type ServiceNetwork but names no service_network_arn");
      if (list(e.values.subnet_ids).length === 0) fail("has no subnets: it has no network interface to reach");
      if (list(e.values.security_group_ids).length === 0) fail("has no security group");
    }
    for (const a of byType(m, "aws_vpclattice_service_network_resource_association")) {
      // The service answers with the rcfg- ID; given the ARN, provider 5.100.0 fails the apply with
      // "Provider produced inconsistent result after apply" (hashicorp/terraform-provider-aws#44546).
      if (/^arn:/.test(String(a.values.resource_configuration_identifier))) {
        out.push({
          status: "fail",
          address: a.address,
          message: "resource_configuration_identifier is an ARN: the provider reads back the rcfg- ID and fails the apply; give the ID",
        });
      }
    }
    const reached = new Set(
      endpoints.filter((e) => e.values.vpc_endpoint_type === "ServiceNetwork").map((e) => referencedAddress(e.values.service_network_arn)),
    );
    for (const a of byType(m, "aws_vpclattice_service_network_vpc_association"))
      reached.add(referencedAddress(a.values.service_network_identifier));
    for (const sn of byType(m, "aws_vpclattice_service_network")) {
      const associations = byType(m, "aws_vpclattice_service_network_resource_association").filter(
        (a) => referencedAddress(a.values.service_network_identifier) === sn.address,
      );
      if (associations.length > 0 && !reached.has(sn.address))
        out.push({
          status: "fail",
          address: sn.address,
          message: "has resource associations but no VPC endpoint (or VPC association) reaches it",
        });
    }
    return out;
  },
};
