import { parseIpv4Cidr } from "../../net/ipv4-cidr";
import { Problem, repeatedKeys } from "../../problems";

/**
 * The checks several features share, written once: ports, AWS resource IDs, CIDR blocks, names
 * listed once. Each returns problems at the path it is given.
 */

const PORT_RULE = "must be a port from 1 to 65535";

function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

export function portProblems(path: string, port: number): Problem[] {
  return isPort(port) ? [] : [{ path, value: port, rule: PORT_RULE }];
}

/** Every entry a port; `listName[j]` paths. */
export function portListProblems(path: string, ports: readonly number[]): Problem[] {
  return ports.flatMap((p, j) => portProblems(`${path}[${j}]`, p));
}

/** EC2 resource IDs: the prefix, then 8 or 17 hex digits. */
const AWS_IDS = {
  vpc: "a VPC ID",
  subnet: "a subnet ID",
  rtb: "a route table ID",
  sg: "a security group ID",
  tgw: "a Transit Gateway ID",
  pcx: "a VPC peering connection ID",
  vgw: "a virtual private gateway ID",
} as const;
export type AwsIdKind = keyof typeof AWS_IDS;

function isAwsId(kind: AwsIdKind, value: string): boolean {
  return new RegExp(`^${kind}-[0-9a-f]{8}([0-9a-f]{9})?$`).test(value);
}

function awsIdRule(kind: AwsIdKind): string {
  return `must be ${AWS_IDS[kind]} (${kind}- and 8 or 17 hex digits)`;
}

export function awsIdProblems(path: string, value: string, kind: AwsIdKind): Problem[] {
  return isAwsId(kind, value) ? [] : [{ path, value, rule: awsIdRule(kind) }];
}

/** An IPv4 CIDR block that parses (the arithmetic rules of src/net/ipv4-cidr). */
export function cidrProblems(path: string, value: string | undefined): Problem[] {
  if (value === undefined) return [];
  const parsed = parseIpv4Cidr(value);
  return typeof parsed === "string" ? [{ path, value, rule: parsed }] : [];
}

/**
 * Entries whose key an earlier entry already has. `list` is the list's path (`lattice.consume`),
 * `field` the keyed field (`name`), `why` what makes it matter.
 */
export function uniqueProblems<T>(items: readonly T[], key: (item: T) => string, list: string, field: string, why = ""): Problem[] {
  const short = list.split(".").pop();
  return [...repeatedKeys(items, key)].map(([i, first]) => ({
    path: `${list}[${i}]${field ? `.${field}` : ""}`,
    value: field ? (items[i] as Record<string, unknown>)[field] : items[i],
    rule: `must be unique${why ? ` (${why})` : ""}; ${short}[${first}] has the same ${field || "value"}`,
  }));
}

/** Plain values (IDs, ports, principals) a list must not repeat. */
export function listedOnceProblems(list: string, values: readonly (string | number)[]): Problem[] {
  return values.flatMap((v, i) => (values.indexOf(v) !== i ? [{ path: `${list}[${i}]`, value: v, rule: "must be listed once" }] : []));
}
