import { decodePolicy } from "../policy-document";
import { list } from "../model";
import type { Rule } from "../rule";
import { endpoints, fail, Found, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P9: Rule = {
  id: "MWAA-P9",
  severity: "error",
  summary: "Each interface endpoint's policy allows access to its service",
  explanation:
    "The documented recommendation is an allow-all endpoint policy; permissions live on the execution role. A deny or a missing allow breaks the environment.",
  fix: "Use the allow-all policy (Effect Allow, Principal *, Action *, Resource *) or leave policy unset.",
  check(m) {
    const out: Found = [];
    for (const e of endpoints(m, "Interface").filter((x) => REQUIRED_INTERFACE.includes(shortName(m, x)))) {
      if (e.values.policy === undefined) continue; // AWS's default is allow-all
      const doc = decodePolicy(e.values.policy);
      if (!doc) {
        out.push({ status: "unverifiable", address: e.address, message: "the policy is an expression that cannot be read" });
        continue;
      }
      const statements = list(doc.Statement) as Record<string, unknown>[];
      const allows = statements.some((s) => s.Effect === "Allow" && s.Principal === "*" && s.Action === "*" && s.Resource === "*");
      if (!allows || statements.some((s) => s.Effect === "Deny"))
        out.push(fail(e.address, "the policy does not allow all access to the service"));
    }
    return out;
  },
};
