import { airflowOpsOffered } from "../../aws/mwaa";
import type { Rule } from "../rule";
import { byType } from "../model";
import { sameVpcOffers } from "../hubs";
import { endpoints, fail, Found, REQUIRED_INTERFACE, shortName } from "./mwaa-common";

export const MWAA_P5: Rule = {
  id: "MWAA-P5",
  severity: "error",
  summary: "The S3 gateway endpoint and the required interface endpoints exist, in the stack's Region",
  explanation:
    "Without internet access MWAA reaches AWS only through VPC endpoints, its own or a central hub's (checked together: check HUB SPOKE): s3 (gateway) and monitoring, ecr.dkr, ecr.api, logs, sqs, kms, airflow.api, airflow.env, and airflow.ops where the Region offers it (interface).",
  fix: "Add the missing aws_vpc_endpoint for com.amazonaws.<region>.<service>.",
  check(m) {
    // Endpoints an existing VPC already has (recorded by private-routing) count as present.
    // So do those another module checked together makes in this VPC (a shared VPC's owner half).
    // Asked only when something is missing here, so modules checked together change nothing else.
    const own = new Set<string>([...endpoints(m, "Interface").map((e) => shortName(m, e)), ...(m.providedByVpc ?? [])]);
    const hasS3 = endpoints(m, "Gateway").some((e) => shortName(m, e) === "s3") || own.has("s3");
    const lacking = REQUIRED_INTERFACE.some((x) => !own.has(x)) || !hasS3;
    const offers = lacking ? sameVpcOffers(m) : [];
    const names = new Set<string>([...own, ...offers.flatMap((o) => o.services)]);
    const alsoIn = offers.length > 0 ? `, nor made in its VPC by ${[...new Set(offers.map((o) => o.source))].join(", ")}` : "";
    const out: Found = [];
    // A spoke checked with its hub(s) (check HUB SPOKE…): what a hub is seen to serve is present.
    const served = (n: string) => m.hubs?.find((h) => h.services.includes(n));
    for (const n of REQUIRED_INTERFACE.filter((x) => !names.has(x))) {
      if (m.hubs !== undefined) {
        if (served(n)) continue;
        if (m.hubs.length > 0 || m.providedByHub?.services.includes(n)) {
          const hubs = m.hubs.map((h) => h.source).join(", ") || "(no module given serves endpoints)";
          out.push(
            fail(
              "-",
              `missing interface endpoint ${n}: not in ${m.source}, nor served by its hub ${hubs}${m.providedByHub ? ` (recorded hub: ${m.providedByHub.hub})` : ""}`,
            ),
          );
          continue;
        }
      } else if (m.providedByHub?.services.includes(n) || (!m.providedByHub && byType(m, "aws_route53_zone_association").length > 0)) {
        if (!m.providedByHub) {
          out.push({
            status: "unverifiable",
            address: "-",
            message: `no ${n} endpoint here, and the VPC is associated with private hosted zones (a central hub's?): check it with its hub to verify (private-routing check <hub> <this module>)`,
          });
          continue;
        }
        out.push({
          status: "unverifiable",
          address: "-",
          message: `${n} is served by the hub ${m.providedByHub.hub}, as this module records: check it with its hub to verify (private-routing check <hub> <this module>)`,
        });
        continue;
      }
      // airflow.ops is not offered in every Region (src/aws/mwaa.ts, with its source).
      const offered = n === "airflow.ops" ? (m.region === undefined ? undefined : airflowOpsOffered(m.region)) : true;
      if (offered === true) out.push(fail("-", `missing interface endpoint ${n}${alsoIn}`));
      else if (offered === undefined) {
        out.push({
          status: "unverifiable",
          address: "-",
          message: `no ${n} endpoint, and whether ${m.region ?? "this Region"} offers it is not known to the facts catalogue`,
        });
      }
    }
    if (!hasS3 && !names.has("s3")) out.push(fail("-", `missing gateway endpoint s3${alsoIn}`));
    return out;
  },
};
