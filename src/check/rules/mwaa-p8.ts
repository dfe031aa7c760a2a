import { list } from "../model";
import type { Rule } from "../rule";
import { endpoints, fail, mwaaGroup, ref, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P8: Rule = {
  id: "MWAA-P8",
  severity: "error",
  summary: "Interface endpoints carry the environment's security group",
  explanation: "The endpoints must be attached to the environment's security group, whose self-referencing rule admits the environment.",
  fix: "Add the MWAA security group to security_group_ids of each required interface endpoint.",
  check(m) {
    const sg = mwaaGroup(m);
    if (!sg) return [fail("-", "the required interface endpoints share no security group")];
    return endpoints(m, "Interface")
      .filter((e) => REQUIRED_INTERFACE.includes(shortName(m, e)) && !list(e.values.security_group_ids).includes(ref(sg)))
      .map((e) => fail(e.address, `does not carry ${sg}`));
  },
};
