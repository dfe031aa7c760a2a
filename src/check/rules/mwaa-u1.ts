import type { Rule } from "../rule";
import { MWAA_P1 } from "./mwaa-p1";

/** MWAA-U1: public routing needs the same security group as private routing (MWAA-P1's check). */
export const MWAA_U1: Rule = {
  ...MWAA_P1,
  id: "MWAA-U1",
  explanation:
    "With public routing, as with private routing, the environment's security group needs a self-referencing inbound rule and an all-traffic outbound rule (MWAA networking page, public routing).",
};
