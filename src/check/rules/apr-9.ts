import { byType, list, referencedAddress } from "../model";
import type { Finding, Rule } from "../rule";

export const APR_9: Rule = {
  id: "APR-9",
  severity: "error",
  summary: "A connector's outbound rule to a security group has the matching inbound rule on that group",
  explanation:
    "Traffic from an App Runner VPC connector leaves through the connector's security group and must be admitted by the destination's: an outbound rule to a group without that group's inbound rule from the connector is dropped (App Runner developer guide, VPC connector security groups).",
  fix: "Add an aws_vpc_security_group_ingress_rule on the destination group with referenced_security_group_id = the connector's group, on the same protocol and ports.",
  check(m) {
    const connectorGroups = new Set(byType(m, "aws_apprunner_vpc_connector").flatMap((c) => list(c.values.security_groups).map(String)));
    if (connectorGroups.size === 0) return [];
    const ingress = byType(m, "aws_vpc_security_group_ingress_rule");
    const groupsHere = new Set(byType(m, "aws_security_group").map((g) => `\${${g.address}.id}`));
    return byType(m, "aws_vpc_security_group_egress_rule")
      .filter((e) => connectorGroups.has(String(e.values.security_group_id)) && typeof e.values.referenced_security_group_id === "string")
      .flatMap((e): Omit<Finding, "ruleId" | "severity">[] => {
        const destination = String(e.values.referenced_security_group_id);
        const matching = ingress.some(
          (i) =>
            i.values.security_group_id === destination &&
            i.values.referenced_security_group_id === e.values.security_group_id &&
            String(i.values.ip_protocol) === String(e.values.ip_protocol) &&
            Number(i.values.from_port) <= Number(e.values.from_port) &&
            Number(i.values.to_port) >= Number(e.values.to_port),
        );
        if (matching) return [];
        const name = referencedAddress(destination) ?? destination;
        // A group this configuration does not make may admit the connector by rules made elsewhere.
        if (!groupsHere.has(destination) && !destination.startsWith("${")) {
          return [
            {
              status: "unverifiable",
              address: e.address,
              message: `${name} is not made here and has no inbound rule from the connector here; check its own rules`,
            },
          ];
        }
        return [
          {
            status: "fail",
            address: e.address,
            message: `${name} has no inbound rule from the connector's group on ${e.values.ip_protocol} ${e.values.from_port}-${e.values.to_port}`,
          },
        ];
      });
  },
};
