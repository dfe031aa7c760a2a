// The MWAA private-routing rules, in requirement order.
import { MWAA_P1 } from "./mwaa-p1";
import { MWAA_P2 } from "./mwaa-p2";
import { MWAA_P3 } from "./mwaa-p3";
import { MWAA_P4 } from "./mwaa-p4";
import { MWAA_P5 } from "./mwaa-p5";
import { MWAA_P6 } from "./mwaa-p6";
import { MWAA_P7 } from "./mwaa-p7";
import { MWAA_P8 } from "./mwaa-p8";
import { MWAA_P9 } from "./mwaa-p9";
import { MWAA_P10 } from "./mwaa-p10";
import type { Rule } from "../rule";

export const MWAA_PRIVATE_RULES: readonly Rule[] = [
  MWAA_P1,
  MWAA_P2,
  MWAA_P3,
  MWAA_P4,
  MWAA_P5,
  MWAA_P6,
  MWAA_P7,
  MWAA_P8,
  MWAA_P9,
  MWAA_P10,
];

export { MWAA_P1, MWAA_P2, MWAA_P3, MWAA_P4, MWAA_P5, MWAA_P6, MWAA_P7, MWAA_P8, MWAA_P9, MWAA_P10 };
