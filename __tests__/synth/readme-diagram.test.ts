import * as fs from "fs";
import * as path from "path";
import { diagram } from "../../src/synth/readme-diagram";

type Attrs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Module {
  resource?: Record<string, Record<string, Attrs>>;
  output?: Record<string, { value?: unknown; description?: string }>;
}

const GENERATED = path.join(__dirname, "../../generated");
const modules = fs.readdirSync(path.join(GENERATED, "json")).sort();
const moduleOf = (name: string): Module => JSON.parse(fs.readFileSync(path.join(GENERATED, "json", name, "main.tf.json"), "utf8"));
const readmeOf = (format: string, name: string) => fs.readFileSync(path.join(GENERATED, format, name, "README.md"), "utf8");

/** A route's target in words, read here from the Terraform itself, not through the diagram's code. */
function targetWords(route: Attrs): string {
  if (route.nat_gateway_id) return "NAT gateway";
  if (route.transit_gateway_id)
    return String(route.transit_gateway_id).startsWith("tgw-") ? `Transit Gateway ${route.transit_gateway_id}` : "Transit Gateway";
  if (route.vpc_peering_connection_id) return `VPC peering connection ${route.vpc_peering_connection_id}`;
  if (String(route.gateway_id).startsWith("${aws_internet_gateway.")) return "internet gateway";
  if (String(route.gateway_id).startsWith("vgw-")) return `virtual private gateway VPN ${route.gateway_id}`;
  return "?";
}

/**
 * What a README's diagram claims that the module does not make, and what the module makes that
 * the diagram leaves out: empty when the two agree. Independent of src/synth/readme-diagram.ts, so
 * a bug there is caught here rather than repeated.
 */
function disagreements(readme: string, tf: Module): string[] {
  const block = /```mermaid\n([\s\S]+?)\n```/.exec(readme)?.[1] ?? "";
  const r = (type: string) => tf.resource?.[type] ?? {};
  const problems: string[] = [];
  const routes = Object.values(r("aws_route"));
  const claim = (present: boolean, pattern: RegExp, what: string) => {
    if (pattern.test(block) !== present)
      problems.push(`${what}: the module ${present ? "has" : "has none"}, the diagram ${present ? "does not say so" : "says so"}`);
  };
  claim(Object.keys(r("aws_nat_gateway")).length > 0, /NAT gateway/, "NAT gateway");
  claim(Object.keys(r("aws_internet_gateway")).length > 0, /internet gateway/, "internet gateway");
  claim(
    routes.some((x) => x.destination_cidr_block === "0.0.0.0/0"),
    /0\.0\.0\.0\/0/,
    "a default route",
  );
  claim(
    routes.some((x) => x.transit_gateway_id) || Object.keys(r("aws_ec2_transit_gateway_vpc_attachment")).length > 0,
    /Transit Gateway/,
    "Transit Gateway",
  );
  claim(
    routes.some((x) => x.vpc_peering_connection_id),
    /peering/,
    "VPC peering",
  );
  // Each route table: exactly the routes the module puts on it.
  for (const name of Object.keys(r("aws_route_table"))) {
    const line = new RegExp(`\\[/"route table ${name}: ([^"]*)"/\\]`).exec(block);
    if (!line) {
      problems.push(`route table ${name} is not drawn`);
      continue;
    }
    const drawn = line[1]
      .split(", ")
      .filter((x) => x !== "VPC-local only" && !x.includes("prefix list"))
      .sort();
    const made = routes
      .filter((x) => x.route_table_id === `\${aws_route_table.${name}.id}`)
      .map((x) => `${x.destination_cidr_block} to ${targetWords(x)}`)
      .sort();
    if (JSON.stringify(drawn) !== JSON.stringify(made))
      problems.push(`route table ${name}: drawn ${JSON.stringify(drawn)}, made ${JSON.stringify(made)}`);
    const gatewayEndpoints = Object.values(r("aws_vpc_endpoint")).filter(
      (e) => e.vpc_endpoint_type === "Gateway" && (e.route_table_ids ?? []).includes(`\${aws_route_table.${name}.id}`),
    ).length;
    if (line[1].split("prefix list").length - 1 !== gatewayEndpoints)
      problems.push(`route table ${name}: gateway endpoint routes drawn unlike the module's ${gatewayEndpoints}`);
  }
  // Subnets: each new one by its block; an existing VPC's by the IDs the module names.
  for (const s of Object.values(r("aws_subnet")))
    if (s.cidr_block && !block.includes(`subnet ${s.cidr_block}"`)) problems.push(`subnet ${s.cidr_block} is not drawn`);
  if (Object.keys(r("aws_vpc")).length === 0) {
    for (const id of (tf.output?.private_subnet_ids?.value as string[]) ?? [])
      if (!block.includes(`private subnet ${id}"`)) problems.push(`subnet ${id} is not drawn`);
    if (/VPC-local only/.test(block)) problems.push("an existing VPC's routes are not known, the diagram says VPC-local only");
  }
  // Interface endpoints: their number, and each MWAA-managed service once.
  const interfaces = Object.values(r("aws_vpc_endpoint")).filter((e) => e.vpc_endpoint_type === "Interface");
  const count = /interface endpoints \((\d+)\)/.exec(block)?.[1];
  if (Number(count ?? 0) !== interfaces.length)
    problems.push(`${interfaces.length} interface endpoints, the diagram says ${count ?? "none"}`);
  for (const [attr, words] of [
    ["database_vpc_endpoint_service", "MWAA database CUSTOMER"],
    ["webserver_vpc_endpoint_service", "MWAA web server CUSTOMER"],
  ]) {
    const made = interfaces.filter((e) => String(e.service_name).includes(attr)).length;
    if (block.split(words).length - 1 !== made) problems.push(`${words}: ${made} made, drawn ${block.split(words).length - 1} times`);
  }
  return problems;
}

/** What an output description says of routes that the module does not make. */
function descriptionDisagreements(tf: Module): string[] {
  const problems: string[] = [];
  const routes = Object.values(tf.resource?.aws_route ?? {});
  const tables = tf.output?.private_route_table_ids?.description ?? "";
  if (tables) {
    if (/to NAT gateway/.test(tables) !== routes.some((x) => x.nat_gateway_id))
      problems.push(`private_route_table_ids: "${tables}" about NAT`);
    if (/VPC-local route only/.test(tables) && routes.length > 0)
      problems.push(`private_route_table_ids: "${tables}" with ${routes.length} routes`);
    // Every route the module puts on a private table, by destination and target kind, and every
    // gateway endpoint's prefix-list route (an existing VPC's too: "this module adds …").
    const privateTables = ((tf.output?.private_route_table_ids?.value as string[]) ?? []).map(String);
    for (const x of routes.filter((x) => privateTables.includes(x.route_table_id))) {
      const kind = targetWords(x)
        .replace(/ (tgw|pcx|vgw)-.*$/, "")
        .replace("virtual private gateway VPN", "virtual private gateway (VPN)");
      if (!tables.includes(`${x.destination_cidr_block} to ${kind}`))
        problems.push(`private_route_table_ids: "${tables}" leaves out ${x.destination_cidr_block} to ${kind}`);
    }
    for (const e of Object.values(tf.resource?.aws_vpc_endpoint ?? {}).filter((e) => e.vpc_endpoint_type === "Gateway")) {
      const service = String(e.service_name).replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
      if (
        (e.route_table_ids ?? []).some((t: string) => privateTables.includes(t)) &&
        !tables.includes(`${service} prefix list to gateway endpoint`)
      )
        problems.push(`private_route_table_ids: "${tables}" leaves out the ${service} gateway endpoint`);
    }
  }
  const sg = tf.output?.mwaa_security_group_id;
  if (sg?.description?.includes("endpoints")) {
    const used = Object.values(tf.resource?.aws_vpc_endpoint ?? {}).some((e) => (e.security_group_ids ?? []).includes(sg.value));
    if (!used) problems.push(`mwaa_security_group_id: "${sg.description}" but no endpoint uses it`);
  }
  const eps = tf.output?.endpoints_security_group_id;
  if (eps) {
    const group = String(eps.value);
    for (const rule of Object.values(tf.resource?.aws_vpc_security_group_ingress_rule ?? {}).filter((x) => x.security_group_id === group)) {
      const cidr = rule.cidr_ipv4 ?? rule.cidr_ipv6;
      if (String(rule.description).includes("spoke") && !eps.description?.includes(cidr))
        problems.push(`endpoints_security_group_id: admits ${cidr}, its description does not say so`);
    }
  }
  for (const rule of Object.values(tf.resource?.aws_vpc_security_group_egress_rule ?? {}))
    if (
      String(rule.description).includes("no route to the internet") &&
      Object.keys(tf.resource?.aws_nat_gateway ?? {}).length + Object.keys(tf.resource?.aws_internet_gateway ?? {}).length > 0
    )
      problems.push(`egress rule "${rule.description}" in a VPC with NAT or internet gateways`);
  return problems;
}

describe("every committed README's diagram says what its module makes", () => {
  test.each(modules.map((m) => [m] as const))("%s: diagram against the module's resources, JSON and HCL folders", (name) => {
    const tf = moduleOf(name);
    for (const format of ["json", "hcl"]) {
      expect(disagreements(readmeOf(format, name), tf)).toEqual([]);
      // And the diagram is the shipped code's reading of this very module.
      expect(readmeOf(format, name)).toContain(["```mermaid", ...diagram(tf), "```"].join("\n"));
    }
    expect(descriptionDisagreements(tf)).toEqual([]);
  });

  test("a README left behind by a module that gained a route, and the route the diagram states before the fix, are caught", () => {
    const tf = moduleOf("apprunner-private");
    const readme = readmeOf("json", "apprunner-private");
    const grown = structuredClone(tf);
    grown.resource!.aws_route.network_private_to_10_90_0_0_16 = {
      destination_cidr_block: "10.90.0.0/16",
      route_table_id: "${aws_route_table.network_private.id}",
      transit_gateway_id: "tgw-0123456789abcdef0",
    };
    expect(disagreements(readme, grown)).toEqual([
      "Transit Gateway: the module has, the diagram does not say so",
      'route table network_private: drawn ["10.80.0.0/16 to VPC peering connection pcx-0a1b2c3d4e5f67890"], made ["10.80.0.0/16 to VPC peering connection pcx-0a1b2c3d4e5f67890","10.90.0.0/16 to Transit Gateway tgw-0123456789abcdef0"]',
    ]);
    // The shipped diagram of the grown module agrees with it.
    expect(disagreements(["```mermaid", ...diagram(grown), "```"].join("\n"), grown)).toEqual([]);
    // What the README said before routes were read by target (issue 29): caught.
    const before = readme.replace(/route table network_private: [^"]*"/, 'route table network_private: 0.0.0.0/0 to NAT"');
    expect(disagreements(before, tf)).toEqual([
      "a default route: the module has none, the diagram says so",
      'route table network_private: drawn ["0.0.0.0/0 to NAT"], made ["10.80.0.0/16 to VPC peering connection pcx-0a1b2c3d4e5f67890"]',
      "route table network_private: gateway endpoint routes drawn unlike the module's 1",
    ]);
  });

  test("routes by target kind: NAT, internet gateway, Transit Gateway given by ID, peering, VPN, inline blocks, an existing VPC's tables", () => {
    const tf: Module = {
      resource: {
        aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
        aws_route_table: {
          a: { route: [{ cidr_block: "192.168.0.0/16", gateway_id: "vgw-0abc" }] },
          b: {},
        },
        aws_nat_gateway: { nat_a: { subnet_id: "${aws_subnet.pub.id}" } },
        aws_route: {
          nat: {
            route_table_id: "${aws_route_table.a.id}",
            destination_cidr_block: "0.0.0.0/0",
            nat_gateway_id: "${aws_nat_gateway.nat_a.id}",
          },
          tgw: { route_table_id: "${aws_route_table.a.id}", destination_cidr_block: "10.9.0.0/16", transit_gateway_id: "tgw-0def" },
          v6: { route_table_id: "${aws_route_table.b.id}", destination_ipv6_cidr_block: "::/0", egress_only_gateway_id: "eigw-1" },
          eni: { route_table_id: "${aws_route_table.b.id}", destination_cidr_block: "10.8.0.0/16", network_interface_id: "eni-0f" },
        },
      },
    };
    const lines = diagram(tf);
    expect(lines).toContain(
      '  n_rt_a[/"route table a: 0.0.0.0/0 to NAT gateway, 10.9.0.0/16 to Transit Gateway tgw-0def, 192.168.0.0/16 to virtual private gateway VPN vgw-0abc"/]',
    );
    expect(lines).toContain("  n_rt_a --> n_nat_a");
    expect(lines).toContain("  n_rt_a --> n_vgw_vgw_0abc");
    expect(lines).toContain('  n_vgw_vgw_0abc(["virtual private gateway vgw-0abc VPN, not made here"])');
    expect(lines).toContain('  n_rt_b[/"route table b: ::/0 to egress-only internet gateway, 10.8.0.0/16 to route target eni-0f"/]');
    expect(lines).toContain('  n_tgw_tgw_0def(["Transit Gateway tgw-0def, not made here"])');
    // A gateway of the module's own is drawn as made here; an inline IPv6 route keeps its destination.
    const own = diagram({
      resource: {
        aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
        aws_vpn_gateway: { vgw: {} },
        aws_ec2_transit_gateway: { hub: {} },
        aws_route_table: { a: { route: [{ ipv6_cidr_block: "2001:db8::/32", gateway_id: "${aws_vpn_gateway.vgw.id}" }] } },
        aws_route: {
          t: {
            route_table_id: "${aws_route_table.a.id}",
            destination_cidr_block: "10.9.0.0/16",
            transit_gateway_id: "${aws_ec2_transit_gateway.hub.id}",
          },
        },
      },
    });
    expect(own).toContain('  n_rt_a[/"route table a: 10.9.0.0/16 to Transit Gateway, 2001:db8::/32 to virtual private gateway VPN"/]');
    expect(own).toContain('  n_vgw_aws_vpn_gateway_vgw(["virtual private gateway aws_vpn_gateway.vgw VPN, made here"])');
    expect(own).toContain('  n_tgw(["Transit Gateway hub, made here"])');
    const existing = diagram({
      resource: {
        aws_vpc_endpoint: { s3: { vpc_endpoint_type: "Gateway", service_name: "com.amazonaws.us-east-1.s3", route_table_ids: ["rtb-1"] } },
      },
      output: {
        vpc_id: { value: "vpc-1" },
        private_subnet_ids: { value: ["subnet-1", "subnet-2"] },
        private_route_table_ids: { value: ["rtb-1", "rtb-2"] },
      },
    });
    expect(existing).toEqual([
      "flowchart LR",
      '  subgraph vpc["existing VPC vpc-1, not made here"]',
      '    n_subnet_1["private subnet subnet-1"]',
      '    n_subnet_2["private subnet subnet-2"]',
      "  end",
      `  n_rt_rtb_1[/"route table rtb-1 (the VPC owner's routes, not made here): s3 prefix list to gateway endpoint"/]`,
      "  vpc --- n_rt_rtb_1",
      `  n_rt_rtb_2[/"route table rtb-2 (the VPC owner's routes, not made here)"/]`,
      "  vpc --- n_rt_rtb_2",
      '  gateway_endpoints{{"gateway endpoints: s3"}}',
      "  vpc --- gateway_endpoints",
    ]);
  });
});
