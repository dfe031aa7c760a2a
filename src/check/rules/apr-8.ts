import { block, byType, referencedAddress } from "../model";
import type { Rule } from "../rule";

export const APR_8: Rule = {
  id: "APR-8",
  severity: "error",
  summary: "A private App Runner service has a VPC ingress connection through an apprunner.requests endpoint without a policy",
  explanation:
    "Incoming traffic is not affected by the connector: a private service needs an interface endpoint for com.amazonaws.<region>.apprunner.requests and a VPC ingress connection; App Runner does not support endpoint policies there, so security groups (443) control access.",
  fix: "Add the apprunner.requests interface endpoint (no policy) and an aws_apprunner_vpc_ingress_connection for the service.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const connections = byType(m, "aws_apprunner_vpc_ingress_connection");
    for (const s of byType(m, "aws_apprunner_service")) {
      const ingress = block(block(s.values.network_configuration)?.ingress_configuration);
      if (ingress?.is_publicly_accessible !== false) continue;
      const conn = connections.find((c) => c.values.service_arn === `\${${s.address}.arn}`);
      if (!conn) {
        out.push({ status: "fail", address: s.address, message: "is private but has no VPC ingress connection" });
        continue;
      }
      const endpointAddress = referencedAddress(block(conn.values.ingress_vpc_configuration)?.vpc_endpoint_id);
      const endpoint = m.resources.find((r) => r.address === endpointAddress);
      if (!endpoint)
        out.push({ status: "unverifiable", address: conn.address, message: "its endpoint is defined outside this configuration" });
      else if (!String(endpoint.values.service_name).endsWith(".apprunner.requests"))
        out.push({ status: "fail", address: conn.address, message: `uses ${endpoint.address}, not an apprunner.requests endpoint` });
      else if (endpoint.values.policy !== undefined && endpoint.values.policy !== null)
        out.push({ status: "fail", address: endpoint.address, message: "has an endpoint policy, which App Runner does not support" });
    }
    return out;
  },
};
