/**
 * Module-based Terraform the checker must read as a Terraform team writes it (issue 16): our own
 * fixture tree (__tests__/fixtures/modules/mwaa-vpc: a VPC module and an endpoints module with
 * count and for_each, variables and locals) and one variant per realistic mistake, each made by
 * editing the tree's text as a user would. Shared by the HCL-folder tests (unit tier) and the
 * offline-plan tests (Terraform tier), which expect the same findings.
 */
import * as fs from "fs";
import * as path from "path";

export const MODULE_FIXTURE = path.resolve(__dirname, "../fixtures/modules/mwaa-vpc");

export interface ModuleVariant {
  readonly name: string;
  /** Edits the copy of the fixture tree in `dir`. */
  readonly edit: (dir: string) => void;
  /** The violations, as `RULE address: message`, in report order. */
  readonly fails: readonly string[];
  /** Rules that report "cannot verify" (and why, in part). */
  readonly unverifiable?: readonly string[];
}

/** Replaces `from` by `to` in one file of the tree, and fails loudly when `from` is not there. */
export function replaceIn(dir: string, file: string, from: string, to: string): void {
  const f = path.join(dir, file);
  const text = fs.readFileSync(f, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  fs.writeFileSync(f, text.replace(from, to));
}

const ENDPOINTS = ["airflow.api", "airflow.env", "airflow.ops", "ecr.api", "ecr.dkr", "kms", "logs", "monitoring", "sqs"];
const endpoint = (service: string) => `module.endpoints.aws_vpc_endpoint.interface["${service}"]`;

export const MODULE_VARIANTS: readonly ModuleVariant[] = [
  { name: "correct", edit: () => {}, fails: [] },
  {
    name: "kms endpoint missing",
    edit: (d) => replaceIn(d, "main.tf", '"ecr.dkr", "kms", "logs"', '"ecr.dkr", "logs"'),
    fails: ["MWAA-P5 -: missing interface endpoint kms"],
  },
  {
    name: "NAT route on the private subnets",
    edit: (d) => replaceIn(d, "main.tf", "enable_nat_gateway = false", "enable_nat_gateway = true"),
    fails: [
      "MWAA-P2 module.vpc.aws_internet_gateway.this[0]: aws_internet_gateway in a private-routing network",
      "MWAA-P2 module.vpc.aws_nat_gateway.this[0]: aws_nat_gateway in a private-routing network",
      "MWAA-P2 module.vpc.aws_route.private_nat[0]: route to an internet gateway or NAT",
      "MWAA-P2 module.vpc.aws_route.private_nat[1]: route to an internet gateway or NAT",
    ],
  },
  {
    name: "both subnets in one AZ",
    edit: (d) => replaceIn(d, "variables.tf", '["eu-west-1a", "eu-west-1b"]', '["eu-west-1a", "eu-west-1a"]'),
    fails: [
      "MWAA-P2 -: the private subnets are in fewer than two Availability Zones",
      ...ENDPOINTS.map((s) => `MWAA-P7 ${endpoint(s)}: not in two subnets of two AZs`),
      ...ENDPOINTS.flatMap((s) => [`PL-1 ${endpoint(s)}: has two subnets in one AZ`, `PL-1 ${endpoint(s)}: is in 1 AZ`]),
    ],
  },
  {
    name: "private DNS off",
    edit: (d) =>
      replaceIn(
        d,
        "main.tf",
        "  interface_services = local.interface_services\n",
        "  interface_services = local.interface_services\n  private_dns_enabled = false\n",
      ),
    fails: ENDPOINTS.map((s) => `MWAA-P6 ${endpoint(s)}: private DNS is off`),
  },
  {
    name: "ingress CIDR from a variable defaulting to 0.0.0.0/0",
    edit: (d) => replaceIn(d, "variables.tf", 'default     = "10.99.0.0/16"', 'default     = "0.0.0.0/0"'),
    fails: ["SEC-1 aws_vpc_security_group_ingress_rule.operators: admits 0.0.0.0/0"],
  },
  {
    name: "legacy aws_security_group_rule and a dynamic ingress block from anywhere",
    edit: (d) =>
      fs.writeFileSync(
        path.join(d, "modules/vpc/bastion.tf"),
        [
          'variable "bastion_cidrs" {',
          "  type    = list(string)",
          '  default = ["0.0.0.0/0"]',
          "}",
          "",
          'resource "aws_security_group" "bastion" {',
          '  name   = "${var.name}-bastion"',
          "  vpc_id = aws_vpc.this.id",
          "",
          '  dynamic "ingress" {',
          "    for_each = var.bastion_cidrs",
          "    content {",
          '      protocol    = "tcp"',
          "      from_port   = 22",
          "      to_port     = 22",
          "      cidr_blocks = [ingress.value]",
          "    }",
          "  }",
          "}",
          "",
          'resource "aws_security_group_rule" "bastion_https" {',
          '  type              = "ingress"',
          "  security_group_id = aws_security_group.bastion.id",
          '  protocol          = "tcp"',
          "  from_port         = 443",
          "  to_port           = 443",
          '  cidr_blocks       = ["0.0.0.0/0"]',
          "}",
          "",
        ].join("\n"),
      ),
    fails: [
      "SEC-1 module.vpc.aws_security_group_rule.bastion_https: admits anywhere (aws_security_group_rule)",
      "SEC-1 module.vpc.aws_security_group.bastion: an inline ingress rule admits anywhere",
    ],
  },
  {
    // Terraform teams call a module with count to make it optional, and read it by index.
    name: "the VPC module with count = 1, read as module.vpc[0]",
    edit: (d) => countedVpc(d, "count = 1", "module.vpc[0]"),
    fails: [],
  },
  {
    name: 'the VPC module with for_each, read as module.vpc["main"], and a NAT route',
    edit: (d) => {
      countedVpc(d, 'for_each = toset(["main"])', 'module.vpc["main"]');
      replaceIn(d, "main.tf", "enable_nat_gateway = false", "enable_nat_gateway = true");
    },
    fails: [
      'MWAA-P2 module.vpc["main"].aws_internet_gateway.this[0]: aws_internet_gateway in a private-routing network',
      'MWAA-P2 module.vpc["main"].aws_nat_gateway.this[0]: aws_nat_gateway in a private-routing network',
      'MWAA-P2 module.vpc["main"].aws_route.private_nat[0]: route to an internet gateway or NAT',
      'MWAA-P2 module.vpc["main"].aws_route.private_nat[1]: route to an internet gateway or NAT',
    ],
  },
  {
    // for expressions where the tree had splats and toset(), and an if that drops one endpoint.
    name: "for expressions in outputs and for_each, one dropping kms",
    edit: (d) => {
      replaceIn(d, "modules/vpc/outputs.tf", "aws_subnet.private[*].id", "[for s in aws_subnet.private : s.id]");
      replaceIn(d, "modules/vpc/outputs.tf", "aws_route_table.private[*].id", "[for rt in aws_route_table.private : rt.id]");
      replaceIn(
        d,
        "modules/vpc-endpoints/main.tf",
        "for_each            = toset(var.interface_services)",
        'for_each            = { for s in var.interface_services : s => "com.amazonaws.${var.region}.${s}" if s != "kms" }',
      );
      replaceIn(
        d,
        "modules/vpc-endpoints/main.tf",
        'service_name        = "com.amazonaws.${var.region}.${each.value}"',
        "service_name        = each.value",
      );
    },
    fails: ["MWAA-P5 -: missing interface endpoint kms"],
  },
  {
    // A for_each map whose keys are known and one member of each value is not (known at apply):
    // Terraform needs only the keys, and so does the reader.
    name: "for_each values with a member known only at apply",
    edit: (d) => {
      replaceIn(
        d,
        "modules/vpc-endpoints/main.tf",
        "for_each            = toset(var.interface_services)",
        "for_each            = { for s in var.interface_services : s => { service = s, requested = timestamp() } }",
      );
      replaceIn(
        d,
        "modules/vpc-endpoints/main.tf",
        'service_name        = "com.amazonaws.${var.region}.${each.value}"',
        'service_name        = "com.amazonaws.${var.region}.${each.value.service}"',
      );
    },
    fails: [],
  },
  {
    name: "ingress from an address known only after apply",
    edit: (d) => {
      fs.appendFileSync(path.join(d, "main.tf"), '\nresource "aws_eip" "vpn" {\n  domain = "vpc"\n}\n');
      replaceIn(d, "main.tf", "  cidr_ipv4         = var.operator_cidr\n", '  cidr_ipv4         = "${aws_eip.vpn.public_ip}/32"\n');
    },
    fails: [],
    unverifiable: ["SEC-1"],
  },
];

/** Replaces every `from` by `to` in one file of the tree, and fails loudly when there is none. */
function replaceAllIn(dir: string, file: string, from: string, to: string): void {
  const f = path.join(dir, file);
  const text = fs.readFileSync(f, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  fs.writeFileSync(f, text.split(from).join(to));
}

/** The VPC module called with count or for_each (`meta`), its outputs read through `ref` (module.vpc[0], module.vpc["main"]). */
function countedVpc(d: string, meta: string, ref: string): void {
  replaceIn(d, "main.tf", 'module "vpc" {\n  source = "./modules/vpc"\n', `module "vpc" {\n  source = "./modules/vpc"\n  ${meta}\n`);
  replaceAllIn(d, "main.tf", "module.vpc.", `${ref}.`);
}

/** A copy of the fixture tree with one variant's edit, in a new folder under `parent`. */
export function variantTree(parent: string, variant: ModuleVariant): string {
  const dir = path.join(parent, variant.name.replace(/[^a-z0-9]+/gi, "-"));
  fs.cpSync(MODULE_FIXTURE, dir, { recursive: true });
  variant.edit(dir);
  return dir;
}
