import { Construct, Fn, Op, TerraformVariable } from "../cdk/cdktf";
import {
  CloudwatchEventApiDestination,
  CloudwatchEventConnection,
  CloudwatchEventRule,
  CloudwatchEventTarget,
  IamRole,
  IamRolePolicy,
} from "../cdk/aws";
import type { CloudwatchEventConnectionAuthParameters } from "../cdk/aws";
import { safeText } from "../aws/value-rules";
import { OAUTH_HTTP_METHODS, roleName } from "../aws/names";
import type { HttpMethod } from "../aws/names";
import { futureReadableName } from "./readable-names";
import { group } from "./scope";

/** How EventBridge authorizes calls. Exactly one; secret values come from sensitive Terraform variables. */
export interface ConnectionAuthorization {
  readonly basic?: { readonly username: string };
  /** The header that carries the key, e.g. `x-api-key`. */
  readonly apiKey?: { readonly name: string };
  readonly oauth?: {
    readonly authorizationEndpoint: string;
    readonly httpMethod: (typeof OAUTH_HTTP_METHODS)[number];
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
    const auth = props.authorization;
    const secret = (varId: string, what: string) => {
      const v = new TerraformVariable(this, varId, {
        type: "string",
        sensitive: true,
        description: `${what} of the EventBridge connection ${props.name}. Sensitive: export TF_VAR_${futureReadableName(this, varId)} from your secret store, or set a sensitive workspace variable; never write it in a file`,
      });
      // An empty secret would be accepted by the API and fail only at the first call.
      v.addValidation({
        condition: Op.gte(Fn.lengthOf(v.stringValue), 1),
        errorMessage: `${what} of the EventBridge connection ${props.name} must not be empty.`,
      });
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
            Statement: [
              { Sid: "InvokeThisDestination", Effect: "Allow", Action: "events:InvokeApiDestination", Resource: this.apiDestination.arn },
            ],
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
