import { byType, referencedAddress, refersTo } from "../model";
import type { Rule } from "../rule";

export const LAT_3: Rule = {
  id: "LAT-3",
  severity: "error",
  summary: "A RAM share of resource configurations names its principals and its external-principal setting",
  explanation:
    "Cross-account sharing goes through an AWS RAM resource share (e.g. shared-services) with the consumer accounts or organization; whether principals outside the organization may join is stated explicitly, and what is shared is resource configurations.",
  fix: "Set allow_external_principals on aws_ram_resource_share, add an aws_ram_principal_association per consumer and an aws_ram_resource_association per resource configuration.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const principals = byType(m, "aws_ram_principal_association");
    const resources = byType(m, "aws_ram_resource_association");
    const shareOf = (v: unknown) => referencedAddress(v);
    for (const s of byType(m, "aws_ram_resource_share")) {
      const fail = (message: string) => out.push({ status: "fail", address: s.address, message });
      if (typeof s.values.allow_external_principals !== "boolean") fail("does not state allow_external_principals");
      if (!principals.some((p) => shareOf(p.values.resource_share_arn) === s.address))
        fail("has no principal association: nobody is shared with");
      const shared = resources.filter((r) => shareOf(r.values.resource_share_arn) === s.address);
      if (shared.length === 0) fail("has no resource association: nothing is shared");
      for (const r of shared) {
        const arn = String(r.values.resource_arn);
        if (!refersTo(arn, "aws_vpclattice_resource_configuration") && !arn.includes(":resourceconfiguration/")) {
          out.push({ status: "fail", address: r.address, message: `shares ${arn}, not a resource configuration` });
        }
      }
    }
    return out;
  },
};
