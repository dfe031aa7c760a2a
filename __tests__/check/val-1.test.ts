import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadModel, modelFromPlan } from "../../src/check/model";
import { constrainedValues, VAL_1 } from "../../src/check/rules/val-1";
import { clone, ruleViolations, TerraformJson } from "../support/terraform-json";

const GENERATED = path.join(__dirname, "..", "..", "generated");
const modules = fs.readdirSync(path.join(GENERATED, "json")).sort();
const generatedJson = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(GENERATED, "json", name, "main.tf.json"), "utf8")) as TerraformJson;

describe("VAL-1: every value the generator writes into a constrained AWS field is one AWS accepts", () => {
  // The shipped rule over the committed output, JSON and HCL alike: every example, every field of the table.
  test.each(modules)("generated/json/%s and generated/hcl/%s: no violation", async (name) => {
    for (const format of ["json", "hcl"]) {
      const model = await loadModel(path.join(GENERATED, format, name));
      expect(VAL_1.check(model)).toEqual([]);
      // Not vacuous: the Name tags and the default tags (at least Project, ManagedBy, Deployment) are read.
      expect(constrainedValues(model).length).toBeGreaterThanOrEqual(10);
      expect(constrainedValues(model)).toContainEqual({
        address: "provider.aws",
        path: "default_tags.tags:keys",
        rule: "tag.key",
        value: "Project",
      });
    }
  });

  test("the fields the issue named are read where the generator writes them", async () => {
    const values = constrainedValues(await loadModel(path.join(GENERATED, "hcl", "apprunner-private")));
    expect(values).toEqual(
      expect.arrayContaining([
        {
          address: "aws_security_group.endpoints",
          path: "description",
          rule: "ec2.security-group-description",
          value: "Interface VPC endpoints: HTTPS (and the ports of each service) from the VPC only",
        },
        {
          address: "aws_vpc_security_group_egress_rule.apprunner_connector_egress_endpoints",
          path: "description",
          rule: "ec2.security-group-rule-description",
          value: "HTTPS to the interface endpoints of the VPC (AWS APIs without internet)",
        },
        {
          address: "aws_apprunner_service.apprunner_orders_api",
          path: "service_name",
          rule: "apprunner.service-name",
          value: "orders-api",
        },
      ]),
    );
  });

  // The strings that failed at apply before (issue 19): the rule catches each of them.
  test.each<[string, string, string, string, string]>([
    [
      "apprunner-private",
      "aws_security_group",
      "endpoints",
      "Interface VPC endpoints: HTTPS (and each service's ports) from the VPC only",
      "security group description",
    ],
    [
      "privatelink-dualstack",
      "aws_security_group",
      "endpoints",
      "Interface VPC endpoints: HTTPS (and each service's ports) from the VPC only",
      "security group description",
    ],
    [
      "lattice-consumer",
      "aws_security_group",
      "lattice_endpoints",
      "VPC Lattice endpoints: the shared resources' ports from the VPC only",
      "security group description",
    ],
    [
      "apprunner-private",
      "aws_vpc_security_group_egress_rule",
      "apprunner_connector_egress_endpoints",
      "HTTPS to the VPC's interface endpoints (AWS APIs without internet)",
      "security group rule description",
    ],
    [
      "apprunner-private",
      "aws_vpc_security_group_egress_rule",
      "apprunner_connector_egress_gateway_0",
      "HTTPS to a gateway endpoint's service (S3, DynamoDB)",
      "security group rule description",
    ],
  ])("%s: the old %s.%s description is refused", (module, type, name, old, field) => {
    const tf = clone(generatedJson(module));
    tf.resource![type][name].description = old;
    const chars = field === "security group description" ? "1-255" : "at most 255";
    expect(ruleViolations(VAL_1, tf)).toEqual([
      `${type}.${name}: description ${JSON.stringify(old)}: must be ${chars} characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (${field}; "'" not allowed)`,
    ]);
  });
});

describe("VAL-1 on Terraform we did not generate", () => {
  // One resource of every type the table covers, each value valid; then one mistake per field family.
  const good = (): TerraformJson => ({
    provider: { aws: [{ region: "eu-west-1", default_tags: [{ tags: { Team: "data platform", "cost-center": "4711" } }] }] },
    resource: {
      aws_security_group: {
        app: {
          name: "app",
          description: "App servers",
          ingress: [{ description: "HTTPS from the VPC", from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["10.0.0.0/16"] }],
          tags: { Name: "app" },
        },
      },
      aws_security_group_rule: {
        db: { type: "egress", description: "PostgreSQL to the database", security_group_id: "${aws_security_group.app.id}" },
      },
      aws_vpc_security_group_ingress_rule: {
        https: { description: "HTTPS from ${var.peer_name}", security_group_id: "${aws_security_group.app.id}" },
      },
      aws_iam_role: { app: { name: "app-role", description: "Role of the app (Latin-1: café)", assume_role_policy: "{}" } },
      aws_iam_role_policy: {
        app: {
          name: "read-config",
          role: "${aws_iam_role.app.id}",
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::cfg/*" }],
          }),
        },
      },
      aws_s3_bucket: { dags: { bucket: "team-dags-123456789012" } },
      aws_cloudwatch_log_group: { sfn: { name: "/aws/vendedlogs/states/flow" } },
      aws_sfn_state_machine: { flow: { name: "flow" } },
      aws_cloudwatch_event_rule: { r: { name: "flow-to-api", description: "Every order" } },
      aws_vpclattice_service_network: { sn: { name: "shared-services" } },
      aws_apprunner_vpc_connector: { c: { vpc_connector_name: "orders-connector" } },
      aws_mwaa_environment: { env: { name: "airflow-prod" } },
    },
  });

  test("a configuration of valid values has no violation", () => {
    expect(ruleViolations(VAL_1, good())).toEqual([]);
  });

  test.each<[string, (tf: TerraformJson) => void, string[]]>([
    [
      "a security group name starting with sg-",
      (tf) => (tf.resource!.aws_security_group.app.name = "sg-app"),
      ['aws_security_group.app: name "sg-app": must not start with sg- (security group name)'],
    ],
    [
      "an inline ingress rule description with <>",
      (tf) => (tf.resource!.aws_security_group.app.ingress[0].description = "from <office>"),
      [
        'aws_security_group.app: ingress.description "from <office>": must be at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (security group rule description; "<" ">" not allowed)',
      ],
    ],
    [
      "a legacy rule description with an apostrophe",
      (tf) => (tf.resource!.aws_security_group_rule.db.description = "team's db"),
      [
        'aws_security_group_rule.db: description "team\'s db": must be at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (security group rule description; "\'" not allowed)',
      ],
    ],
    [
      "an apostrophe around an interpolation",
      (tf) => (tf.resource!.aws_vpc_security_group_ingress_rule.https.description = "HTTPS from ${var.peer_name}'s VPC"),
      [
        'aws_vpc_security_group_ingress_rule.https: description: must be at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (security group rule description; "\'" not allowed)',
      ],
    ],
    [
      "a resource tag key starting with aws:",
      (tf) => (tf.resource!.aws_security_group.app.tags = { "aws:owner": "me" }),
      ['aws_security_group.app: tags:keys "aws:owner": must not start with aws: (reserved for AWS) (tag key)'],
    ],
    [
      "a default tag value with a comma",
      (tf) => (tf.provider!.aws[0].default_tags[0].tags.Team = "data, platform"),
      [
        'provider.aws: default_tags.tags.Team "data, platform": must be at most 256 characters of letters, digits, spaces and _.:/=+-@ (tag value; "," not allowed)',
      ],
    ],
    [
      "an IAM role name with a space",
      (tf) => (tf.resource!.aws_iam_role.app.name = "app role"),
      ['aws_iam_role.app: name "app role": must be 1-64 characters of letters, digits and _+=,.@- (IAM role name; U+0020 not allowed)'],
    ],
    [
      "an IAM role description with an emoji",
      (tf) => (tf.resource!.aws_iam_role.app.description = "App 🚀"),
      [
        'aws_iam_role.app: description "App 🚀": must be at most 1000 characters of printable ASCII and Latin-1 characters, tab and line breaks (IAM role description; "🚀" not allowed)',
      ],
    ],
    [
      "an inline policy name with a slash",
      (tf) => (tf.resource!.aws_iam_role_policy.app.name = "read/config"),
      [
        'aws_iam_role_policy.app: name "read/config": must be 1-128 characters of letters, digits and _+=,.@- (IAM inline policy name; "/" not allowed)',
      ],
    ],
    [
      "a reserved bucket suffix",
      (tf) => (tf.resource!.aws_s3_bucket.dags.bucket = "team-dags-s3alias"),
      ['aws_s3_bucket.dags: bucket "team-dags-s3alias": must not end with -s3alias (reserved by S3) (S3 bucket name)'],
    ],
    [
      "a log group name with a colon",
      (tf) => (tf.resource!.aws_cloudwatch_log_group.sfn.name = "/aws/states:flow"),
      [
        'aws_cloudwatch_log_group.sfn: name "/aws/states:flow": must be 1-512 characters of a-z, A-Z, 0-9 and ._-/# (CloudWatch Logs log group name; ":" not allowed)',
      ],
    ],
    [
      "a state machine name with a dot",
      (tf) => (tf.resource!.aws_sfn_state_machine.flow.name = "flow.v2"),
      [
        'aws_sfn_state_machine.flow: name "flow.v2": must be 1-80 characters of 0-9, A-Z, a-z, - and _ (Step Functions state machine name (with logging); "." not allowed)',
      ],
    ],
    [
      "an EventBridge rule name of 65 characters",
      (tf) => (tf.resource!.aws_cloudwatch_event_rule.r.name = "r".repeat(65)),
      [
        `aws_cloudwatch_event_rule.r: name "${"r".repeat(65)}": must be 1-64 characters of letters, digits and .-_ (EventBridge rule name; has 65)`,
      ],
    ],
    [
      "a service network name with upper case",
      (tf) => (tf.resource!.aws_vpclattice_service_network.sn.name = "Shared"),
      [
        'aws_vpclattice_service_network.sn: name "Shared": must be 3-63 characters of a-z, 0-9 and - (VPC Lattice service network name; "S" not allowed)',
      ],
    ],
    [
      "an App Runner connector name of 3 characters",
      (tf) => (tf.resource!.aws_apprunner_vpc_connector.c.vpc_connector_name = "abc"),
      [
        'aws_apprunner_vpc_connector.c: vpc_connector_name "abc": must be 4-40 characters of A-Z, a-z, 0-9, - and _ (App Runner VPC connector name; has 3)',
      ],
    ],
    [
      "an MWAA environment name starting with a digit",
      (tf) => (tf.resource!.aws_mwaa_environment.env.name = "2-airflow"),
      ['aws_mwaa_environment.env: name "2-airflow": must start with a letter (MWAA environment name)'],
    ],
    [
      "a role whose inline policies exceed 10,240 characters",
      (tf) => {
        const big = JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "s3:GetObject",
              Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/prefix-${i}/*`),
            },
          ],
        });
        tf.resource!.aws_iam_role_policy.second = { name: "second", role: "${aws_iam_role.app.id}", policy: big };
      },
      [
        expect.stringMatching(
          /^aws_iam_role_policy\.app: the role's inline policies hold 1\d{4} characters \(without white space\), more than IAM's 10240: aws_iam_role_policy\.app, aws_iam_role_policy\.second$/,
        ) as unknown as string,
      ],
    ],
  ])("%s", (_label, mutate, expected) => {
    const tf = good();
    mutate(tf);
    expect(ruleViolations(VAL_1, tf)).toEqual(expected);
  });

  test("a value wholly from a variable cannot be judged and is not reported", () => {
    const tf = good();
    tf.resource!.aws_security_group.app.description = "${var.description}";
    expect(ruleViolations(VAL_1, tf)).toEqual([]);
  });

  test("HCL folders and plan JSON are read the same way", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-val1-"));
    try {
      fs.writeFileSync(
        path.join(dir, "main.tf"),
        [
          'provider "aws" {',
          '  region = "eu-west-1"',
          "  default_tags {",
          '    tags = { "aws:team" = "data" }',
          "  }",
          "}",
          'resource "aws_security_group" "app" {',
          '  name        = "app"',
          '  description = "the team\'s servers"',
          "}",
          "",
        ].join("\n"),
      );
      const hcl = await loadModel(dir);
      expect(VAL_1.check(hcl).map((f) => `${f.address}: ${f.message}`)).toEqual([
        'aws_security_group.app: description "the team\'s servers": must be 1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (security group description; "\'" not allowed)',
        'provider.aws: default_tags.tags:keys "aws:team": must not start with aws: (reserved for AWS) (tag key)',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // A plan (terraform show -json) in the shape Terraform 1.11 writes: planned values and provider expressions.
    const plan = modelFromPlan(
      {
        format_version: "1.2",
        planned_values: {
          root_module: {
            resources: [
              {
                address: "aws_security_group.app",
                mode: "managed",
                type: "aws_security_group",
                name: "app",
                values: { name: "app", description: "the team's servers" },
              },
            ],
          },
        },
        configuration: {
          provider_config: {
            aws: {
              name: "aws",
              expressions: {
                region: { constant_value: "eu-west-1" },
                default_tags: [{ tags: { constant_value: { "aws:team": "data" } } }],
              },
            },
          },
          root_module: { resources: [] },
        },
      },
      "plan.json",
    );
    expect(VAL_1.check(plan).map((f) => `${f.address}: ${f.message.split(":")[0]}`)).toEqual([
      'aws_security_group.app: description "the team\'s servers"',
      "provider.aws: default_tags.tags",
    ]);
  });
});
