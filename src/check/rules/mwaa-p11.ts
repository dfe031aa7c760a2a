import { byType } from "../model";
import type { Rule } from "../rule";

/** MWAA-P11: with private routing the Airflow web server is reachable only from inside the VPC. */
export const MWAA_P11: Rule = {
  id: "MWAA-P11",
  severity: "error",
  summary: "With private routing, the MWAA web server access mode is PRIVATE_ONLY",
  explanation:
    "In a network without internet access the environment's web server is private (PRIVATE_ONLY): users reach it through the VPC (Client VPN, a bastion, a peered network). PUBLIC_ONLY needs the public routing the network does not have. AWS's default is PRIVATE_ONLY, so leaving the argument out is compliant.",
  fix: 'Set webserver_access_mode = "PRIVATE_ONLY" (or leave it out), or give the network public routing (NAT gateways) if the web server must be public.',
  check(m) {
    // A NAT gateway or internet gateway in the module means public routing: P11 does not apply then.
    if (byType(m, "aws_nat_gateway").length > 0 || byType(m, "aws_internet_gateway").length > 0) return [];
    return byType(m, "aws_mwaa_environment")
      .filter((e) => e.values.webserver_access_mode !== undefined && e.values.webserver_access_mode !== "PRIVATE_ONLY")
      .map((e) => ({
        status: "fail" as const,
        address: e.address,
        message: `webserver_access_mode is ${JSON.stringify(e.values.webserver_access_mode)} in a network without internet access`,
      }));
  },
};
