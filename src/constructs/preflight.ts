import { Construct, TerraformStack } from "../cdk/cdktf";
import type { PreflightCheck } from "../plan/types";

export interface PreflightProps {
  readonly region: string;
  readonly checks: readonly PreflightCheck[];
}

/** One Terraform `check` block: a scoped data source and one assertion. */
interface CheckBlock {
  readonly name: string;
  readonly dataType: string;
  readonly dataName: string;
  readonly dataArgs: Readonly<Record<string, unknown>>;
  readonly condition: string;
  readonly errorMessage: string;
  /** More assertions on the same data source, each with its own message. */
  readonly more?: readonly { readonly condition: string; readonly errorMessage: string }[];
}

const list = (items: readonly string[]) => `[${items.map((z) => JSON.stringify(z)).join(", ")}]`;

/**
 * The preflight checks of a root module, as Terraform `check` blocks (Terraform >= 1.5): each reads
 * one scoped data source with the user's credentials at `terraform plan` and asserts on it. A
 * failed assertion, or a data source that cannot be read (no credentials, an offline plan, a
 * service the Region does not have), is a warning, never an error: nothing is blocked, and the
 * message says what to change in the configuration.
 * https://developer.hashicorp.com/terraform/language/checks
 */
export class Preflight extends Construct {
  /** The check blocks' names, in the order they are written. */
  readonly checkNames: readonly string[];

  constructor(scope: Construct, id: string, props: PreflightProps) {
    super(scope, id);
    const blocks = props.checks.map((c) => ({ ...checkBlock(c, props.region), checkedBy: c.checkedBy }));
    const stack = TerraformStack.of(this);
    for (const b of blocks) {
      stack.addOverride(`check.${b.name}`, {
        data: { [b.dataType]: { [b.dataName]: b.checkedBy ? { ...b.dataArgs, provider: `aws.${b.checkedBy}` } : b.dataArgs } },
        assert: [{ condition: b.condition, errorMessage: b.errorMessage }, ...(b.more ?? [])].map((a) => ({
          condition: `\${${a.condition}}`,
          error_message: a.errorMessage,
        })),
      });
    }
    this.checkNames = blocks.map((b) => b.name);
  }
}

function checkBlock(c: PreflightCheck, region: string): CheckBlock {
  if (c.kind === "availability-zones") {
    const names = "data.aws_availability_zones.preflight.names";
    const missing = `sort(setsubtract(${list(c.zones)}, ${names}))`;
    return {
      name: "preflight_availability_zones",
      dataType: "aws_availability_zones",
      dataName: "preflight",
      dataArgs: { state: "available" },
      condition: `length(${missing}) == 0`,
      errorMessage: `Availability Zones \${join(", ", ${missing})} are not available to this account in ${region} (it has \${join(", ", ${names})}): change ${c.configPath} and synthesize again.`,
    };
  }
  if (c.kind === "endpoint-service") {
    const zones = `data.aws_vpc_endpoint_service.preflight_${c.label}.availability_zones`;
    const missing = `sort(setsubtract(${list(c.zones)}, ${zones}))`;
    return {
      name: `preflight_endpoint_${c.label}`,
      dataType: "aws_vpc_endpoint_service",
      dataName: `preflight_${c.label}`,
      dataArgs: { service_name: c.serviceName, service_type: "Interface" },
      condition: `length(${missing}) == 0`,
      errorMessage: `${c.serviceName} is not offered in \${join(", ", ${missing})} (it is in \${join(", ", sort(${zones}))}): leave those AZs out of the endpoint (${c.configPath}) and synthesize again.`,
      // A dual-stack endpoint needs a service that takes IPv4 and IPv6, an IPv6-only one IPv6
      // (DescribeVpcEndpointServices SupportedIpAddressTypes: ipv4 | ipv6; hashicorp/aws
      // supported_ip_address_types since 4.20.0, in 5.100.0's schema, read 2026-12-02).
      ...(c.ipAddressType ? { more: [ipFamiliesAssert(c.serviceName, c.label, c.ipAddressType, c.configPath)] } : {}),
    };
  }
  if (c.kind === "endpoint-private-dns") {
    const service = `data.aws_vpc_endpoint_service.preflight_dns_${c.label}`;
    const names = `concat([${service}.private_dns_name], tolist(${service}.private_dns_names))`;
    return {
      name: `preflight_private_dns_${c.label}`,
      dataType: "aws_vpc_endpoint_service",
      dataName: `preflight_dns_${c.label}`,
      dataArgs: { service_name: c.serviceName, service_type: "Interface" },
      condition: `contains(${names}, ${JSON.stringify(c.privateDnsName)})`,
      errorMessage: `${c.serviceName} reports the private DNS name \${coalesce(${service}.private_dns_name, "(none)")}, not ${c.privateDnsName}, the hub's zone for it: spokes would not resolve it to the hub's endpoint. Report this to private-routing (src/plan/hub.ts) and remove it from ${c.configPath} meanwhile.`,
    };
  }
  if (c.kind === "security-group-in-vpc") {
    const group = `data.aws_security_group.preflight_${c.label}`;
    return {
      name: `preflight_group_${c.label}`,
      dataType: "aws_security_group",
      dataName: `preflight_${c.label}`,
      dataArgs: { id: c.groupId },
      condition: `${group}.vpc_id == ${JSON.stringify(c.vpcId)}`,
      errorMessage: `${c.groupId} is in \${${group}.vpc_id}, not in ${c.vpcId}: name a group of ${c.vpcId} in ${c.configPath} and synthesize again.`,
    };
  }
  if (c.kind === "transit-gateway") {
    const tgw = "data.aws_ec2_transit_gateway.preflight";
    const conditions = [
      `${tgw}.default_route_table_association == "disable"`,
      `${tgw}.default_route_table_propagation == "disable"`,
      ...(c.autoAccept ? [`${tgw}.auto_accept_shared_attachments == "enable"`] : []),
      ...(c.ownerAccountId ? [`${tgw}.owner_id == ${JSON.stringify(c.ownerAccountId)}`] : []),
    ];
    return {
      name: "preflight_transit_gateway",
      dataType: "aws_ec2_transit_gateway",
      dataName: "preflight",
      dataArgs: { id: c.transitGatewayId },
      condition: conditions.join(" && "),
      errorMessage:
        `${c.transitGatewayId} (${c.configPath}) must have its default route table association and propagation disabled (they are \${${tgw}.default_route_table_association} and \${${tgw}.default_route_table_propagation}): the hub's own route tables keep spokes from reaching each other` +
        (c.autoAccept
          ? `; it must accept shared attachments automatically for the spokes of other accounts (it is \${${tgw}.auto_accept_shared_attachments})`
          : "") +
        (c.ownerAccountId ? `; and be the hub account's ${c.ownerAccountId} (it is \${${tgw}.owner_id}'s)` : "") +
        ": change the gateway, or leave hub.transitGatewayId out to have the hub make its own.",
    };
  }
  const vpc = "data.aws_vpc.preflight";
  return {
    name: "preflight_vpc_dns",
    dataType: "aws_vpc",
    dataName: "preflight",
    dataArgs: { id: c.vpcId },
    condition: `${vpc}.enable_dns_support && ${vpc}.enable_dns_hostnames`,
    errorMessage: `${c.vpcId} needs DNS support and DNS hostnames on for the endpoints' private DNS (MWAA-P6, PL-2); they are \${${vpc}.enable_dns_support} and \${${vpc}.enable_dns_hostnames}: turn them on in the VPC (${c.configPath} is not managed here).`,
  };
}

function ipFamiliesAssert(
  serviceName: string,
  label: string,
  type: "dualstack" | "ipv6",
  configPath: string,
): { condition: string; errorMessage: string } {
  const types = `data.aws_vpc_endpoint_service.preflight_${label}.supported_ip_address_types`;
  const needed = type === "dualstack" ? ["ipv4", "ipv6"] : ["ipv6"];
  return {
    condition: `length(setsubtract(${list(needed)}, ${types})) == 0`,
    errorMessage: `${serviceName} supports \${length(${types}) > 0 ? join(" and ", sort(${types})) : "no address type it reports"} only, and its endpoint is ${type === "dualstack" ? "dual-stack" : "IPv6-only"}: set ipAddressType: ipv4 on its entry in ${configPath} (or leave the service out) and synthesize again.`,
  };
}
