/** An IPv4 CIDR block, parsed. `network` is the first address as an unsigned 32-bit number. */
export interface Ipv4Cidr {
  readonly network: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`. Returns a rule message (no field name) when the text is not a canonical
 * IPv4 CIDR block: AWS stores the canonical form, so `10.0.0.1/16` would show a diff forever.
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | string {
  const parts = cidrParts(text);
  if (!parts) return "must be an IPv4 CIDR block such as 10.0.0.0/16";
  const { octets, prefix, written } = parts;
  // Leading zeros: some tools read 010 as octal (8), AWS rejects or rewrites them; only the
  // canonical spelling is accepted.
  if (written.some((part) => part.length > 1 && part.startsWith("0"))) {
    return `must be written without leading zeros, e.g. ${octets.join(".")}/${prefix}`;
  }
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = (address & mask(prefix)) >>> 0;
  if (network !== address) {
    return `must be the network address of its block (host bits zero), e.g. ${formatIpv4Cidr({ network, prefix })}`;
  }
  return { network, prefix };
}

/**
 * `a.b.c.d/n` read as Terraform's functions read a prefix (Go's net.ParseCIDR): the host bits are
 * dropped, not refused. Undefined when the text is not an IPv4 CIDR block at all.
 */
export function parseIpv4Prefix(text: string): Ipv4Cidr | undefined {
  const parts = cidrParts(text);
  if (!parts) return undefined;
  const { octets, prefix } = parts;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { network: (address & mask(prefix)) >>> 0, prefix };
}

/** The four octets and the prefix length of `a.b.c.d/n` in range, and the parts as written. */
function cidrParts(text: string): { octets: number[]; prefix: number; written: string[] } | undefined {
  const m = CIDR_RE.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  return { octets, prefix, written: m.slice(1, 6) };
}

export function formatIpv4Cidr(c: Ipv4Cidr): string {
  const n = c.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${c.prefix}`;
}

/** Number of addresses in the block. */
export function size(c: Ipv4Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.network >= outer.network && inner.network + size(inner) <= outer.network + size(outer);
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + size(b) && b.network < a.network + size(a);
}

/** The `index`-th block of prefix `prefix + newBits` inside `parent` (Terraform's `cidrsubnet`). */
export function cidrSubnet(parent: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefix = parent.prefix + newBits;
  if (prefix > 32 || index < 0 || index >= 2 ** newBits) {
    throw new RangeError(`cidrSubnet(${formatIpv4Cidr(parent)}, ${newBits}, ${index}) is out of range`);
  }
  return { network: parent.network + index * 2 ** (32 - prefix), prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
