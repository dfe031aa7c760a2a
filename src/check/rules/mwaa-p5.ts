import type { Rule } from "../rule";
import { endpoints, fail, Found, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P5: Rule = {
  id: "MWAA-P5",
  severity: "error",
  summary: "The S3 gateway endpoint and the nine required interface endpoints exist, in the stack's Region",
  explanation:
    "Without internet access MWAA reaches AWS only through VPC endpoints: s3 (gateway) and monitoring, ecr.dkr, ecr.api, logs, sqs, kms, airflow.api, airflow.env, airflow.ops (interface).",
  fix: "Add the missing aws_vpc_endpoint for com.amazonaws.<region>.<service>.",
  check(m) {
    const names = new Set<string>(endpoints(m, "Interface").map((e) => shortName(m, e)));
    const out: Found = REQUIRED_INTERFACE.filter((n) => !names.has(n)).map((n) => fail("-", `missing interface endpoint ${n}`));
    if (!endpoints(m, "Gateway").some((e) => shortName(m, e) === "s3")) out.push(fail("-", "missing gateway endpoint s3"));
    return out;
  },
};
