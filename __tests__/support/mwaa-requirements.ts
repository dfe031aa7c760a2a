/**
 * The MWAA-P requirements of ../shared/spec/requirements.md as predicates over synthesized
 * Terraform JSON: each returns the violations it finds (empty = satisfied). Tests apply them to
 * real synth output (expect none) and to deliberately broken copies (expect the violation), so
 * every requirement test is shown to be able to fail.
 */
import { Attrs, decodeJsonencode, ref, resourcesOf, TerraformJson } from "./terraform-json";

const REQUIRED_INTERFACE = ["airflow.api", "airflow.env", "airflow.ops", "ecr.api", "ecr.dkr", "kms", "logs", "monitoring", "sqs"];

function mwaaSecurityGroupRef(tf: TerraformJson): string | undefined {
  const names = Object.keys(resourcesOf(tf, "aws_security_group"));
  return names.length === 1 ? ref("aws_security_group", names[0]) : undefined;
}

function interfaceEndpoints(tf: TerraformJson): [string, Attrs][] {
  return Object.entries(resourcesOf(tf, "aws_vpc_endpoint")).filter(([, e]) => e.vpc_endpoint_type === "Interface");
}

function gatewayEndpoints(tf: TerraformJson): [string, Attrs][] {
  return Object.entries(resourcesOf(tf, "aws_vpc_endpoint")).filter(([, e]) => e.vpc_endpoint_type === "Gateway");
}

function serviceShortName(e: Attrs, region: string): string {
  return String(e.service_name).replace(`com.amazonaws.${region}.`, "");
}

function regionOf(tf: TerraformJson): string {
  return tf.provider!.aws[0].region as string;
}

/** MWAA-P1: one security group; self-referencing all-traffic inbound (or 443+5432 hardened); all outbound to 0.0.0.0/0. */
export function mwaaP1(tf: TerraformJson, hardened = false): string[] {
  const sg = mwaaSecurityGroupRef(tf);
  if (!sg) return ["expected exactly one aws_security_group"];
  const v: string[] = [];
  const ingress = Object.values(resourcesOf(tf, "aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id === sg);
  const fromSelf = (r: Attrs) => r.referenced_security_group_id === sg && r.cidr_ipv4 === undefined && r.cidr_ipv6 === undefined;
  if (!ingress.every(fromSelf)) v.push("an inbound rule admits traffic from outside the group");
  if (hardened) {
    const ports = ingress.map((r) => `${r.ip_protocol}/${r.from_port}-${r.to_port}`).sort();
    if (JSON.stringify(ports) !== JSON.stringify(["tcp/443-443", "tcp/5432-5432"])) v.push(`hardened inbound must be tcp 443 and 5432 only, got ${ports}`);
  } else if (!ingress.some((r) => fromSelf(r) && r.ip_protocol === "-1")) {
    v.push("no self-referencing all-traffic inbound rule");
  }
  const egress = Object.values(resourcesOf(tf, "aws_vpc_security_group_egress_rule")).filter((r) => r.security_group_id === sg);
  if (!egress.some((r) => r.ip_protocol === "-1" && r.cidr_ipv4 === "0.0.0.0/0")) v.push("no all-traffic outbound rule to 0.0.0.0/0");
  return v;
}

/** MWAA-P2: two private subnets in two AZs; no internet gateway, NAT, EIP, or route out of the VPC. */
export function mwaaP2(tf: TerraformJson): string[] {
  const v: string[] = [];
  const azs = new Set(Object.values(resourcesOf(tf, "aws_subnet")).map((s) => s.availability_zone));
  if (azs.size < 2) v.push(`private subnets span ${azs.size} AZ(s), need 2`);
  for (const type of ["aws_internet_gateway", "aws_egress_only_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route"]) {
    if (Object.keys(resourcesOf(tf, type)).length > 0) v.push(`${type} present`);
  }
  for (const [name, rt] of Object.entries(resourcesOf(tf, "aws_route_table"))) {
    if (Array.isArray(rt.route) && rt.route.length > 0) v.push(`aws_route_table.${name} has routes`);
  }
  for (const [name, s] of Object.entries(resourcesOf(tf, "aws_subnet"))) {
    if (s.map_public_ip_on_launch === true) v.push(`aws_subnet.${name} maps public IPs`);
  }
  return v;
}

/** MWAA-P3: a NACL on every private subnet with rule 100 allowing all traffic, inbound and outbound. */
export function mwaaP3(tf: TerraformJson): string[] {
  const v: string[] = [];
  const subnets = Object.keys(resourcesOf(tf, "aws_subnet")).map((n) => ref("aws_subnet", n));
  const acls = Object.values(resourcesOf(tf, "aws_network_acl"));
  for (const s of subnets) if (!acls.some((a) => (a.subnet_ids ?? []).includes(s))) v.push(`${s} has no network ACL`);
  const allowAll = (rules: Attrs[] | undefined) =>
    Array.isArray(rules) &&
    rules.length === 1 &&
    rules[0].rule_no === 100 &&
    rules[0].action === "allow" &&
    rules[0].protocol === "-1" &&
    rules[0].cidr_block === "0.0.0.0/0";
  for (const a of acls) {
    if (!allowAll(a.ingress)) v.push("NACL inbound is not exactly rule 100 allow all");
    if (!allowAll(a.egress)) v.push("NACL outbound is not exactly rule 100 allow all");
  }
  return v;
}

/** MWAA-P4: one route table associated with every private subnet, carrying the S3 gateway endpoint. */
export function mwaaP4(tf: TerraformJson): string[] {
  const v: string[] = [];
  const subnets = Object.keys(resourcesOf(tf, "aws_subnet")).map((n) => ref("aws_subnet", n));
  const assoc = Object.values(resourcesOf(tf, "aws_route_table_association"));
  for (const s of subnets) if (!assoc.some((a) => a.subnet_id === s)) v.push(`${s} has no route table association`);
  const tables = new Set(assoc.map((a) => a.route_table_id));
  const s3 = gatewayEndpoints(tf).find(([, e]) => serviceShortName(e, regionOf(tf)) === "s3");
  if (!s3) v.push("no S3 gateway endpoint");
  else for (const t of tables) if (!(s3[1].route_table_ids ?? []).includes(t)) v.push(`S3 gateway endpoint not on ${t}`);
  return v;
}

/** MWAA-P5: the S3 gateway endpoint and the nine required interface endpoints, in the stack's Region. */
export function mwaaP5(tf: TerraformJson): string[] {
  const region = regionOf(tf);
  const v: string[] = [];
  const names = interfaceEndpoints(tf).map(([, e]) => serviceShortName(e, region));
  for (const r of REQUIRED_INTERFACE) if (!names.includes(r)) v.push(`missing interface endpoint ${r}`);
  for (const [name, e] of [...interfaceEndpoints(tf), ...gatewayEndpoints(tf)]) {
    if (!String(e.service_name).startsWith(`com.amazonaws.${region}.`)) v.push(`aws_vpc_endpoint.${name} is for another Region: ${e.service_name}`);
  }
  if (!gatewayEndpoints(tf).some(([, e]) => serviceShortName(e, region) === "s3")) v.push("missing gateway endpoint s3");
  return v;
}

/** MWAA-P6: private DNS on every interface endpoint, DNS support and hostnames on the VPC. */
export function mwaaP6(tf: TerraformJson): string[] {
  const v: string[] = [];
  for (const [name, e] of interfaceEndpoints(tf)) if (e.private_dns_enabled !== true) v.push(`aws_vpc_endpoint.${name} has private DNS off`);
  for (const [name, vpc] of Object.entries(resourcesOf(tf, "aws_vpc"))) {
    if (vpc.enable_dns_support !== true) v.push(`aws_vpc.${name} has DNS support off`);
    if (vpc.enable_dns_hostnames !== true) v.push(`aws_vpc.${name} has DNS hostnames off`);
  }
  return v;
}

/** MWAA-P7: every interface endpoint is in both of the environment's subnets (two subnets, two AZs). */
export function mwaaP7(tf: TerraformJson): string[] {
  const v: string[] = [];
  const subnets = resourcesOf(tf, "aws_subnet");
  const azOf = (r: string) => subnets[/aws_subnet\.([^.]+)\.id/.exec(r)?.[1] ?? ""]?.availability_zone;
  for (const [name, e] of interfaceEndpoints(tf)) {
    const ids: string[] = e.subnet_ids ?? [];
    if (ids.length !== 2 || new Set(ids.map(azOf)).size !== 2) v.push(`aws_vpc_endpoint.${name} is not in two subnets of two AZs`);
  }
  return v;
}

/** MWAA-P8: every interface endpoint carries the environment's security group. */
export function mwaaP8(tf: TerraformJson): string[] {
  const sg = mwaaSecurityGroupRef(tf);
  return interfaceEndpoints(tf)
    .filter(([, e]) => !(e.security_group_ids ?? []).includes(sg))
    .map(([name]) => `aws_vpc_endpoint.${name} lacks the MWAA security group`);
}

/** MWAA-P9: every interface endpoint has a policy that allows access to its service. */
export function mwaaP9(tf: TerraformJson): string[] {
  const v: string[] = [];
  for (const [name, e] of interfaceEndpoints(tf)) {
    if (typeof e.policy !== "string") {
      v.push(`aws_vpc_endpoint.${name} has no policy`);
      continue;
    }
    const doc = decodeJsonencode(e.policy);
    const allows = doc.Statement.some((s: Attrs) => s.Effect === "Allow" && s.Principal === "*" && s.Action === "*" && s.Resource === "*");
    const denies = doc.Statement.some((s: Attrs) => s.Effect === "Deny");
    if (!allows || denies) v.push(`aws_vpc_endpoint.${name} policy does not allow access to the service`);
  }
  return v;
}

/** MWAA-P10: the S3 gateway endpoint policy allows the DAG bucket and the ECR layer bucket. */
export function mwaaP10(tf: TerraformJson, bucket: string): string[] {
  const region = regionOf(tf);
  const s3 = gatewayEndpoints(tf).find(([, e]) => serviceShortName(e, region) === "s3");
  if (!s3 || typeof s3[1].policy !== "string") return ["no S3 gateway endpoint policy"];
  const allowed: string[] = decodeJsonencode(s3[1].policy)
    .Statement.filter((s: Attrs) => s.Effect === "Allow")
    .flatMap((s: Attrs) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
  const v: string[] = [];
  for (const want of [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::prod-${region}-starport-layer-bucket/*`]) {
    if (!allowed.includes(want)) v.push(`S3 gateway policy does not allow ${want}`);
  }
  return v;
}

/** Route tables (by reference) with the subnets associated to them. */
function subnetsByRouteTable(tf: TerraformJson): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const a of Object.values(resourcesOf(tf, "aws_route_table_association"))) m.set(a.route_table_id, [...(m.get(a.route_table_id) ?? []), a.subnet_id]);
  return m;
}

function defaultRoutes(tf: TerraformJson): Attrs[] {
  return Object.values(resourcesOf(tf, "aws_route")).filter((r) => r.destination_cidr_block === "0.0.0.0/0");
}

function subnetAz(tf: TerraformJson, subnetRef: string): string | undefined {
  return resourcesOf(tf, "aws_subnet")[/aws_subnet\.([^.]+)\.id/.exec(subnetRef)?.[1] ?? ""]?.availability_zone;
}

/** Subnets (by reference) whose route table sends 0.0.0.0/0 to the internet gateway. */
function publicSubnetRefs(tf: TerraformJson): string[] {
  const byTable = subnetsByRouteTable(tf);
  return defaultRoutes(tf)
    .filter((r) => String(r.gateway_id ?? "").startsWith("${aws_internet_gateway."))
    .flatMap((r) => byTable.get(r.route_table_id) ?? []);
}

/** MWAA-U2: two public subnets in different AZs whose route table sends 0.0.0.0/0 to the internet gateway. */
export function mwaaU2(tf: TerraformJson): string[] {
  const azs = new Set(publicSubnetRefs(tf).map((s) => subnetAz(tf, s)));
  return azs.size >= 2 ? [] : [`public subnets (routed to the internet gateway) span ${azs.size} AZ(s), need 2`];
}

/** MWAA-U3: two private subnets in different AZs, each routing 0.0.0.0/0 to a NAT gateway in its own AZ, never to the internet gateway. */
export function mwaaU3(tf: TerraformJson): string[] {
  const v: string[] = [];
  const byTable = subnetsByRouteTable(tf);
  const publicSubnets = new Set(publicSubnetRefs(tf));
  const nats = resourcesOf(tf, "aws_nat_gateway");
  const privateAzs = new Set<string | undefined>();
  for (const r of defaultRoutes(tf)) {
    const nat = /aws_nat_gateway\.([^.]+)\.id/.exec(String(r.nat_gateway_id ?? ""))?.[1];
    if (!nat) continue;
    for (const s of byTable.get(r.route_table_id) ?? []) {
      if (publicSubnets.has(s)) v.push(`${s} routes to both the internet gateway and a NAT`);
      const natAz = subnetAz(tf, nats[nat]?.subnet_id ?? "");
      if (natAz !== subnetAz(tf, s)) v.push(`${s} (${subnetAz(tf, s)}) routes to the NAT gateway in ${natAz}`);
      privateAzs.add(subnetAz(tf, s));
    }
  }
  if (privateAzs.size < 2) v.push(`private subnets routed to NAT span ${privateAzs.size} AZ(s), need 2`);
  return v;
}

/** MWAA-U4: a NAT gateway in each public subnet, each with its own Elastic IP. */
export function mwaaU4(tf: TerraformJson): string[] {
  const v: string[] = [];
  const nats = Object.entries(resourcesOf(tf, "aws_nat_gateway"));
  const publicSubnets = publicSubnetRefs(tf);
  for (const s of publicSubnets) if (!nats.some(([, n]) => n.subnet_id === s)) v.push(`no NAT gateway in ${s}`);
  const allocations = nats.map(([, n]) => n.allocation_id);
  if (new Set(allocations).size !== allocations.length || allocations.some((a) => !String(a).startsWith("${aws_eip."))) v.push("NAT gateways do not each have their own Elastic IP");
  if (nats.length < 2) v.push(`${nats.length} NAT gateway(s), need 2`);
  return v;
}

/** MWAA-U5: exactly one internet gateway, attached to the VPC. */
export function mwaaU5(tf: TerraformJson): string[] {
  const igws = Object.values(resourcesOf(tf, "aws_internet_gateway"));
  const vpcs = Object.keys(resourcesOf(tf, "aws_vpc")).map((n) => ref("aws_vpc", n));
  if (igws.length !== 1) return [`${igws.length} internet gateways, need 1`];
  return vpcs.includes(igws[0].vpc_id) ? [] : ["the internet gateway is not attached to the VPC"];
}
