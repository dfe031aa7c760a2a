import type { Rule } from "../rule";
import { MWAA_P3 } from "./mwaa-p3";

/** MWAA-U6: public routing's network ACLs allow all traffic (MWAA-P3's check). */
export const MWAA_U6: Rule = {
  ...MWAA_P3,
  id: "MWAA-U6",
  explanation:
    "With public routing the network ACLs must allow all traffic inbound and outbound (rule 100 plus the default deny), on the public and the private subnets.",
};
