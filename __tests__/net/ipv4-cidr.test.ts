import { cidrSubnet, contains, formatIpv4Cidr, Ipv4Cidr, overlaps, parseIpv4Cidr } from "../../src/net/ipv4-cidr";

const p = (s: string): Ipv4Cidr => {
  const r = parseIpv4Cidr(s);
  if (typeof r === "string") throw new Error(r);
  return r;
};

describe("ipv4-cidr", () => {
  describe("parseIpv4Cidr", () => {
    test("round-trips canonical blocks", () => {
      for (const s of ["10.0.0.0/16", "192.168.1.0/24", "0.0.0.0/0", "255.255.255.255/32", "172.16.0.16/28"])
        expect(formatIpv4Cidr(p(s))).toBe(s);
    });
    test.each([
      ["10.0.0.0", "must be an IPv4 CIDR block such as 10.0.0.0/16"],
      ["10.0.0.256/24", "must be an IPv4 CIDR block such as 10.0.0.0/16"],
      ["10.0.0.0/33", "must be an IPv4 CIDR block such as 10.0.0.0/16"],
      ["10.0.0/24", "must be an IPv4 CIDR block such as 10.0.0.0/16"],
      ["10.0.1.0/16", "must be the network address of its block (host bits zero), e.g. 10.0.0.0/16"],
      ["010.0.0.0/16", "must be written without leading zeros, e.g. 10.0.0.0/16"],
      ["10.0.0.0/08", "must be written without leading zeros, e.g. 10.0.0.0/8"],
    ])("rejects %s", (text, rule) => expect(parseIpv4Cidr(text)).toBe(rule));
  });

  test("contains and overlaps", () => {
    expect(contains(p("10.0.0.0/16"), p("10.0.255.0/24"))).toBe(true);
    expect(contains(p("10.0.0.0/16"), p("10.1.0.0/24"))).toBe(false);
    expect(contains(p("10.0.0.0/24"), p("10.0.0.0/16"))).toBe(false);
    expect(overlaps(p("10.0.0.0/20"), p("10.0.15.0/24"))).toBe(true);
    expect(overlaps(p("10.0.0.0/20"), p("10.0.16.0/24"))).toBe(false);
    expect(overlaps(p("10.0.16.0/24"), p("10.0.0.0/20"))).toBe(false);
  });

  test("cidrSubnet matches Terraform's cidrsubnet", () => {
    expect(formatIpv4Cidr(cidrSubnet(p("10.0.0.0/16"), 4, 0))).toBe("10.0.0.0/20");
    expect(formatIpv4Cidr(cidrSubnet(p("10.0.0.0/16"), 4, 15))).toBe("10.0.240.0/20");
    expect(formatIpv4Cidr(cidrSubnet(p("10.30.0.0/20"), 3, 2))).toBe("10.30.4.0/23");
    expect(() => cidrSubnet(p("10.0.0.0/16"), 4, 16)).toThrow(RangeError);
  });
});
