import { byType, list, referencedAddress, refersTo } from "../model";
import type { Rule } from "../rule";
import { sameVpcOffers } from "../hubs";
import { endpoints, fail, Found, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P4: Rule = {
  id: "MWAA-P4",
  severity: "error",
  summary: "The private route tables carry the S3 gateway endpoint",
  explanation:
    "The private subnets' local route table must have the S3 gateway endpoint attached (MWAA pulls from S3 and ECR layers through it). A subnet with no route table association uses the VPC's main route table, which a gateway endpoint is not attached to unless named.",
  fix: "Associate each private subnet with a route table, and set route_table_ids of the S3 gateway endpoint to those route tables.",
  check(m) {
    const s3 = endpoints(m, "Gateway").find((e) => shortName(m, e) === "s3");
    // An S3 gateway the existing VPC already has (or another module checked together makes there,
    // a shared VPC's owner) is attached to its route tables outside this code.
    if (!s3) {
      if (m.providedByVpc?.includes("s3")) return [];
      const offers = sameVpcOffers(m);
      if (offers.some((o) => o.services.includes("s3"))) return [];
      const alsoIn = offers.length > 0 ? `, nor made in its VPC by ${[...new Set(offers.map((o) => o.source))].join(", ")}` : "";
      return [{ status: "fail", address: "-", message: `no S3 gateway endpoint${alsoIn}` }];
    }
    const associations = byType(m, "aws_route_table_association");
    const tables = new Set(associations.map((a) => a.values.route_table_id));
    const attached = new Set(list(s3.values.route_table_ids));
    const out: Found = [...tables]
      .filter((t) => !attached.has(t))
      .map((t) => fail(s3.address, `not attached to ${referencedAddress(t) ?? t}`));
    // The subnets the MWAA endpoints are in, when this configuration makes them: each needs its
    // own association (an existing subnet's association is not in the configuration to check).
    const mwaaSubnets = new Set(
      endpoints(m, "Interface")
        .filter((e) => REQUIRED_INTERFACE.includes(shortName(m, e)))
        .flatMap((e) => list(e.values.subnet_ids))
        .filter((s) => refersTo(s, "aws_subnet")),
    );
    const associated = new Set(associations.map((a) => a.values.subnet_id));
    for (const s of [...mwaaSubnets].filter((x) => !associated.has(x)).sort()) {
      out.push(
        fail(
          referencedAddress(s)!,
          "has no route table association: it uses the VPC's main route table, which does not carry the S3 gateway endpoint",
        ),
      );
    }
    return out;
  },
};
