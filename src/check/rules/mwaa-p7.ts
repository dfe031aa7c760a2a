import { list } from "../model";
import type { Rule } from "../rule";
import { endpoints, fail, Found, REQUIRED_INTERFACE, shortName } from "./mwaa-common";
import { subnetAzs } from "./network-common";

export const MWAA_P7: Rule = {
  id: "MWAA-P7",
  severity: "error",
  summary: "Interface endpoints are in both of the environment's subnets (two AZs)",
  explanation: "The required interface endpoints must be placed in both private subnets of the environment.",
  fix: "Give each required interface endpoint the environment's two subnets.",
  check(m) {
    const out: Found = [];
    for (const e of endpoints(m, "Interface").filter((x) => REQUIRED_INTERFACE.includes(shortName(m, x)))) {
      const azs = subnetAzs(m, list(e.values.subnet_ids));
      if (!azs)
        out.push({
          status: "unverifiable",
          address: e.address,
          message: "subnets defined outside this configuration: their AZs cannot be checked",
        });
      else if (azs.length < 2 || new Set(azs).size < 2) out.push(fail(e.address, "not in two subnets of two AZs"));
    }
    return out;
  },
};
