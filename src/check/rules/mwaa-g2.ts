import { byType } from "../model";
import type { Rule } from "../rule";

/**
 * MWAA-G2: with CUSTOMER endpoint management the environment waits (PENDING) until interface
 * endpoints to its database and (private web server) web server endpoint services exist.
 */
export const MWAA_G2: Rule = {
  id: "MWAA-G2",
  severity: "error",
  summary: "With CUSTOMER endpoint management, endpoints to the environment's database and web server services exist",
  explanation:
    "endpoint_management = CUSTOMER (required in shared VPCs) makes the user create interface endpoints to the environment's database_vpc_endpoint_service and, with a private web server, webserver_vpc_endpoint_service; the environment waits in PENDING until they exist.",
  fix: "Add aws_vpc_endpoint resources whose service_name is the environment's database_vpc_endpoint_service (and webserver_vpc_endpoint_service when the web server is private), in the environment's subnets and security group.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const services = byType(m, "aws_vpc_endpoint").map((e) => String(e.values.service_name));
    for (const env of byType(m, "aws_mwaa_environment")) {
      if (env.values.endpoint_management !== "CUSTOMER") continue;
      const needed = [
        "database_vpc_endpoint_service",
        ...((env.values.webserver_access_mode ?? "PRIVATE_ONLY") === "PRIVATE_ONLY" ? ["webserver_vpc_endpoint_service"] : []),
      ];
      for (const attr of needed) {
        if (services.includes(`\${${env.address}.${attr}}`)) continue;
        // They may be made elsewhere (another stack, the VPC owner's account): not a pass, not a failure.
        out.push({
          status: "unverifiable",
          address: env.address,
          message: `no endpoint to its ${attr} in this configuration (the environment waits in PENDING until one exists)`,
        });
      }
    }
    return out;
  },
};
