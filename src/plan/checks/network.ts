import { findEndpointService } from "../../aws/endpoint-services";
import { availabilityZoneRule } from "../../aws/availability-zones";
import type { ExistingNetworkConfig } from "../../config/schema";
import { Problem } from "../../problems";
import { awsIdProblems, cidrProblems, listedOnceProblems } from "./shared";

/** Problems with an existing network's description; paths relative to `existingNetwork`. */
export function checkExistingNetwork(props: ExistingNetworkConfig, region: string): Problem[] {
  const problems: Problem[] = [...awsIdProblems("vpcId", props.vpcId, "vpc"), ...cidrProblems("cidrBlock", props.cidrBlock)];
  const subnets = props.privateSubnets;
  if (subnets.length < 2 || subnets.length > 6) {
    problems.push({ path: "privateSubnets", value: subnets, rule: "must list 2 to 6 private subnets in different Availability Zones" });
  }
  subnets.forEach((s, i) => {
    problems.push(...awsIdProblems(`privateSubnets[${i}].subnetId`, s.subnetId, "subnet"));
    const azRule = availabilityZoneRule(s.availabilityZone, region);
    if (azRule) {
      problems.push({ path: `privateSubnets[${i}].availabilityZone`, value: s.availabilityZone, rule: azRule });
    } else if (subnets.findIndex((o) => o.availabilityZone === s.availabilityZone) !== i) {
      problems.push({
        path: `privateSubnets[${i}].availabilityZone`,
        value: s.availabilityZone,
        rule: "must differ from the other subnets' Availability Zones (one subnet per AZ)",
      });
    }
    if (subnets.findIndex((o) => o.subnetId === s.subnetId) !== i)
      problems.push({ path: `privateSubnets[${i}].subnetId`, value: s.subnetId, rule: "must not repeat a subnet" });
  });
  if (props.routeTableIds.length < 1)
    problems.push({
      path: "routeTableIds",
      value: props.routeTableIds,
      rule: "must name the private subnets' route tables (at least one)",
    });
  props.routeTableIds.forEach((id, i) => problems.push(...awsIdProblems(`routeTableIds[${i}]`, id, "rtb")));
  problems.push(...listedOnceProblems("existingEndpoints", props.existingEndpoints));
  props.existingEndpoints.forEach((name, i) => {
    if (!findEndpointService(name)) {
      problems.push({
        path: `existingEndpoints[${i}]`,
        value: name,
        rule: "must name a service of the endpoint catalogue (the one its endpoint is for)",
      });
    }
  });
  return problems;
}
