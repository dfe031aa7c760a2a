import { byType } from "../model";
import { hubServices } from "../hubs";
import type { Rule } from "../rule";
import { endpoints, fail, Found, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P6: Rule = {
  id: "MWAA-P6",
  severity: "error",
  summary: "Interface endpoints have private DNS; the VPC has DNS support and hostnames",
  explanation:
    "Private DNS lets the SDK's public service names resolve to the endpoints (or, in a central hub, a private hosted zone of the service's name aliased to the endpoint); it needs enable_dns_support and enable_dns_hostnames on the VPC.",
  fix: "Set private_dns_enabled = true on the endpoints and both DNS attributes on the VPC.",
  check(m) {
    const out: Found = [];
    // A central hub's endpoint answers through a zone of its service's name instead (src/check/hubs.ts).
    const central = new Set(hubServices(m));
    for (const e of endpoints(m, "Interface"))
      if (REQUIRED_INTERFACE.includes(shortName(m, e)) && e.values.private_dns_enabled !== true && !central.has(shortName(m, e)))
        out.push(fail(e.address, "private DNS is off"));
    for (const v of byType(m, "aws_vpc")) {
      if (v.values.enable_dns_support === false) out.push(fail(v.address, "DNS support is off"));
      if (v.values.enable_dns_hostnames !== true) out.push(fail(v.address, "DNS hostnames are off"));
    }
    return out;
  },
};
