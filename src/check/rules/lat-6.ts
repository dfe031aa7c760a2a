import { decodePolicy } from "../policy-document";
import { block, byType, referencedAddress, TfModel } from "../model";
import type { Rule } from "../rule";

const HTTP_INVOKE = "arn:aws:states:::http:invoke";

type Statement = { Effect?: string; Action?: unknown; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> };

/** Statements of the inline policies attached to a role (by `${aws_iam_role.x.id}` or `.name`). */
function roleStatements(m: TfModel, roleAddress: string): Statement[] {
  return byType(m, "aws_iam_role_policy")
    .filter((p) => referencedAddress(p.values.role) === roleAddress)
    .flatMap((p) => {
      const doc = decodePolicy(p.values.policy);
      return doc ? ([] as Statement[]).concat(doc.Statement ?? []) : [];
    });
}

const actions = (s: Statement) => ([] as unknown[]).concat(s.Action ?? []).map(String);
const resources = (s: Statement) => ([] as unknown[]).concat(s.Resource ?? []).map(String);

/** The HTTP Task states of a definition, at any depth (Parallel branches, Map iterators). */
function httpTasks(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => httpTasks(n, out));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.Type === "Task" && o.Resource === HTTP_INVOKE) out.push(o);
    Object.values(o).forEach((v) => httpTasks(v, out));
  }
  return out;
}

export const LAT_6: Rule = {
  id: "LAT-6",
  severity: "error",
  summary: "A Step Functions HTTP Task calls the private API through a connection, with a least-privilege role and logging",
  explanation:
    "A workflow calls the private API with an HTTP Task (arn:aws:states:::http:invoke) whose Authentication names the EventBridge connection; its role may invoke that URL and method only, retrieve that connection's credentials and read that connection's secret. The same connection can serve an EventBridge API destination.",
  fix: "Set Parameters.Authentication.ConnectionArn; scope states:InvokeHTTPEndpoint with states:HTTPEndpoint and states:HTTPMethod conditions, events:RetrieveConnectionCredentials to the connection and secretsmanager:GetSecretValue/DescribeSecret to its secret_arn; set logging_configuration.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const sm of byType(m, "aws_sfn_state_machine")) {
      const definition = decodePolicy(sm.values.definition);
      if (definition === undefined) {
        out.push({
          status: "unverifiable",
          address: sm.address,
          message: "its definition is not a JSON document this checker can read (in a plan: it names values known only after apply)",
        });
        continue;
      }
      const tasks = httpTasks(definition);
      if (tasks.length === 0) continue;
      const fail = (message: string) => out.push({ status: "fail", address: sm.address, message });
      for (const t of tasks) {
        const params = (t.Parameters ?? {}) as Record<string, unknown>;
        const connection = (params.Authentication as Record<string, unknown> | undefined)?.ConnectionArn;
        if (!connection) fail("has an HTTP Task without Authentication.ConnectionArn: it cannot reach a private API");
        else if (
          !String(connection).startsWith("${aws_cloudwatch_event_connection.") &&
          !/^arn:aws:events:[^:]+:\d{12}:connection\//.test(String(connection))
        ) {
          fail(`has an HTTP Task whose ConnectionArn ${JSON.stringify(connection)} is not an EventBridge connection`);
        }
      }
      const logging = block(sm.values.logging_configuration);
      if (!logging || !logging.log_destination || logging.level === "OFF") fail("does not log to CloudWatch Logs");

      const role = referencedAddress(sm.values.role_arn);
      if (!role) {
        out.push({
          status: "unverifiable",
          address: sm.address,
          message: "its role is defined outside this configuration: its permissions cannot be checked",
        });
        continue;
      }
      const statements = roleStatements(m, role).filter((s) => s.Effect === "Allow");
      const invoke = statements.filter((s) => actions(s).some((a) => a === "states:InvokeHTTPEndpoint" || a === "states:*" || a === "*"));
      if (invoke.length === 0) fail(`its role ${role} may not call states:InvokeHTTPEndpoint`);
      for (const s of invoke) {
        const conditions = Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c));
        if (actions(s).some((a) => a !== "states:InvokeHTTPEndpoint"))
          fail(`its role ${role} grants ${actions(s).join(", ")} together with the HTTP endpoint permission`);
        if (!conditions.includes("states:HTTPEndpoint") || !conditions.includes("states:HTTPMethod"))
          fail(
            `its role ${role} may call any URL or method: scope states:InvokeHTTPEndpoint with states:HTTPEndpoint and states:HTTPMethod`,
          );
      }
      const retrieve = statements.filter((s) => actions(s).includes("events:RetrieveConnectionCredentials"));
      if (retrieve.length === 0)
        fail(`its role ${role} may not retrieve the connection's credentials (events:RetrieveConnectionCredentials)`);
      if (retrieve.some((s) => resources(s).includes("*")))
        fail(`its role ${role} may retrieve every connection's credentials (Resource "*")`);
      const secret = statements.filter((s) => actions(s).includes("secretsmanager:GetSecretValue"));
      if (secret.length === 0) fail(`its role ${role} may not read the connection's secret (secretsmanager:GetSecretValue)`);
      if (secret.some((s) => resources(s).some((r) => r === "*" || r === "arn:aws:secretsmanager:*:*:secret:*")))
        fail(`its role ${role} may read every secret`);
    }
    return out;
  },
};
