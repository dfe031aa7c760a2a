import { LAT_6 } from "../../src/check/rules/lat-6";
import { HTTP_INVOKE_RESOURCE } from "../../src/constructs/http-task-state-machine";
import { checkHttpTaskStateMachine } from "../../src/plan/lattice";
import { latticeConsumer, synthDeployment } from "../support/fixtures";
import { Attrs, clone, decodeJsonencode, ref, resourcesOf, ruleViolations, TerraformJson } from "../support/terraform-json";

const tf = synthDeployment(latticeConsumer()).tf;
const machine = resourcesOf(tf, "aws_sfn_state_machine").sfn_forecast;
const connectionArn = ref("aws_cloudwatch_event_connection", "eventbridge_myservice1", "arn");
const policies = resourcesOf(tf, "aws_iam_role_policy");

/** Rewrites one inline policy of a copy of the stack. */
function withPolicy(t: TerraformJson, name: string, edit: (doc: Attrs) => void): TerraformJson {
  const copy = clone(t);
  const doc = decodeJsonencode(copy.resource!.aws_iam_role_policy[name].policy);
  edit(doc);
  copy.resource!.aws_iam_role_policy[name].policy = JSON.stringify(doc);
  return copy;
}

describe("HttpTaskStateMachine", () => {
  describe("LAT-6: an HTTP Task calls the private API through the connection", () => {
    test("the definition's task is an HTTP Task on the URL and method, authenticated by the connection", () => {
      const task = decodeJsonencode(machine.definition).States.CallPrivateApi;
      expect(task).toMatchObject({
        Type: "Task",
        Resource: HTTP_INVOKE_RESOURCE,
        Parameters: {
          ApiEndpoint: "https://service1.example.com/forecast",
          Method: "GET",
          Authentication: { ConnectionArn: connectionArn },
        },
        End: true,
      });
      expect(task.Parameters["RequestBody.$"]).toBeUndefined(); // GET has no body
      expect(machine).toMatchObject({ name: "forecast", type: "STANDARD", role_arn: ref("aws_iam_role", "sfn_forecast", "arn") });
    });

    test("it retries throttling and gateway errors, and the HTTP Task's socket timeout (States.Http.Socket) a private connection can give while it comes up", () => {
      expect(decodeJsonencode(machine.definition).States.CallPrivateApi.Retry).toEqual([
        {
          ErrorEquals: [
            "States.Http.StatusCode.429",
            "States.Http.StatusCode.502",
            "States.Http.StatusCode.503",
            "States.Http.StatusCode.504",
          ],
          IntervalSeconds: 2,
          MaxAttempts: 3,
          BackoffRate: 2,
        },
        { ErrorEquals: ["States.Http.Socket"], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 2 },
      ]);
    });

    test("it logs to its own CloudWatch log group, without execution data, once the role may deliver logs", () => {
      expect(machine.logging_configuration).toEqual({
        log_destination: `${ref("aws_cloudwatch_log_group", "sfn_forecast", "arn")}:*`,
        level: "ALL",
        include_execution_data: false,
      });
      expect(resourcesOf(tf, "aws_cloudwatch_log_group").sfn_forecast).toEqual({
        name: "/aws/vendedlogs/states/forecast",
        retention_in_days: 30,
      });
      expect(machine.depends_on).toEqual(["aws_iam_role_policy.sfn_forecast_logging"]);
    });

    test("the role: trusted by Step Functions in this account only; the HTTP endpoint, the connection's credentials and secret, nothing more", () => {
      expect(decodeJsonencode(resourcesOf(tf, "aws_iam_role").sfn_forecast.assume_role_policy).Statement).toEqual([
        {
          Effect: "Allow",
          Principal: { Service: "states.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "444455556666" } },
        },
      ]);
      expect(decodeJsonencode(policies.sfn_forecast_http.policy).Statement).toEqual([
        {
          Sid: "InvokeThisEndpoint",
          Effect: "Allow",
          Action: "states:InvokeHTTPEndpoint",
          Resource: ref("aws_sfn_state_machine", "sfn_forecast", "arn"),
          Condition: { StringEquals: { "states:HTTPMethod": "GET", "states:HTTPEndpoint": "https://service1.example.com/forecast" } },
        },
        { Sid: "ConnectionCredentials", Effect: "Allow", Action: "events:RetrieveConnectionCredentials", Resource: connectionArn },
        {
          Sid: "ConnectionSecret",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          Resource: ref("aws_cloudwatch_event_connection", "eventbridge_myservice1", "secret_arn"),
        },
      ]);
      // Log delivery actions have no resource-level permissions: "*" is the documented resource, and the only one.
      const logging = decodeJsonencode(policies.sfn_forecast_logging.policy).Statement;
      expect(logging).toHaveLength(1);
      expect(logging[0].Action.every((a: string) => a.startsWith("logs:"))).toBe(true);
    });

    test("a POST sends the execution input as the request body", () => {
      const post = synthDeployment(
        latticeConsumer({
          stepFunctions: {
            stateMachines: [
              {
                name: "forecast",
                connection: "MyService1",
                endpoint: "https://service1.example.com/forecast",
                method: "POST",
                logLevel: "ERROR",
                includeExecutionData: false,
                logRetentionDays: 7,
              },
            ],
          },
        }),
      ).tf;
      const m = resourcesOf(post, "aws_sfn_state_machine").sfn_forecast;
      expect(decodeJsonencode(m.definition).States.CallPrivateApi.Parameters["RequestBody.$"]).toBe("$");
      expect(m.logging_configuration.level).toBe("ERROR");
    });

    test("the checker's LAT-6 passes the state machine and fails each broken part", () => {
      expect(ruleViolations(LAT_6, tf)).toEqual([]);
      const at = "aws_sfn_state_machine.sfn_forecast";
      const anyUrl = withPolicy(tf, "sfn_forecast_http", (d) => delete d.Statement[0].Condition);
      expect(ruleViolations(LAT_6, anyUrl)).toEqual([
        `${at}: its role aws_iam_role.sfn_forecast may call any URL or method: scope states:InvokeHTTPEndpoint with states:HTTPEndpoint and states:HTTPMethod`,
      ]);
      const everyConnection = withPolicy(tf, "sfn_forecast_http", (d) => (d.Statement[1].Resource = "*"));
      expect(ruleViolations(LAT_6, everyConnection)).toEqual([
        `${at}: its role aws_iam_role.sfn_forecast may retrieve every connection's credentials (Resource "*")`,
      ]);
      const everySecret = withPolicy(tf, "sfn_forecast_http", (d) => (d.Statement[2].Resource = "*"));
      expect(ruleViolations(LAT_6, everySecret)).toEqual([`${at}: its role aws_iam_role.sfn_forecast may read every secret`]);
      const noSecret = withPolicy(tf, "sfn_forecast_http", (d) => d.Statement.pop());
      expect(ruleViolations(LAT_6, noSecret)).toEqual([
        `${at}: its role aws_iam_role.sfn_forecast may not read the connection's secret (secretsmanager:GetSecretValue)`,
      ]);

      const noAuth = clone(tf);
      const def = decodeJsonencode(noAuth.resource!.aws_sfn_state_machine.sfn_forecast.definition);
      delete def.States.CallPrivateApi.Parameters.Authentication;
      noAuth.resource!.aws_sfn_state_machine.sfn_forecast.definition = JSON.stringify(def);
      delete noAuth.resource!.aws_sfn_state_machine.sfn_forecast.logging_configuration;
      expect(ruleViolations(LAT_6, noAuth)).toEqual([
        `${at}: has an HTTP Task without Authentication.ConnectionArn: it cannot reach a private API`,
        `${at}: does not log to CloudWatch Logs`,
      ]);
    });
  });

  test.each<[string, { name: string; endpoint: string; logRetentionDays?: number }, string[]]>([
    [
      "a plain-HTTP endpoint",
      { name: "forecast", endpoint: "http://service1.example.com/forecast" },
      ['endpoint: must be an https:// URL (HTTP Tasks call HTTPS APIs only), got "http://service1.example.com/forecast"'],
    ],
    [
      "a name with spaces",
      { name: "my forecast", endpoint: "https://service1.example.com/" },
      [
        'name: must be 1-80 characters of 0-9, A-Z, a-z, - and _ (Step Functions state machine name (with logging); U+0020 not allowed), got "my forecast"',
      ],
    ],
    [
      "a retention CloudWatch does not offer",
      { name: "forecast", endpoint: "https://service1.example.com/", logRetentionDays: 10 },
      [
        expect.stringMatching(
          /^logRetentionDays: must be one of CloudWatch Logs' periods: 1, 3, 5, 7, 14, 30, .*3653, got 10$/,
        ) as unknown as string,
      ],
    ],
  ])("rejects %s", (_label, props, expected) => {
    expect(
      checkHttpTaskStateMachine({
        connection: "c",
        method: "GET",
        logLevel: "ALL",
        includeExecutionData: false,
        logRetentionDays: 30,
        ...props,
      }).map((p) => `${p.path}: ${p.rule}, got ${JSON.stringify(p.value)}`),
    ).toEqual(expected);
  });
});
