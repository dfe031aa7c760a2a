import { Construct, Fn, Op, TerraformVariable } from "../cdk/cdktf";
import { CloudwatchEventApiDestination, CloudwatchEventConnection, CloudwatchEventRule, CloudwatchEventTarget, IamRole, IamRolePolicy } from "../cdk/aws";
import type { CloudwatchEventConnectionAuthParameters } from "../cdk/aws";
import { checkValue, safeText } from "../aws/value-rules";
import { isHttpsUrl, roleName } from "../aws/names";
import { assertNoProblems, Problem } from "../problems";
import { futureReadableName } from "../stacks/readable-stack";
import { group } from "./scope";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/** How EventBridge authorizes calls. Exactly one; secret values come from sensitive Terraform variables. */
export interface ConnectionAuthorization {
  readonly basic?: { readonly username: string };
  /** The header that carries the key, e.g. `x-api-key`. */
  readonly apiKey?: { readonly name: string };
  readonly oauth?: {
    readonly authorizationEndpoint: string;
    readonly httpMethod: "GET" | "POST" | "PUT";
    readonly clientId: string;
    /** Non-secret parameters for the token request (e.g. scope); at least one, as the provider requires. */
    readonly bodyParameters: Readonly<Record<string, string>>;
  };
}

export interface PrivateApiConnectionProps {
  /** 1–64 letters, digits, `.`, `-` and `_`. */
  readonly name: string;
  /** Prefix of IAM role names. */
  readonly namePrefix: string;
  /** @default - "Private API through VPC Lattice resource configuration" */
  readonly description?: string;
  /** The VPC Lattice resource configuration of the private API (an ARN or a reference). */
  readonly resourceConfigurationArn: string;
  readonly authorization: ConnectionAuthorization;
  /** Non-secret parameters added to every call (e.g. queryString `{Action: Forecast}`). @default - none */
  readonly invocationParameters?: {
    readonly queryString?: Readonly<Record<string, string>>;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: Readonly<Record<string, string>>;
  };
  /** An EventBridge API destination using the connection, with an optional rule. @default - none */
  readonly apiDestination?: {
    readonly endpoint: string;
    readonly httpMethod: HttpMethod;
    /** @default - EventBridge's default (300) */
    readonly rateLimitPerSecond?: number;
    readonly rule?: { readonly eventBusName?: string; readonly eventPattern: Readonly<Record<string, unknown>> };
  };
}

/** Parameter names that would carry a secret: those belong in the authorization, from a sensitive variable. */
const SECRET_PARAMETER_RE = /(authorization|password|passwd|secret|token|api[-_]?key|credential|private[-_]?key)/i;

/** Problems with a connection's props; paths relative to `eventBridge.connections[i]`. */
export function checkPrivateApiConnection(p: Omit<PrivateApiConnectionProps, "namePrefix" | "resourceConfigurationArn">): Problem[] {
  const problems: Problem[] = [];
  // The API destination takes the connection's name too (same rule).
  problems.push(...checkValue("name", p.name, "events.connection-name"));
  problems.push(...checkValue("description", p.description, "events.connection-description"));
  const kinds = (["basic", "apiKey", "oauth"] as const).filter((k) => p.authorization[k] !== undefined);
  if (kinds.length !== 1) problems.push({ path: "authorization", value: kinds, rule: "must give exactly one of basic, apiKey and oauth (LAT-5)" });
  const oauth = p.authorization.oauth;
  if (oauth && !isHttpsUrl(oauth.authorizationEndpoint)) problems.push({ path: "authorization.oauth.authorizationEndpoint", value: oauth.authorizationEndpoint, rule: "must be an https:// URL" });
  if (oauth && Object.keys(oauth.bodyParameters ?? {}).length === 0) {
    // hashicorp/aws 5.100.0 rejects an oauth_http_parameters block with no parameter at plan time.
    problems.push({ path: "authorization.oauth.bodyParameters", value: oauth.bodyParameters, rule: "must list at least one parameter for the token request, e.g. {scope: forecast.read} (the AWS provider requires one)" });
  }
  if (p.authorization.apiKey && !/^[A-Za-z0-9-]{1,512}$/.test(p.authorization.apiKey.name)) {
    problems.push({ path: "authorization.apiKey.name", value: p.authorization.apiKey.name, rule: "must be an HTTP header name (letters, digits and -)" });
  }
  const params: [string, Readonly<Record<string, string>> | undefined][] = [
    ["invocationParameters.queryString", p.invocationParameters?.queryString],
    ["invocationParameters.headers", p.invocationParameters?.headers],
    ["invocationParameters.body", p.invocationParameters?.body],
    ["authorization.oauth.bodyParameters", oauth?.bodyParameters],
  ];
  for (const [at, map] of params) {
    for (const key of Object.keys(map ?? {})) {
      // Not echoed: the value is most likely the secret itself.
      if (SECRET_PARAMETER_RE.test(key)) {
        problems.push({ path: `${at}.${key}`, value: "(hidden)", rule: "looks like a secret: parameters here are written into generated files; use authorization (basic, apiKey or oauth), whose secret comes from a sensitive Terraform variable (LAT-5)" });
      }
    }
  }
  const d = p.apiDestination;
  if (d) {
    if (!isHttpsUrl(d.endpoint)) problems.push({ path: "apiDestination.endpoint", value: d.endpoint, rule: "must be an https:// URL" });
    if (d.rateLimitPerSecond !== undefined && (!Number.isInteger(d.rateLimitPerSecond) || d.rateLimitPerSecond < 1)) {
      problems.push({ path: "apiDestination.rateLimitPerSecond", value: d.rateLimitPerSecond, rule: "must be a whole number of at least 1" });
    }
    if (d.rule && Object.keys(d.rule.eventPattern).length === 0) problems.push({ path: "apiDestination.rule.eventPattern", value: d.rule.eventPattern, rule: "must match something: an empty pattern is rejected by EventBridge" });
    if (d.rule?.eventBusName !== undefined && !/^[/.\-_A-Za-z0-9]{1,256}$/.test(d.rule.eventBusName)) {
      problems.push({ path: "apiDestination.rule.eventBusName", value: d.rule.eventBusName, rule: "must be an event bus name (letters, digits, ., -, _ and /)" });
    }
  }
  return problems;
}

/**
 * An EventBridge connection to a private API (LAT-5): API type private, through the VPC Lattice
 * resource configuration; its authorization's secret (password, API key or OAuth client secret)
 * is a sensitive Terraform variable, so no secret is ever written to generated files (EventBridge
 * keeps it in a Secrets Manager secret of its own, `secret_arn`). The same connection serves Step
 * Functions HTTP Tasks and, optionally, an API destination that a rule on a bus targets (LAT-6),
 * with a role allowed to invoke that destination only.
 */
export class PrivateApiConnection extends Construct {
  readonly connection: CloudwatchEventConnection;
  /** The sensitive variables this connection reads, by Terraform name. */
  readonly secretVariables: readonly TerraformVariable[];
  readonly apiDestination?: CloudwatchEventApiDestination;
  readonly rule?: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: PrivateApiConnectionProps) {
    super(scope, id);
    assertNoProblems(checkPrivateApiConnection(props));
    const auth = props.authorization;
    const secret = (varId: string, what: string) => {
      const v = new TerraformVariable(this, varId, {
        type: "string",
        sensitive: true,
        description: `${what} of the EventBridge connection ${props.name}. Sensitive: export TF_VAR_${futureReadableName(this, varId)} from your secret store, or set a sensitive workspace variable; never write it in a file`,
      });
      // An empty secret would be accepted by the API and fail only at the first call.
      v.addValidation({ condition: Op.gte(Fn.lengthOf(v.stringValue), 1), errorMessage: `${what} of the EventBridge connection ${props.name} must not be empty.` });
      return v;
    };
    const params = (m: Readonly<Record<string, string>> | undefined) => {
      const list = Object.entries(m ?? {}).map(([key, value]) => ({ key, value, isValueSecret: false }));
      return list.length > 0 ? list : undefined;
    };
    const invocation = props.invocationParameters;
    const invocationHttpParameters =
      invocation && (invocation.queryString || invocation.headers || invocation.body)
        ? { queryString: params(invocation.queryString), header: params(invocation.headers), body: params(invocation.body) }
        : undefined;

    let authorizationType: string;
    let variable: TerraformVariable;
    let authParameters: CloudwatchEventConnectionAuthParameters;
    if (auth.basic) {
      authorizationType = "BASIC";
      variable = secret("password", "Basic authorization password");
      authParameters = { basic: { username: auth.basic.username, password: variable.stringValue } };
    } else if (auth.apiKey) {
      authorizationType = "API_KEY";
      variable = secret("api_key", `API key (header ${auth.apiKey.name})`);
      authParameters = { apiKey: { key: auth.apiKey.name, value: variable.stringValue } };
    } else {
      const o = auth.oauth!;
      authorizationType = "OAUTH_CLIENT_CREDENTIALS";
      variable = secret("client_secret", `OAuth client secret (client ${o.clientId})`);
      authParameters = {
        oauth: {
          authorizationEndpoint: o.authorizationEndpoint,
          httpMethod: o.httpMethod,
          clientParameters: { clientId: o.clientId, clientSecret: variable.stringValue },
          oauthHttpParameters: { body: params(o.bodyParameters) },
        },
      };
    }
    this.secretVariables = [variable];
    this.connection = new CloudwatchEventConnection(this, "Default", {
      name: props.name,
      description: props.description ?? "Private API through a VPC Lattice resource configuration",
      authorizationType,
      authParameters: { ...authParameters, invocationHttpParameters },
      invocationConnectivityParameters: { resourceParameters: { resourceConfigurationArn: props.resourceConfigurationArn } },
    });

    const d = props.apiDestination;
    if (d) {
      this.apiDestination = new CloudwatchEventApiDestination(this, "destination", {
        name: props.name,
        description: safeText("events.api-destination-description", `Private API ${d.endpoint} through the connection ${props.name}`),
        connectionArn: this.connection.arn,
        invocationEndpoint: d.endpoint,
        httpMethod: d.httpMethod,
        invocationRateLimitPerSecond: d.rateLimitPerSecond,
      });
      if (d.rule) {
        const bus = d.rule.eventBusName ?? "default";
        this.rule = new CloudwatchEventRule(this, "rule", {
          // Rule names are limited to 64 characters, like connection names: cut the name, keep the suffix.
          name: `${props.name.slice(0, 64 - "-to-api".length)}-to-api`,
          description: `Sends matching events to the API destination ${props.name}`,
          eventBusName: bus,
          eventPattern: JSON.stringify(d.rule.eventPattern),
          state: "ENABLED",
        });
        const role = new IamRole(group(this, "_role"), "target", {
          name: roleName(props.namePrefix, props.name, "api-destination"),
          description: `EventBridge rule ${props.name}-to-api: invokes the API destination ${props.name} only`,
          assumeRolePolicy: Fn.jsonencode({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }],
          }),
        });
        new IamRolePolicy(group(this, "_policy"), "target", {
          name: "invoke-api-destination",
          role: role.id,
          policy: Fn.jsonencode({
            Version: "2012-10-17",
            Statement: [{ Sid: "InvokeThisDestination", Effect: "Allow", Action: "events:InvokeApiDestination", Resource: this.apiDestination.arn }],
          }),
        });
        new CloudwatchEventTarget(group(this, "_target"), "target", {
          rule: this.rule.name,
          eventBusName: bus,
          targetId: "api-destination",
          arn: this.apiDestination.arn,
          roleArn: role.arn,
          retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 },
        });
      }
    }
  }
}
