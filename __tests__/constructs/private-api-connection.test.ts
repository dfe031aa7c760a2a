import { LAT_5 } from "../../src/check/rules/lat-5";
import { SEC_NO_LITERAL_CONNECTION_SECRETS } from "../../src/check/rules/sec-no-literal-connection-secrets";
import { checkPrivateApiConnection } from "../../src/plan/lattice";
import type { EventBridgeConnectionConfig } from "../../src/config/schema";
import { latticeConsumer, latticeOwner, SHARED_RC_ARN, synthDeployment } from "../support/fixtures";
import { clone, decodeJsonencode, ref, resourcesOf, ruleViolations } from "../support/terraform-json";

const consumer = synthDeployment(latticeConsumer());
const tf = consumer.tf;
const withConnection = (c: Partial<EventBridgeConnectionConfig>) =>
  synthDeployment(
    latticeConsumer({
      stepFunctions: undefined,
      eventBridge: {
        connections: [{ name: "MyService1", resourceConfigurationArn: SHARED_RC_ARN, authorization: { basic: { username: "u" } }, ...c }],
      },
    }),
  ).tf;

describe("PrivateApiConnection", () => {
  describe("LAT-5: a private API connection whose secret is a sensitive variable", () => {
    test("the connection is of the private type: it names the shared resource configuration", () => {
      const c = resourcesOf(tf, "aws_cloudwatch_event_connection").eventbridge_myservice1;
      expect(c.invocation_connectivity_parameters).toEqual({ resource_parameters: { resource_configuration_arn: SHARED_RC_ARN } });
      expect(c.authorization_type).toBe("BASIC");
    });

    test("basic authorization: the user name from the configuration, the password from a sensitive variable; Action=Forecast on every call", () => {
      const c = resourcesOf(tf, "aws_cloudwatch_event_connection").eventbridge_myservice1;
      expect(c.auth_parameters).toEqual({
        basic: { username: "forecast-client", password: "${var.eventbridge_myservice1_password}" },
        invocation_http_parameters: { query_string: [{ key: "Action", value: "Forecast", is_value_secret: false }] },
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      expect((tf as Record<string, any>).variable.eventbridge_myservice1_password).toEqual({
        type: "string",
        sensitive: true,
        description: expect.stringContaining("export TF_VAR_eventbridge_myservice1_password"),
        validation: [
          {
            condition: "${(length(var.eventbridge_myservice1_password) >= 1)}",
            error_message: "Basic authorization password of the EventBridge connection MyService1 must not be empty.",
          },
        ],
      });
    });

    test("API key and OAuth client credentials take their secrets from variables too", () => {
      const key = withConnection({ authorization: { apiKey: { name: "x-api-key" } } });
      expect(resourcesOf(key, "aws_cloudwatch_event_connection").eventbridge_myservice1).toMatchObject({
        authorization_type: "API_KEY",
        auth_parameters: { api_key: { key: "x-api-key", value: "${var.eventbridge_myservice1_api_key}" } },
      });
      const oauth = withConnection({
        authorization: {
          oauth: {
            authorizationEndpoint: "https://auth.example.com/token",
            httpMethod: "POST",
            clientId: "forecast",
            bodyParameters: { scope: "forecast.read" },
          },
        },
      });
      expect(resourcesOf(oauth, "aws_cloudwatch_event_connection").eventbridge_myservice1).toMatchObject({
        authorization_type: "OAUTH_CLIENT_CREDENTIALS",
        auth_parameters: {
          oauth: {
            authorization_endpoint: "https://auth.example.com/token",
            http_method: "POST",
            client_parameters: { client_id: "forecast", client_secret: "${var.eventbridge_myservice1_client_secret}" },
            oauth_http_parameters: { body: [{ key: "scope", value: "forecast.read", is_value_secret: false }] },
          },
        },
      });
      for (const t of [key, oauth]) expect(Object.values((t as Record<string, any>).variable).map((v: any) => v.sensitive)).toEqual([true]); // eslint-disable-line @typescript-eslint/no-explicit-any
    });

    test("in the owner's deployment a connection may name its own resource configuration", () => {
      const owner = synthDeployment(
        latticeOwner(
          {},
          {
            eventBridge: {
              connections: [{ name: "Own", resourceConfiguration: "rc-service1", authorization: { basic: { username: "u" } } }],
            },
          },
        ),
      ).tf;
      expect(
        resourcesOf(owner, "aws_cloudwatch_event_connection").eventbridge_own.invocation_connectivity_parameters.resource_parameters
          .resource_configuration_arn,
      ).toBe(ref("aws_vpclattice_resource_configuration", "lattice_rc_service1", "arn"));
    });

    test("the checker's LAT-5 and SEC-2 pass the connection and fail a public one with a literal password", () => {
      expect(ruleViolations(LAT_5, tf)).toEqual([]);
      expect(ruleViolations(SEC_NO_LITERAL_CONNECTION_SECRETS, tf)).toEqual([]);
      const broken = clone(tf);
      const c = broken.resource!.aws_cloudwatch_event_connection.eventbridge_myservice1;
      c.auth_parameters.basic.password = "hunter2";
      delete c.invocation_connectivity_parameters;
      expect(ruleViolations(LAT_5, broken)).toEqual([
        "aws_cloudwatch_event_connection.eventbridge_myservice1: has no resource configuration: it is not a private API connection",
      ]);
      expect(ruleViolations(SEC_NO_LITERAL_CONNECTION_SECRETS, broken)).toEqual([
        "aws_cloudwatch_event_connection.eventbridge_myservice1: a secret is written as a literal",
      ]);
    });
  });

  describe("LAT-6: the connection as an API destination for a bus", () => {
    test("an API destination uses the connection; a rule on the bus targets it through a role that may invoke it only", () => {
      expect(resourcesOf(tf, "aws_cloudwatch_event_api_destination").eventbridge_myservice1_destination).toMatchObject({
        connection_arn: ref("aws_cloudwatch_event_connection", "eventbridge_myservice1", "arn"),
        invocation_endpoint: "https://service1.example.com/forecast",
        http_method: "POST",
      });
      expect(resourcesOf(tf, "aws_cloudwatch_event_rule").eventbridge_myservice1_rule).toMatchObject({
        event_bus_name: "default",
        event_pattern: '{"source":["com.example.orders"]}',
        state: "ENABLED",
      });
      expect(resourcesOf(tf, "aws_cloudwatch_event_target").eventbridge_myservice1_target).toMatchObject({
        rule: ref("aws_cloudwatch_event_rule", "eventbridge_myservice1_rule", "name"),
        arn: ref("aws_cloudwatch_event_api_destination", "eventbridge_myservice1_destination", "arn"),
        role_arn: ref("aws_iam_role", "eventbridge_myservice1_target", "arn"),
      });
      expect(decodeJsonencode(resourcesOf(tf, "aws_iam_role_policy").eventbridge_myservice1_target.policy).Statement).toEqual([
        {
          Sid: "InvokeThisDestination",
          Effect: "Allow",
          Action: "events:InvokeApiDestination",
          Resource: ref("aws_cloudwatch_event_api_destination", "eventbridge_myservice1_destination", "arn"),
        },
      ]);
      expect(
        decodeJsonencode(resourcesOf(tf, "aws_iam_role").eventbridge_myservice1_target.assume_role_policy).Statement[0].Principal,
      ).toEqual({ Service: "events.amazonaws.com" });
    });

    test("a 64-character connection name still gives a valid rule name (at most 64) and role name (at most 64)", () => {
      const name = "a".repeat(64);
      const t = withConnection({
        name,
        apiDestination: {
          endpoint: "https://service1.example.com/",
          httpMethod: "GET",
          rule: { eventBusName: "default", eventPattern: { source: ["x"] } },
        },
      });
      const rule = Object.values(resourcesOf(t, "aws_cloudwatch_event_rule"))[0];
      expect(rule.name).toBe(`${"a".repeat(57)}-to-api`);
      expect(Object.values(resourcesOf(t, "aws_iam_role"))[0].name.length).toBeLessThanOrEqual(64);
    });

    test("without apiDestination only the connection is made", () => {
      const t = withConnection({});
      expect(Object.keys(t.resource!).filter((k) => k.startsWith("aws_cloudwatch_event"))).toEqual(["aws_cloudwatch_event_connection"]);
    });
  });

  const base: EventBridgeConnectionConfig = { name: "MyService1", authorization: { basic: { username: "u" } } };
  test.each<[string, Record<string, unknown>, string[]]>([
    [
      "two authorizations",
      { authorization: { basic: { username: "u" }, apiKey: { name: "x-api-key" } } },
      ['authorization: must give exactly one of basic, apiKey and oauth (LAT-5), got ["basic","apiKey"]'],
    ],
    ["no authorization", { authorization: {} }, ["authorization: must give exactly one of basic, apiKey and oauth (LAT-5), got []"]],
    [
      "a secret-looking query parameter (value not echoed)",
      { invocationParameters: { queryString: { token: "abc123" } } },
      [
        'invocationParameters.queryString.token: looks like a secret: parameters here are written into generated files; use authorization (basic, apiKey or oauth), whose secret comes from a sensitive Terraform variable (LAT-5), got "(hidden)"',
      ],
    ],
    [
      "an OAuth endpoint over plain HTTP",
      {
        authorization: {
          oauth: {
            authorizationEndpoint: "http://auth.example.com/token",
            httpMethod: "POST",
            clientId: "c",
            bodyParameters: { scope: "s" },
          },
        },
      },
      ['authorization.oauth.authorizationEndpoint: must be an https:// URL, got "http://auth.example.com/token"'],
    ],
    [
      "OAuth without a token-request parameter (the provider rejects it at plan)",
      {
        authorization: {
          oauth: { authorizationEndpoint: "https://auth.example.com/token", httpMethod: "POST", clientId: "c", bodyParameters: {} },
        },
      },
      [
        "authorization.oauth.bodyParameters: must list at least one parameter for the token request, e.g. {scope: forecast.read} (the AWS provider requires one), got {}",
      ],
    ],
    [
      "a name with spaces",
      { name: "My Service" },
      ['name: must be 1-64 characters of letters, digits and .-_ (EventBridge connection name; U+0020 not allowed), got "My Service"'],
    ],
    [
      "an API destination with credentials in its URL",
      { apiDestination: { endpoint: "https://user:pw@service1.example.com/", httpMethod: "GET" } },
      ['apiDestination.endpoint: must be an https:// URL, got "https://user:pw@service1.example.com/"'],
    ],
    [
      "an empty event pattern",
      { apiDestination: { endpoint: "https://service1.example.com/", httpMethod: "GET", rule: { eventPattern: {} } } },
      ["apiDestination.rule.eventPattern: must match something: an empty pattern is rejected by EventBridge, got {}"],
    ],
  ])("rejects %s", (_label, over, expected) => {
    expect(
      checkPrivateApiConnection({ ...base, ...over } as EventBridgeConnectionConfig).map(
        (p) => `${p.path}: ${p.rule}, got ${JSON.stringify(p.value)}`,
      ),
    ).toEqual(expected);
  });

  test("no secret value is ever written: every secret field of the synthesized JSON is a sensitive variable", () => {
    for (const c of Object.values(resourcesOf(tf, "aws_cloudwatch_event_connection"))) {
      const secret =
        c.auth_parameters.basic?.password ?? c.auth_parameters.api_key?.value ?? c.auth_parameters.oauth?.client_parameters?.client_secret;
      const name = /^\$\{var\.([a-z0-9_]+)\}$/.exec(secret)?.[1];
      expect(name).toBeDefined();
      expect((tf as Record<string, any>).variable[name!].sensitive).toBe(true); // eslint-disable-line @typescript-eslint/no-explicit-any
    }
    expect(consumer.text.match(/"(password|client_secret)": *"[^"]*"/g)).toEqual(['"password": "${var.eventbridge_myservice1_password}"']);
  });
});
