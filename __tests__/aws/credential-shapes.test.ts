import { credentialIn } from "../../src/aws/credential-shapes";

describe("credentialIn", () => {
  test.each([
    ["postgres://orders:hunter2@db.internal:5432/orders", "a URL with a password in it"],
    ["redis://:s3cret@cache:6379", undefined], // no user name: not the user:password shape
    ["AKIAIOSFODNN7EXAMPLE", "an AWS access key ID"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIE...", "a private key"],
    [`ghp_${"a".repeat(36)}`, "a GitHub token"],
    ["xoxb-1234567890-abcdef", "a Slack token"],
    [`sk_live_${"0".repeat(24)}`, "a Stripe secret key"],
    ["https://service1.example.com/forecast", undefined],
    ["postgres://orders@db.internal:5432/orders", undefined], // a user, no password
    ["info", undefined],
    ["git+https://example.com/pkg@v1.2", undefined], // an @ in the path, not in the authority
  ])("%j: %s", (value, expected) => {
    expect(credentialIn(value)).toBe(expected);
  });
});
