import { Construct, Fn } from "../cdk/cdktf";
import { CloudwatchLogGroup, IamRole, IamRolePolicy, SfnStateMachine } from "../cdk/aws";
import { safeText } from "../aws/value-rules";
import { HTTP_METHODS_WITH_BODY, roleName } from "../aws/names";
import type { HttpMethod } from "../aws/names";
import { group } from "./scope";

/** The Step Functions resource of an HTTP Task. */
export const HTTP_INVOKE_RESOURCE = "arn:aws:states:::http:invoke";

export interface HttpTaskStateMachineProps {
  readonly name: string;
  /** Prefix of the role's name. */
  readonly namePrefix: string;
  /** The EventBridge connection (private API type) the task authenticates and connects with. */
  readonly connectionArn: string;
  /** The Secrets Manager secret EventBridge keeps the connection's credentials in. */
  readonly connectionSecretArn: string;
  /** The https:// URL the task calls; the role may call this URL with this method only. */
  readonly endpoint: string;
  readonly method: HttpMethod;
  /** @default "ALL" */
  readonly logLevel?: "ALL" | "ERROR" | "FATAL";
  /** @default false */
  readonly includeExecutionData?: boolean;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** Scopes the trust policy to this account (confused-deputy guard). @default - no condition */
  readonly accountId?: string;
}

/**
 * A Step Functions state machine whose HTTP Task (`arn:aws:states:::http:invoke`) calls a private
 * API through an EventBridge connection (LAT-6), logging to CloudWatch Logs. Its role has the
 * permissions the Step Functions guide lists for HTTP Tasks and no more: `states:InvokeHTTPEndpoint`
 * on this state machine for this URL and method, `events:RetrieveConnectionCredentials` on this
 * connection, and `secretsmanager:GetSecretValue`/`DescribeSecret` on the connection's secret
 * (https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html#connect-http-task-permissions).
 */
export class HttpTaskStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: HttpTaskStateMachineProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(group(this, "_logs"), "Default", {
      // The /aws/vendedlogs/ prefix keeps CloudWatch Logs resource policies short for vended logs.
      name: `/aws/vendedlogs/states/${props.name}`,
      retentionInDays: props.logRetentionDays ?? 30,
    });
    this.role = new IamRole(group(this, "_role"), "Default", {
      name: roleName(props.namePrefix, props.name, "sfn"),
      description: safeText(
        "iam.role-description",
        `Step Functions ${props.name}: calls ${props.method} ${props.endpoint} through its EventBridge connection`,
      ),
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "states.amazonaws.com" },
            Action: "sts:AssumeRole",
            ...(props.accountId ? { Condition: { StringEquals: { "aws:SourceAccount": props.accountId } } } : {}),
          },
        ],
      }),
    });
    // Step Functions checks at creation that the role may deliver logs, so this policy comes first.
    const logging = new IamRolePolicy(group(this, "_policy_logs"), "logging", {
      name: "cloudwatch-logs-delivery",
      role: this.role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "LogDelivery",
            Effect: "Allow",
            // These CloudWatch Logs delivery actions support no resource-level permissions:
            // https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html
            Action: [
              "logs:CreateLogDelivery",
              "logs:GetLogDelivery",
              "logs:UpdateLogDelivery",
              "logs:DeleteLogDelivery",
              "logs:ListLogDeliveries",
              "logs:PutResourcePolicy",
              "logs:DescribeResourcePolicies",
              "logs:DescribeLogGroups",
            ],
            Resource: "*",
          },
        ],
      }),
    });
    const withBody = HTTP_METHODS_WITH_BODY.includes(props.method);
    this.stateMachine = new SfnStateMachine(this, "Default", {
      name: props.name,
      type: "STANDARD",
      roleArn: this.role.arn,
      definition: Fn.jsonencode({
        Comment: `Calls the private API ${props.endpoint} through an EventBridge connection (VPC Lattice)`,
        StartAt: "CallPrivateApi",
        States: {
          CallPrivateApi: {
            Type: "Task",
            Resource: HTTP_INVOKE_RESOURCE,
            Parameters: {
              ApiEndpoint: props.endpoint,
              Method: props.method,
              Authentication: { ConnectionArn: props.connectionArn },
              ...(withBody ? { "RequestBody.$": "$" } : {}),
            },
            Retry: [
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
              {
                // The HTTP Task's own socket timeout (60 s): expected while a private connection
                // through VPC Lattice is still coming up, so retried with a longer backoff. See
                // "Handling errors in Step Functions workflows", States.Http.Socket,
                // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
                // (read 2026-11-23).
                ErrorEquals: ["States.Http.Socket"],
                IntervalSeconds: 10,
                MaxAttempts: 3,
                BackoffRate: 2,
              },
            ],
            End: true,
          },
        },
      }),
      loggingConfiguration: {
        logDestination: `${this.logGroup.arn}:*`,
        level: props.logLevel ?? "ALL",
        includeExecutionData: props.includeExecutionData ?? false,
      },
      dependsOn: [logging],
    });
    new IamRolePolicy(group(this, "_policy_http"), "http", {
      name: "invoke-private-api",
      role: this.role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "InvokeThisEndpoint",
            Effect: "Allow",
            Action: "states:InvokeHTTPEndpoint",
            Resource: this.stateMachine.arn,
            Condition: { StringEquals: { "states:HTTPMethod": props.method, "states:HTTPEndpoint": props.endpoint } },
          },
          { Sid: "ConnectionCredentials", Effect: "Allow", Action: "events:RetrieveConnectionCredentials", Resource: props.connectionArn },
          {
            Sid: "ConnectionSecret",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            Resource: props.connectionSecretArn,
          },
        ],
      }),
    });
  }
}
