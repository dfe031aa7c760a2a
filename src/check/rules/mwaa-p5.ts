import { airflowOpsOffered } from "../../aws/mwaa";
import type { Rule } from "../rule";
import { endpoints, fail, Found, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P5: Rule = {
  id: "MWAA-P5",
  severity: "error",
  summary: "The S3 gateway endpoint and the required interface endpoints exist, in the stack's Region",
  explanation:
    "Without internet access MWAA reaches AWS only through VPC endpoints: s3 (gateway) and monitoring, ecr.dkr, ecr.api, logs, sqs, kms, airflow.api, airflow.env, and airflow.ops where the Region offers it (interface).",
  fix: "Add the missing aws_vpc_endpoint for com.amazonaws.<region>.<service>.",
  check(m) {
    // Endpoints an existing VPC already has (recorded by private-routing) count as present.
    const names = new Set<string>([...endpoints(m, "Interface").map((e) => shortName(m, e)), ...(m.providedByVpc ?? [])]);
    const out: Found = [];
    for (const n of REQUIRED_INTERFACE.filter((x) => !names.has(x))) {
      // airflow.ops is not offered in every Region (src/aws/mwaa.ts, with its source).
      const offered = n === "airflow.ops" ? (m.region === undefined ? undefined : airflowOpsOffered(m.region)) : true;
      if (offered === true) out.push(fail("-", `missing interface endpoint ${n}`));
      else if (offered === undefined) {
        out.push({
          status: "unverifiable",
          address: "-",
          message: `no ${n} endpoint, and whether ${m.region ?? "this Region"} offers it is not known to the facts catalogue`,
        });
      }
    }
    if (!endpoints(m, "Gateway").some((e) => shortName(m, e) === "s3") && !names.has("s3"))
      out.push(fail("-", "missing gateway endpoint s3"));
    return out;
  },
};
