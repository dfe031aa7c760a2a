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
  const m = CIDR_RE.exec(text);
  if (!m) return "must be an IPv4 CIDR block such as 10.0.0.0/16";
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return "must be an IPv4 CIDR block such as 10.0.0.0/16";
  // Leading zeros: some tools read 010 as octal (8), AWS rejects or rewrites them; only the
  // canonical spelling is accepted.
  if ([...m.slice(1, 5), m[5]].some((part) => part.length > 1 && part.startsWith("0"))) {
    return `must be written without leading zeros, e.g. ${octets.join(".")}/${prefix}`;
  }
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = (address & mask(prefix)) >>> 0;
  if (network !== address) {
    return `must be the network address of its block (host bits zero), e.g. ${formatIpv4Cidr({ network, prefix })}`;
  }
  return { network, prefix };
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
