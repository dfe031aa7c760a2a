import { byType, list, referencedAddress } from "../model";
import type { Rule } from "../rule";
import { endpoints, fail, shortName } from "./mwaa-common";

export const MWAA_P4: Rule = {
  id: "MWAA-P4",
  severity: "error",
  summary: "The private route tables carry the S3 gateway endpoint",
  explanation: "The private subnets' local route table must have the S3 gateway endpoint attached (MWAA pulls from S3 and ECR layers through it).",
  fix: "Set route_table_ids of the S3 gateway endpoint to the private subnets' route tables.",
  check(m) {
    const s3 = endpoints(m, "Gateway").find((e) => shortName(m, e) === "s3");
    if (!s3) return [fail("-", "no S3 gateway endpoint")];
    const tables = new Set(byType(m, "aws_route_table_association").map((a) => a.values.route_table_id));
    const attached = new Set(list(s3.values.route_table_ids));
    return [...tables].filter((t) => !attached.has(t)).map((t) => fail(s3.address, `not attached to ${referencedAddress(t) ?? t}`));
  },
};
