import { byType, list } from "../model";
import type { Rule } from "../rule";
import { endpoints, fail, Found, ref, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P7: Rule = {
  id: "MWAA-P7",
  severity: "error",
  summary: "Interface endpoints are in both of the environment's subnets (two AZs)",
  explanation: "The required interface endpoints must be placed in both private subnets of the environment.",
  fix: "Give each required interface endpoint the environment's two subnets.",
  check(m) {
    const azOf = new Map(byType(m, "aws_subnet").map((s) => [ref(s.address), s.values.availability_zone]));
    const out: Found = [];
    for (const e of endpoints(m, "Interface").filter((x) => REQUIRED_INTERFACE.includes(shortName(m, x)))) {
      const ids = list(e.values.subnet_ids);
      if (ids.some((id) => !azOf.has(String(id)))) out.push({ status: "unverifiable", address: e.address, message: "subnets defined outside this configuration: their AZs cannot be checked" });
      else if (ids.length < 2 || new Set(ids.map((id) => azOf.get(String(id)))).size < 2) out.push(fail(e.address, "not in two subnets of two AZs"));
    }
    return out;
  },
};
