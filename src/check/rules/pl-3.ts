import { block, byType, list } from "../model";
import type { Rule } from "../rule";

export const PL_3: Rule = {
  id: "PL-3",
  severity: "error",
  summary: "An interface endpoint's IP address type is one its subnets carry, and its DNS records follow it",
  explanation: "ipv4 needs IPv4 on every subnet, ipv6 IPv6-only subnets, dualstack both; the DNS record type follows the address type.",
  fix: "Set ip_address_type (and dns_options.dns_record_ip_type) to what the subnets carry.",
  check(m) {
    const subnets = new Map(byType(m, "aws_subnet").map((s) => [`\${${s.address}.id}`, s.values]));
    const out: ReturnType<Rule["check"]> = [];
    for (const e of byType(m, "aws_vpc_endpoint").filter((x) => x.values.vpc_endpoint_type === "Interface")) {
      const type = (e.values.ip_address_type as string | undefined) ?? "ipv4";
      const own = list(e.values.subnet_ids).map((id) => subnets.get(String(id)));
      if (own.some((s) => !s)) continue; // existing subnets: their addressing is not known here
      const v4 = own.every((s) => s!.cidr_block !== undefined && s!.cidr_block !== null && s!.ipv6_native !== true);
      const v6 = own.every((s) => s!.ipv6_cidr_block !== undefined && s!.ipv6_cidr_block !== null);
      const fits = type === "ipv4" ? v4 : type === "ipv6" ? v6 : v4 && v6;
      if (!fits) out.push({ status: "fail", address: e.address, message: `ip_address_type ${type} does not match its subnets` });
      const dns = block(e.values.dns_options)?.dns_record_ip_type;
      if (
        dns !== undefined &&
        dns !== null &&
        e.values.ip_address_type !== undefined &&
        dns !== type &&
        !(type === "dualstack" && dns === "ipv4")
      ) {
        out.push({ status: "fail", address: e.address, message: `dns_record_ip_type ${dns} does not follow ip_address_type ${type}` });
      }
    }
    return out;
  },
};
