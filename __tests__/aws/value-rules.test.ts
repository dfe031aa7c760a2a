import { safeText, VALUE_FIELDS, VALUE_RULES, ValueRuleId, valueProblem } from "../../src/aws/value-rules";

describe("AWS value rules table", () => {
  test("every rule names an AWS documentation page and the day it was read, and Terraform fields use it", () => {
    for (const rule of Object.values(VALUE_RULES)) {
      expect(rule.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/\S+\.html$/);
      expect(rule.source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(rule.source.document).not.toBe("");
      expect(VALUE_FIELDS.some((f) => f.rule === rule.id)).toBe(true);
    }
    expect(Object.keys(VALUE_RULES)).toHaveLength(28);
  });

  // One value AWS's page accepts and one it refuses per rule, with the exact message. The values
  // come from the pages' own wording (allowed characters, reserved prefixes), not from our regexes.
  test.each<[ValueRuleId, string, string, string]>([
    ["ec2.security-group-name", "orders-endpoints", "sg-orders", "must not start with sg- (security group name)"],
    [
      "ec2.security-group-description",
      "HTTPS (443) from the VPC: 10.0.0.0/16",
      "the VPC's endpoints",
      'must be 1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (security group description; "\'" not allowed)',
    ],
    [
      "ec2.security-group-rule-description",
      "",
      "to <db>",
      'must be at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (security group rule description; "<" ">" not allowed)',
    ],
    ["tag.key", "cost-center:team@example", "AWS:Owner", "must not start with aws: (reserved for AWS) (tag key)"],
    [
      "tag.value",
      "Données clients",
      "a|b",
      'must be at most 256 characters of letters, digits, spaces and _.:/=+-@ (tag value; "|" not allowed)',
    ],
    [
      "iam.role-name",
      "apprunner-orders-api-access",
      "x".repeat(65),
      "must be 1-64 characters of letters, digits and _+=,.@- (IAM role name; has 65)",
    ],
    [
      "iam.role-description",
      "Step Functions forecast: calls GET https://api.example.com/",
      "calls 例え",
      'must be at most 1000 characters of printable ASCII and Latin-1 characters, tab and line breaks (IAM role description; "例" "え" not allowed)',
    ],
    [
      "iam.policy-name",
      "read-own-secrets",
      "read own",
      "must be 1-128 characters of letters, digits and _+=,.@- (IAM inline policy name; U+0020 not allowed)",
    ],
    ["s3.bucket-name", "example-airflow-dags-123456789012", "dags--ol-s3", "must not end with --ol-s3 (reserved by S3) (S3 bucket name)"],
    [
      "logs.log-group-name",
      "/aws/vendedlogs/states/forecast",
      "/aws/states/my forecast",
      "must be 1-512 characters of a-z, A-Z, 0-9 and ._-/# (CloudWatch Logs log group name; U+0020 not allowed)",
    ],
    [
      "sfn.state-machine-name",
      "forecast_v2",
      "forecast:v2",
      'must be 1-80 characters of 0-9, A-Z, a-z, - and _ (Step Functions state machine name (with logging); ":" not allowed)',
    ],
    [
      "events.rule-name",
      "MyService1-to-api",
      "MyService1/to/api",
      'must be 1-64 characters of letters, digits and .-_ (EventBridge rule name; "/" not allowed)',
    ],
    ["events.rule-description", "Sends events", "x".repeat(513), "must be at most 512 characters (EventBridge rule description; has 513)"],
    [
      "events.connection-name",
      "ForecastOAuth",
      "",
      "must be 1-64 characters of letters, digits and .-_ (EventBridge connection name; has 0)",
    ],
    [
      "events.connection-description",
      "Private API",
      "x".repeat(600),
      "must be at most 512 characters (EventBridge connection description; has 600)",
    ],
    [
      "events.api-destination-name",
      "MyService1",
      "My Service",
      "must be 1-64 characters of letters, digits and .-_ (EventBridge API destination name; U+0020 not allowed)",
    ],
    [
      "events.api-destination-description",
      "Private API https://service1.example.com/forecast",
      "x".repeat(513),
      "must be at most 512 characters (EventBridge API destination description; has 513)",
    ],
    [
      "lattice.resource-gateway-name",
      "main-rg",
      "main--rg",
      "must not start or end with - or have two - in a row (VPC Lattice resource gateway name)",
    ],
    [
      "lattice.resource-configuration-name",
      "rc-service1",
      "rcfg-service1",
      "must not start with rcfg- (reserved for IDs) (VPC Lattice resource configuration name)",
    ],
    [
      "lattice.service-network-name",
      "a".repeat(63),
      "servicenetwork-shared",
      "must not start with servicenetwork- (reserved for IDs) (VPC Lattice service network name)",
    ],
    ["ram.resource-share-name", "shared services (prod)", "", "must be at least 1 character (RAM resource share name; has 0)"],
    ["apprunner.service-name", "orders_api", "-orders", "must start with a letter or digit (App Runner service name)"],
    [
      "apprunner.vpc-connector-name",
      "orders-connector",
      "orders.connector",
      'must be 4-40 characters of A-Z, a-z, 0-9, - and _ (App Runner VPC connector name; "." not allowed)',
    ],
    [
      "apprunner.vpc-ingress-connection-name",
      "orders-api",
      "api",
      "must be 4-40 characters of A-Z, a-z, 0-9, - and _ (App Runner VPC ingress connection name; has 3)",
    ],
    [
      "apprunner.auto-scaling-configuration-name",
      "orders-api",
      "o".repeat(33),
      "must be 4-32 characters of A-Z, a-z, 0-9, - and _ (App Runner auto scaling configuration name; has 33)",
    ],
    ["mwaa.environment-name", "example-airflow", "1-airflow", "must start with a letter (MWAA environment name)"],
    [
      "route53resolver.endpoint-name",
      "privatelink-dualstack-inbound",
      "12345",
      "must not be only digits (Route 53 Resolver endpoint name)",
    ],
    [
      "kms.key-description",
      "Amazon MWAA environment example",
      "x".repeat(8193),
      "must be at most 8192 characters (KMS key description; has 8193)",
    ],
  ])("%s accepts %j and refuses %j", (id, good, bad, message) => {
    expect(valueProblem(VALUE_RULES[id], good)).toBeUndefined();
    expect(valueProblem(VALUE_RULES[id], bad)).toBe(message);
  });

  test("S3's other reserved names and shapes are refused", () => {
    const s3 = VALUE_RULES["s3.bucket-name"];
    expect(
      [
        "sthree-dags",
        "amzn-s3-demo-dags",
        "dags-s3alias",
        "dags.mrap",
        "dags--x-s3",
        "dags--table-s3",
        "192.168.5.4",
        "dags..x",
        "-dags",
      ].map((v) => valueProblem(s3, v)),
    ).toEqual([
      "must not start with sthree- (reserved by S3) (S3 bucket name)",
      "must not start with amzn-s3-demo- (reserved by S3) (S3 bucket name)",
      "must not end with -s3alias (reserved by S3) (S3 bucket name)",
      "must not end with .mrap (reserved by S3) (S3 bucket name)",
      "must not end with --x-s3 (reserved by S3) (S3 bucket name)",
      "must not end with --table-s3 (reserved by S3) (S3 bucket name)",
      "must not be formatted as an IP address (S3 bucket name)",
      "must not contain two adjacent periods (S3 bucket name)",
      "must start and end with a letter or digit (S3 bucket name)",
    ]);
  });

  test("tag lengths count characters, not UTF-16 units or bytes", () => {
    expect(valueProblem(VALUE_RULES["tag.value"], "é".repeat(256))).toBeUndefined();
    expect(valueProblem(VALUE_RULES["tag.key"], "ü".repeat(129))).toBe(
      "must be 1-128 characters of letters, digits, spaces and _.:/=+-@ (tag key; has 129)",
    );
  });

  describe("safeText: generated descriptions fit by construction", () => {
    test("apostrophes are dropped, other refused characters become spaces, long text is cut", () => {
      expect(safeText("ec2.security-group-description", 'the VPC\'s endpoints <from> "anywhere"')).toBe(
        "the VPCs endpoints from anywhere ",
      );
      expect(safeText("events.api-destination-description", `Private API https://x.example.com/${"p".repeat(600)}`)).toHaveLength(512);
      expect(safeText("iam.role-description", "calls https://例え.jp/forecast")).toBe("calls https:// .jp/forecast");
    });

    // Fuzz: any text made from hostile characters, once repaired, is accepted by the same table.
    test("200 random texts per description rule come out valid", () => {
      let seed = 19;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const alphabet = [..."aZ09 '’\"<>|\\`~^%?{}[]()#,@+=&;!$*:/._-\t\n\u0000\u00e9\u4f8b😀"];
      const descriptions: ValueRuleId[] = [
        "ec2.security-group-description",
        "ec2.security-group-rule-description",
        "iam.role-description",
        "events.rule-description",
        "events.connection-description",
        "events.api-destination-description",
        "kms.key-description",
      ];
      for (const id of descriptions) {
        for (let i = 0; i < 200; i++) {
          const text =
            "x" + Array.from({ length: Math.floor(next() * 700) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
          expect([text, valueProblem(VALUE_RULES[id], safeText(id, text))]).toEqual([text, undefined]);
        }
      }
    });
  });
});
