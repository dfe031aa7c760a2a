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
    // A secret access key beside its name (a start command, an env file line), not alone: 40
    // base64 characters alone are as often a hash.
    ["AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ./serve", "an AWS secret access key"],
    ['aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', "an AWS secret access key"],
    ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", undefined],
    ["AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY", undefined], // a reference
    ["0123456789abcdef0123456789abcdef01234567", undefined], // a Git commit
  ])("%j: %s", (value, expected) => {
    expect(credentialIn(value)).toBe(expected);
  });
});
