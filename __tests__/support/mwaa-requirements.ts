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
