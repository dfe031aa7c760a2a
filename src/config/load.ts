import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { checkExistingNetwork } from "../constructs/existing-network";
import { checkMwaaEnvironmentProps } from "../constructs/mwaa-environment";
import { checkMwaaNetworkProps, mwaaEndpointServices } from "../constructs/mwaa-network";
import { checkAppRunnerConnector } from "../constructs/apprunner-connector";
import { checkAppRunnerService } from "../constructs/apprunner-service";
import { checkPrivateLinkEndpoints } from "../constructs/privatelink-endpoints";
import { checkBackend } from "../stacks/backend";
import { deploymentEndpointRequests } from "./endpoint-requests";
import { checkLatticeConfig } from "./lattice-checks";
import type { NetworkSubnet } from "../constructs/network";
import { checkSubnetLayout, planPrivateSubnets, Routing, subnetIpAddressTypeOf } from "../net/subnet-layout";
import { joinPath, Problem, repeatedKeys, under } from "../problems";
import { configSchema, DeploymentsConfig } from "./schema";

/** The configuration could not be read or is invalid; `problems` says why, one entry per problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    this.name = "ConfigError";
  }
}

/** Reads, parses and validates a configuration file (.json, .yaml or .yml). Throws ConfigError. */
export function loadConfig(file: string): DeploymentsConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, [{ path: file, value: undefined, rule: `must be a readable file (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  return parseConfig(text, file);
}

/** Parses and validates configuration text; the format follows the file name's extension. */
export function parseConfig(text: string, file: string): DeploymentsConfig {
  const ext = path.extname(file).toLowerCase();
  let raw: unknown;
  try {
    if (ext === ".json") raw = JSON.parse(text);
    else if (ext === ".yaml" || ext === ".yml") raw = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
    else throw new ConfigError(file, [{ path: file, value: ext || "(none)", rule: "must have the extension .json, .yaml or .yml" }]);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    // YAML's pretty errors end their first line with "at line L, column C:"; the rest is an excerpt.
    const reason = (e as Error).message.split("\n")[0].replace(/:$/, "");
    throw new ConfigError(file, [{ path: file, value: undefined, rule: `must be valid ${ext === ".json" ? "JSON" : "YAML"} (${reason})` }]);
  }

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.flatMap((i) => issueToProblems(i, raw)));

  const problems = checkConfig(parsed.data);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return parsed.data;
}

/** Rules the schema cannot express: CIDR arithmetic, AZs of the Region, uniqueness, endpoint names. */
export function checkConfig(config: DeploymentsConfig): Problem[] {
  const problems: Problem[] = [];
  const repeatedNames = repeatedKeys(config.deployments, (d) => d.name);
  config.deployments.forEach((d, i) => {
    const at = `deployments[${i}]`;
    const first = repeatedNames.get(i);
    if (first !== undefined) problems.push({ path: `${at}.name`, value: d.name, rule: `must be unique; deployments[${first}] has the same name` });

    let privateSubnets: NetworkSubnet[] = [];
    let routing: Routing = "private";
    if ((d.network === undefined) === (d.existingNetwork === undefined)) {
      problems.push({ path: at, value: Object.keys(d).filter((k) => k.toLowerCase().includes("network")), rule: "must have exactly one of network (a new VPC) and existingNetwork" });
    } else if (d.network) {
      const layout = { region: d.region, ...d.network };
      const layoutProblems = checkSubnetLayout(layout);
      problems.push(...under(`${at}.network`, layoutProblems));
      routing = d.network.routing;
      // MWAA checks need the planned subnets; with a broken layout they were reported above.
      if (layoutProblems.length === 0) privateSubnets = planPrivateSubnets(layout).map((s) => ({ availabilityZone: s.availabilityZone, subnetId: "" }));
    } else if (d.existingNetwork) {
      const existingProblems = checkExistingNetwork({ region: d.region, ...d.existingNetwork });
      problems.push(...under(`${at}.existingNetwork`, existingProblems));
      if (existingProblems.length === 0) privateSubnets = [...d.existingNetwork.privateSubnets];
    }

    const subnetIpAddressType = subnetIpAddressTypeOf(d.network?.ipv6);
    if (d.mwaa && privateSubnets.length > 0) {
      const mwaaProblems = checkMwaaNetworkProps({ ...d.mwaa, network: { region: d.region, routing, privateSubnets, subnetIpAddressType } });
      for (const p of mwaaProblems) {
        if (p.path === "network.subnetIpAddressType") problems.push({ path: `${at}.mwaa`, value: "network.ipv6: ipv6-only", rule: p.rule });
        else if (!p.path.startsWith("network.")) problems.push(...under(`${at}.mwaa`, [p]));
      }
    }
    const requests = deploymentEndpointRequests(d, routing);
    if (requests.length > 0 && privateSubnets.length > 0) {
      const endpointProblems = checkPrivateLinkEndpoints({
        network: { region: d.region, privateSubnets, subnetIpAddressType, vpcCidrBlock: d.network?.cidrBlock ?? d.existingNetwork?.cidrBlock },
        namePrefix: d.name,
        endpoints: requests.map((r) => r.request),
        policy: d.endpoints?.policy,
        allowSingleAz: d.network?.allowSingleAz,
        resolverInbound: d.endpoints?.resolverInboundEndpoint,
        servicesTaken: d.mwaa ? mwaaEndpointServices(routing, d.mwaa) : [],
      });
      for (const p of endpointProblems) {
        // `services[k]…` is the k-th request: point at the configuration entry it came from.
        const m = /^services\[(\d+)\](.*)$/.exec(p.path);
        problems.push({ ...p, path: m ? `${at}.${requests[Number(m[1])].path}${m[2]}` : `${at}.endpoints.${p.path}` });
      }
      if (d.existingNetwork && d.existingNetwork.cidrBlock === undefined && requests.some((r) => r.request.type !== "Gateway")) {
        problems.push({ path: `${at}.existingNetwork.cidrBlock`, value: undefined, rule: "is required with interface endpoints (their security group admits the VPC's block)" });
      }
    }
    if (d.apprunner && privateSubnets.length > 0) {
      const a = d.apprunner;
      // The connector only ever uses the private subnets, so APR-2 cannot be broken from here.
      const { problems: connectorProblems } = checkAppRunnerConnector({ ...a, name: a.connectorName, network: { privateSubnets, subnetIpAddressType } });
      problems.push(...under(`${at}.apprunner`, connectorProblems));
      const repeatedServices = repeatedKeys(a.services, (svc) => svc.name);
      a.services.forEach((svc, i) => {
        problems.push(...under(`${at}.apprunner.services[${i}]`, checkAppRunnerService(svc)));
        const first = repeatedServices.get(i);
        if (first !== undefined) problems.push({ path: `${at}.apprunner.services[${i}].name`, value: svc.name, rule: `must be unique; services[${first}] has the same name` });
      });
    }
    if ((d.lattice || d.eventBridge || d.stepFunctions) && privateSubnets.length > 0) {
      problems.push(...under(at, checkLatticeConfig(d, { subnetIpAddressType, vpcCidrBlock: d.network?.cidrBlock ?? d.existingNetwork?.cidrBlock })));
    }
    if (d.mwaa?.environment) {
      if (d.accountId === undefined) {
        problems.push({ path: `${at}.accountId`, value: undefined, rule: "is required when mwaa.environment is set (the execution role's ARNs are scoped to the account)" });
      } else {
        const envProblems = checkMwaaEnvironmentProps({ ...d.mwaa.environment, routing, region: d.region, accountId: d.accountId, environmentName: d.mwaa.environmentName, sourceBucketName: d.mwaa.sourceBucketName });
        for (const p of envProblems) {
          const path = p.path === "accountId" ? `${at}.accountId` : p.path === "environmentName" ? `${at}.mwaa.environmentName` : `${at}.mwaa.environment.${p.path}`;
          problems.push({ ...p, path });
        }
      }
    } else if (d.accountId !== undefined && !/^\d{12}$/.test(d.accountId)) {
      problems.push({ path: `${at}.accountId`, value: d.accountId, rule: "must be a 12-digit AWS account ID" });
    }

    problems.push(...under(`${at}.backend`, checkBackend(d.backend)));
  });
  return problems;
}

function issueToProblems(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const at = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) =>
      SECRET_KEY_RE.test(key)
        ? // Not echoed: a secret written into the configuration is exactly what must not spread further.
          { path: joinPath(at, key), value: "(hidden)", rule: "must not be in the configuration: secret values come from sensitive Terraform variables (see the generated README's inputs), never from files" }
        : { path: joinPath(at, key), value: valueAt(raw, [...issue.path, key]), rule: "is not a known key (see schema/private-routing.schema.json)" },
    );
  }
  if (issue.code === "invalid_key") {
    // A map key that breaks its rule (a tag key): the key is the value, the inner issue the rule.
    return [{ path: at, value: issue.path[issue.path.length - 1], rule: issue.issues[0]?.message ?? "is not an allowed key" }];
  }
  const value = valueAt(raw, issue.path);
  if (value === undefined) return [{ path: at, value, rule: "is required" }];
  if (issue.code === "invalid_type") return [{ path: at, value, rule: `must be ${article(issue.expected)}` }];
  return [{ path: at, value, rule: issue.message }];
}

/** Keys that would carry a secret value (password, clientSecret, apiKeyValue, token, …). */
const SECRET_KEY_RE = /(password|passwd|secret|token|credential|^value$|apikeyvalue|privatekey)/i;

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : joinPath(acc, String(k))), "");
}

function valueAt(raw: unknown, p: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of p) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
