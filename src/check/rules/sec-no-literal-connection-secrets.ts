import { block, byType } from "../model";
import type { Rule } from "../rule";

/** SEC-2: EventBridge connection secrets come from variables or references, never literals (LAT-5). */
export const SEC_NO_LITERAL_CONNECTION_SECRETS: Rule = {
  id: "SEC-2",
  severity: "error",
  summary: "No literal secret in an EventBridge connection's authorization",
  explanation:
    "A password, API key value or OAuth client secret written as a literal ends up in the configuration and its repository; use a sensitive variable or a reference (LAT-5: secrets never appear in generated files).",
  fix: "Use var.<sensitive variable> (or a Secrets Manager reference) for the secret.",
  judgesInputs: true,
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    const literal = (v: unknown) => typeof v === "string" && v !== "" && !v.startsWith("${");
    for (const c of byType(m, "aws_cloudwatch_event_connection")) {
      const auth = block(c.values.auth_parameters) ?? {};
      const secrets = [block(auth.basic)?.password, block(auth.api_key)?.value, block(block(auth.oauth)?.client_parameters)?.client_secret];
      if (secrets.some(literal)) out.push({ status: "fail", address: c.address, message: "a secret is written as a literal" });
    }
    return out;
  },
};
