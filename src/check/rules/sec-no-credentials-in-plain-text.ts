import { credentialIn } from "../../aws/credential-shapes";
import { block, byType } from "../model";
import type { Rule } from "../rule";

/** Plain-text maps a credential is often pasted into, by resource type. */
const PLAIN_TEXT: Readonly<Record<string, (values: Record<string, unknown>) => unknown>> = {
  aws_apprunner_service: (v) =>
    block(block(block(block(v.source_configuration)?.image_repository)?.image_configuration))?.runtime_environment_variables,
  aws_mwaa_environment: (v) => v.airflow_configuration_options,
  aws_lambda_function: (v) => block(v.environment)?.variables,
};

/** SEC-3: no credential in a plain-text environment variable or configuration option. */
export const SEC_NO_CREDENTIALS_IN_PLAIN_TEXT: Rule = {
  id: "SEC-3",
  severity: "error",
  summary: "No credential in plain-text environment variables or configuration options",
  explanation:
    "A value such as a connection URL with a password, an AWS access key ID or a private key, written into an environment variable or an Airflow configuration option, is stored in the configuration, its repository and the state in clear text; secrets belong in Secrets Manager or SSM, referenced by ARN.",
  fix: "Move the value to Secrets Manager (or SSM Parameter Store) and reference it: App Runner runtime_environment_secrets, an Airflow secrets backend, Lambda reading it at run time.",
  check(m) {
    const out: ReturnType<Rule["check"]> = [];
    for (const [type, fieldOf] of Object.entries(PLAIN_TEXT)) {
      for (const r of byType(m, type)) {
        const map = fieldOf(r.values);
        if (map === null || typeof map !== "object") continue;
        for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
          const credential = typeof value === "string" ? credentialIn(value) : undefined;
          // The value is never echoed: naming the key is enough to find it.
          if (credential) out.push({ status: "fail", address: r.address, message: `${key} carries ${credential}` });
        }
      }
    }
    return out;
  },
};
