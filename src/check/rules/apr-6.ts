import { block, byType } from "../model";
import type { Rule } from "../rule";

export const APR_6: Rule = {
  id: "APR-6",
  severity: "error",
  summary: "App Runner services send outgoing traffic through a VPC connector",
  explanation:
    'A service selects its connector with network_configuration.egress_configuration { egress_type = "VPC", vpc_connector_arn }; with DEFAULT egress it does not use the VPC at all.',
  fix: 'Set egress_type = "VPC" and vpc_connector_arn to the connector.',
  check(m) {
    return byType(m, "aws_apprunner_service")
      .filter((s) => {
        const egress = block(block(s.values.network_configuration)?.egress_configuration);
        return egress?.egress_type !== "VPC" || !egress.vpc_connector_arn;
      })
      .map((s) => ({ status: "fail" as const, address: s.address, message: "does not send its traffic through a VPC connector" }));
  },
};
