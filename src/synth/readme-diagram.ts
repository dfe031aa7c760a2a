import { describeRoute, PrivateRoute, RouteTargetKind } from "../net/routes";

type Attrs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The parts of a synthesized module's Terraform JSON the diagram reads. */
export interface DiagramInput {
  resource?: Record<string, Record<string, Attrs>>;
  output?: Record<string, { value?: unknown }>;
}

/** A route as the Terraform says it: its destination and what it sends to, or why that is not known. */
export interface RouteOfTable extends PrivateRoute {
  /** The diagram node the route leads to (a NAT gateway, the Transit Gateway, a peering connection). */
  readonly node?: string;
}

/**
 * A Mermaid flowchart of the module, read from its Terraform JSON only: the VPC (its subnets per
 * AZ, or an existing VPC's subnets by ID), each route table with every route it holds by target
 * kind, the gateways and connections those routes lead to, endpoints (an MWAA environment's
 * CUSTOMER endpoints named once each), and the features standing on the VPC. Nothing is drawn
 * that the module does not make or name (the committed READMEs are held to it by a test).
 */
export function diagram(tf: DiagramInput): string[] {
  const r = (type: string): Record<string, Attrs> => tf.resource?.[type] ?? {};
  const lines = ["flowchart LR"];
  const subnets = Object.entries(r("aws_subnet"));
  const vpcs = Object.entries(r("aws_vpc"));
  const literal = (name: string): unknown => tf.output?.[name]?.value;
  if (vpcs.length > 0) {
    const [vpcName, vpc] = vpcs[0];
    lines.push(
      `  subgraph vpc["VPC ${vpcName} ${label(vpc.cidr_block ?? "")}${vpc.assign_generated_ipv6_cidr_block ? " + IPv6 /56" : ""}"]`,
    );
    const azs = [...new Set(subnets.map(([, s]) => s.availability_zone as string))];
    for (const az of azs) {
      lines.push(`    subgraph ${id(az)}["${az}"]`);
      for (const [name, s] of subnets.filter(([, x]) => x.availability_zone === az)) {
        const kind = name.includes("_public_") ? "public" : "private";
        lines.push(`      ${id(name)}["${kind} subnet ${label(s.cidr_block ?? "IPv6-only")}"]`);
      }
      lines.push("    end");
    }
    for (const [name, nat] of Object.entries(r("aws_nat_gateway"))) {
      const subnet = /aws_subnet\.([^.]+)\./.exec(nat.subnet_id ?? "")?.[1];
      lines.push(`    ${id(name)}(["NAT gateway ${name}"])`);
      if (subnet) lines.push(`    ${id(subnet)} --- ${id(name)}`);
    }
    lines.push("  end");
  } else {
    // An existing VPC: what the configuration names of it (the module's literal outputs).
    const vpcId = typeof literal("vpc_id") === "string" ? ` ${label(String(literal("vpc_id")))}` : "";
    lines.push(`  subgraph vpc["existing VPC${vpcId}, not made here"]`);
    for (const s of stringsOf(literal("private_subnet_ids"))) lines.push(`    ${id(s)}["private subnet ${label(s)}"]`);
    lines.push("  end");
  }
  for (const [name] of Object.entries(r("aws_internet_gateway")))
    lines.push(`  ${id(name)}(["internet gateway"])`, `  vpc --- ${id(name)}`, `  ${id(name)} --- internet(("internet"))`);

  // Route tables: the module's own, with every route on them; an existing VPC's by ID, with the
  // gateway endpoints this module attaches to them and a word that their other routes are not ours.
  const tables: [string, string, RouteOfTable[]][] = Object.keys(r("aws_route_table")).map((name) => [
    `rt_${name}`,
    `route table ${name}`,
    routesOfTable(tf, `\${aws_route_table.${name}.id}`),
  ]);
  if (vpcs.length === 0)
    for (const t of stringsOf(literal("private_route_table_ids")))
      tables.push([`rt_${t}`, `route table ${label(t)} (the VPC owner's routes, not made here)`, routesOfTable(tf, t)]);
  const targets = new Map<string, string>();
  for (const [node, title, routes] of tables) {
    const held =
      routes.length === 0
        ? node.startsWith("rt_rtb-")
          ? ""
          : ": VPC-local only"
        : `: ${routes.map((x) => label(describeRoute(x))).join(", ")}`;
    lines.push(`  ${id(node)}[/"${title}${held}"/]`, `  vpc --- ${id(node)}`);
    for (const to of new Set(routes.flatMap((x) => (x.node ? [x.node] : [])))) lines.push(`  ${id(node)} --> ${id(to)}`);
    for (const route of routes) if (route.node) targets.set(route.node, route.target);
  }
  for (const [node, target] of targets) {
    if (target === "transit-gateway") continue; // drawn below with its attachments
    if (target === "nat-gateway" || target === "internet-gateway" || target === "gateway-endpoint") continue; // drawn above or below
    lines.push(`  ${id(node)}(["${label(nodeTitle(node, target as RouteTargetKind))}"])`);
  }
  const ownTgw = Object.entries(r("aws_ec2_transit_gateway"));
  const attachments = Object.entries(r("aws_ec2_transit_gateway_vpc_attachment"));
  const tgwNode = (v: unknown) => (String(v).startsWith("${") || v === undefined ? "tgw" : `tgw_${String(v)}`);
  const tgws = new Set([
    ...[...targets].filter(([, t]) => t === "transit-gateway").map(([n]) => n),
    ...attachments.map(([, a]) => tgwNode(a.transit_gateway_id)),
    ...(ownTgw.length > 0 ? ["tgw"] : []),
  ]);
  for (const node of tgws) {
    const title =
      node !== "tgw"
        ? `Transit Gateway ${node.slice("tgw_".length)}, not made here`
        : ownTgw.length > 0
          ? `Transit Gateway ${ownTgw[0][0]}, made here`
          : "Transit Gateway, not made here";
    lines.push(`  ${id(node)}(["${label(title)}"])`);
  }
  for (const [a, att] of attachments) lines.push(`  vpc -- attachment ${a} --- ${id(tgwNode(att.transit_gateway_id))}`);

  const endpoints = Object.entries(r("aws_vpc_endpoint"));
  const interfaces = endpoints.filter(([, e]) => e.vpc_endpoint_type === "Interface").map(([, e]) => serviceTitle(e.service_name));
  const gateways = endpoints.filter(([, e]) => e.vpc_endpoint_type === "Gateway").map(([, e]) => serviceTitle(e.service_name));
  if (interfaces.length > 0)
    lines.push(
      `  interface_endpoints{{"interface endpoints (${interfaces.length}): ${label(interfaces.join(", "))}"}}`,
      "  vpc --- interface_endpoints",
    );
  if (gateways.length > 0)
    lines.push(`  gateway_endpoints{{"gateway endpoints: ${label(gateways.join(", "))}"}}`, "  vpc --- gateway_endpoints");
  const zones = Object.keys(r("aws_route53_zone")).length;
  if (zones > 0)
    lines.push(
      `  zones[("private hosted zones (${zones}): one per endpoint service name, for the spokes")]`,
      "  interface_endpoints --- zones",
    );
  const associations = Object.keys(r("aws_route53_zone_association")).length;
  if (associations > 0)
    lines.push(`  hub_zones[("the hub's private hosted zones (${associations}), associated with this VPC")]`, "  vpc --- hub_zones");
  if (Object.keys(r("aws_route53profiles_association")).length > 0)
    lines.push(`  hub_profile[("the hub's Route 53 Profile, associated with this VPC")]`, "  vpc --- hub_profile");
  for (const [name, c] of Object.entries(r("aws_apprunner_vpc_connector"))) {
    lines.push(
      `  ${id(`connector_${name}`)}[["App Runner VPC connector ${label(c.vpc_connector_name)}"]]`,
      `  ${id(`connector_${name}`)} --> vpc`,
    );
    for (const [svcName] of Object.entries(r("aws_apprunner_service")))
      lines.push(`  ${id(`svc_${svcName}`)}(["App Runner service ${svcName}"]) --> ${id(`connector_${name}`)}`);
  }
  for (const [name] of Object.entries(r("aws_mwaa_environment")))
    lines.push(`  ${id(`mwaa_${name}`)}(["MWAA environment ${name}"])`, `  ${id(`mwaa_${name}`)} --- vpc`);
  for (const [name, g] of Object.entries(r("aws_vpclattice_resource_gateway"))) {
    lines.push(`  ${id(`rg_${name}`)}[["resource gateway ${label(g.name)}"]]`, `  vpc --- ${id(`rg_${name}`)}`);
    for (const [cName, c] of Object.entries(r("aws_vpclattice_resource_configuration")).filter(
      ([, x]) => x.resource_gateway_identifier === `\${aws_vpclattice_resource_gateway.${name}.id}`,
    )) {
      const def = (c.resource_configuration_definition ?? [])[0] ?? {};
      const target = def.dns_resource?.[0]?.domain_name ?? def.ip_resource?.[0]?.ip_address ?? def.arn_resource?.[0]?.arn ?? "";
      lines.push(
        `  ${id(`rc_${cName}`)}[/"resource configuration ${label(c.name)}: ${label(String(target))} ${label((c.port_ranges ?? []).join(", "))}"/]`,
        `  ${id(`rc_${cName}`)} --> ${id(`rg_${name}`)}`,
      );
      for (const [sName, sh] of Object.entries(r("aws_ram_resource_share"))) {
        const shared = Object.values(r("aws_ram_resource_association")).some(
          (a) =>
            a.resource_arn === `\${aws_vpclattice_resource_configuration.${cName}.arn}` &&
            a.resource_share_arn === `\${aws_ram_resource_share.${sName}.arn}`,
        );
        if (shared) lines.push(`  ${id(`share_${sName}`)}(["RAM share ${label(sh.name)}"]) --> ${id(`rc_${cName}`)}`);
      }
    }
  }
  for (const [name, sn] of Object.entries(r("aws_vpclattice_service_network"))) {
    lines.push(`  ${id(`sn_${name}`)}{{"service network ${label(sn.name)}"}}`, `  vpc -- ServiceNetwork endpoint --> ${id(`sn_${name}`)}`);
    for (const [aName] of Object.entries(r("aws_vpclattice_service_network_resource_association")).filter(
      ([, a]) => a.service_network_identifier === `\${aws_vpclattice_service_network.${name}.id}`,
    )) {
      lines.push(`  ${id(`sn_${name}`)} --> ${id(`shared_${aName}`)}(["shared resource ${aName}"])`);
    }
  }
  for (const [name] of endpoints.filter(([, e]) => e.vpc_endpoint_type === "Resource"))
    lines.push(`  vpc -- Resource endpoint --> ${id(`shared_${name}`)}(["shared resource ${name}"])`);
  for (const [name, c] of Object.entries(r("aws_cloudwatch_event_connection"))) {
    lines.push(
      `  ${id(`conn_${name}`)}(["EventBridge connection ${label(c.name)}: private API"])`,
      `  ${id(`conn_${name}`)} -. resource configuration .-> lattice(("VPC Lattice"))`,
    );
    for (const [dName] of Object.entries(r("aws_cloudwatch_event_api_destination")).filter(
      ([, d]) => d.connection_arn === `\${aws_cloudwatch_event_connection.${name}.arn}`,
    )) {
      lines.push(`  ${id(`dest_${dName}`)}(["API destination ${dName}"]) --> ${id(`conn_${name}`)}`);
      for (const [ruleName] of Object.entries(r("aws_cloudwatch_event_target")).filter(
        ([, t]) => t.arn === `\${aws_cloudwatch_event_api_destination.${dName}.arn}`,
      ))
        lines.push(`  ${id(`rule_${ruleName}`)}(["rule ${ruleName}"]) --> ${id(`dest_${dName}`)}`);
    }
    for (const [smName, sm] of Object.entries(r("aws_sfn_state_machine")).filter(([, x]) =>
      String(x.definition).includes(`aws_cloudwatch_event_connection.${name}.arn`),
    )) {
      lines.push(`  ${id(`sfn_${smName}`)}(["Step Functions ${label(sm.name)}: HTTP Task"]) --> ${id(`conn_${name}`)}`);
    }
  }
  for (const [name] of Object.entries(r("aws_route53_resolver_endpoint")))
    lines.push(
      `  ${id(`resolver_${name}`)}(["Route 53 Resolver inbound endpoint"])`,
      `  onprem(("on-premises DNS")) --> ${id(`resolver_${name}`)}`,
      `  ${id(`resolver_${name}`)} --- vpc`,
    );
  return lines;
}

/**
 * Every route the module puts on one route table (by its reference or, for an existing VPC's, its
 * ID): `aws_route` resources, the table's inline `route` blocks, and the prefix-list routes of the
 * gateway endpoints attached to it.
 */
export function routesOfTable(tf: DiagramInput, table: string): RouteOfTable[] {
  const r = (type: string): Record<string, Attrs> => tf.resource?.[type] ?? {};
  const own = /^\$\{aws_route_table\.([^.]+)\.id\}$/.exec(table)?.[1];
  const inline: Attrs[] = own ? [r("aws_route_table")[own]?.route ?? []].flat() : [];
  const routes = [...Object.values(r("aws_route")).filter((x) => x.route_table_id === table), ...inline].map(routeOf);
  for (const e of Object.values(r("aws_vpc_endpoint")))
    if (e.vpc_endpoint_type === "Gateway" && [e.route_table_ids ?? []].flat().includes(table))
      routes.push({ destination: serviceTitle(e.service_name), target: "gateway-endpoint" });
  return routes;
}

function routeOf(x: Attrs): RouteOfTable {
  const destination = String(
    x.destination_cidr_block ?? x.destination_ipv6_cidr_block ?? x.destination_prefix_list_id ?? x.cidr_block ?? x.ipv6_cidr_block ?? "?",
  );
  const ref = (v: unknown) => /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\./.exec(String(v))?.[1];
  const given = (v: unknown) => (String(v).startsWith("${") ? undefined : String(v));
  if (x.nat_gateway_id) return { destination, target: "nat-gateway", node: ref(x.nat_gateway_id)?.split(".")[1] ?? "nat" };
  // One node per gateway: the module's own (or one it is handed) is `tgw`, one given by ID its own.
  if (x.transit_gateway_id) {
    const tgw = given(x.transit_gateway_id);
    return { destination, target: "transit-gateway", targetId: tgw, node: tgw ? `tgw_${tgw}` : "tgw" };
  }
  if (x.vpc_peering_connection_id) {
    const pcx = given(x.vpc_peering_connection_id);
    return { destination, target: "vpc-peering", targetId: pcx, node: `peer_${pcx ?? ref(x.vpc_peering_connection_id)}` };
  }
  if (x.gateway_id) {
    const g = String(x.gateway_id);
    if (g.startsWith("${aws_internet_gateway.")) return { destination, target: "internet-gateway", node: ref(g)?.split(".")[1] };
    if (g.startsWith("vgw-") || g.startsWith("${aws_vpn_gateway."))
      return { destination, target: "vpn-gateway", targetId: given(g), node: `vgw_${given(g) ?? ref(g)}` };
    return { destination, target: "other", targetId: given(g), node: `gw_${given(g) ?? ref(g)}` };
  }
  if (x.egress_only_gateway_id) return { destination, target: "egress-only-internet-gateway", node: "eigw" };
  const other = x.network_interface_id ?? x.vpc_endpoint_id ?? x.carrier_gateway_id ?? x.local_gateway_id ?? x.core_network_arn;
  return {
    destination,
    target: "other",
    targetId: other === undefined ? undefined : given(other),
    node: `other_${label(String(other ?? "unknown"))}`,
  };
}

/** A route target's box: its ID when given, or the resource of this module it refers to ("made here"). */
function nodeTitle(node: string, target: RouteTargetKind): string {
  const idOf = node.replace(/^(peer|vgw|gw|other)_/, "");
  // A reference (aws_vpn_gateway.main) is a resource of this module; an ID (vgw-…) is not.
  const where = /^[a-z0-9_]+\.[A-Za-z0-9_-]+$/.test(idOf) ? "made here" : "not made here";
  if (target === "vpc-peering") return `VPC peering connection ${idOf}, ${where}`;
  if (target === "vpn-gateway") return `virtual private gateway ${idOf} (VPN), ${where}`;
  if (target === "egress-only-internet-gateway") return "egress-only internet gateway";
  return `route target ${idOf}`;
}

function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && !x.startsWith("${")) : [];
}

/** An endpoint's service for a reader: its short name, or which MWAA-managed service (endpoint management CUSTOMER). */
export function serviceTitle(serviceName: unknown): string {
  const s = String(serviceName);
  if (s.includes(".database_vpc_endpoint_service}")) return "MWAA database (CUSTOMER)";
  if (s.includes(".webserver_vpc_endpoint_service}")) return "MWAA web server (CUSTOMER)";
  return s.startsWith("${") ? "a service the module looks up" : s.replace(/^com\.amazonaws\.(vpce\.)?[a-z0-9-]+\./, "");
}

function label(s: string): string {
  return s.replace(/["[\]{}()<>|]/g, "");
}

function id(s: string): string {
  return `n_${s.replace(/[^A-Za-z0-9_]/g, "_")}`;
}
