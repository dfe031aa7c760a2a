import * as path from "path";
import { endpointServiceProblem } from "../../aws/endpoint-services";
import {
  airflowOpsOffered,
  executionRoleName,
  secretsManagerPrefixes,
  MWAA_FIPS_INTERFACE_ENDPOINTS,
  mwaaRequiredInterfaceEndpoints,
} from "../../aws/mwaa";
import { hasFipsEndpoints } from "../../aws/regions";
import { checkValue } from "../../aws/value-rules";
import type { MwaaConfig, MwaaEnvironmentConfig } from "../../config/schema";
import {
  airflowVersion,
  classLimits,
  DEFAULT_AIRFLOW_VERSION,
  majorOf,
  MWAA_AIRFLOW_VERSIONS,
  MWAA_DEPRECATED_AIRFLOW_VERSIONS,
  OPTIONS_BY_MAJOR,
  UNSUPPORTED_OPTIONS,
  versionChangeProblem,
  VERSIONS_SOURCE,
  WORKERS_QUOTA,
} from "../../aws/mwaa-versions";
import { joinPath, Problem } from "../../problems";
import type { LocalFiles, MwaaUpload, NetworkFacts } from "../types";
import { awsIdProblems } from "./shared";

/**
 * Problems with the `mwaa` block's network part; paths relative to the deployment. `networkValid`:
 * the network passed its own checks (otherwise its AZ problems are already reported there).
 */
export function checkMwaaNetwork(m: MwaaConfig, net: NetworkFacts, networkValid: boolean): Problem[] {
  const problems: Problem[] = [];
  const region = net.region;
  if (net.subnetIpAddressType === "ipv6") {
    problems.push({
      path: "mwaa",
      value: "network.ipv6: ipv6-only",
      rule: "must include IPv4: MWAA environments need IPv4 subnets (use ipv6: dualstack)",
    });
  }
  problems.push(...checkValue("mwaa.environmentName", m.environmentName, "mwaa.environment-name"));
  problems.push(...checkValue("mwaa.sourceBucketName", m.sourceBucketName, "s3.bucket-name"));
  if (networkValid && new Set(net.availabilityZones.slice(0, 2)).size < 2) {
    problems.push({
      path: "mwaa",
      value: net.availabilityZones,
      rule: "needs two private subnets in two different Availability Zones (MWAA-P2): the network has fewer",
    });
  }
  if (m.fipsAirflowEndpoints && !hasFipsEndpoints(region)) {
    problems.push({
      path: "mwaa.fipsAirflowEndpoints",
      value: true,
      rule: `needs a US or Canada Region; FIPS Airflow endpoints are not offered in ${region}`,
    });
  }
  if (m.airflowOpsEndpoint === true && airflowOpsOffered(region) === false) {
    problems.push({
      path: "mwaa.airflowOpsEndpoint",
      value: true,
      rule: `must not be true in ${region}: MWAA does not offer the airflow.ops endpoint service there (General Reference, MWAA endpoints table, read 2026-11-23)`,
    });
  }
  // s3 is already there as the gateway endpoint; an S3 interface endpoint beside it would need
  // private DNS for inbound resolver endpoints only, which is the PrivateLink feature's business.
  const required = net.routing === "private" ? ["s3", ...mwaaRequiredInterfaceEndpoints(region, m.airflowOpsEndpoint)] : [];
  const taken = new Set([...required, ...(m.fipsAirflowEndpoints ? MWAA_FIPS_INTERFACE_ENDPOINTS : [])]);
  m.extraEndpoints.forEach((name, i) => {
    const path = `mwaa.extraEndpoints[${i}]`;
    const serviceProblem = endpointServiceProblem(name, "Interface", region);
    if (serviceProblem) {
      problems.push({ path, value: name, rule: serviceProblem });
    } else if (net.providedEndpoints.includes(name)) {
      problems.push({ path, value: name, rule: "is provided by the VPC (existingNetwork.existingEndpoints): remove it here" });
    } else if (taken.has(name)) {
      problems.push({ path, value: name, rule: "is already created (a required MWAA endpoint, or listed twice): remove it" });
    }
    taken.add(name);
  });
  return problems;
}

/** The three files MWAA reads from the source bucket, with the extension each must have. */
export const MWAA_FILES = [
  ["plugins", ".zip"],
  ["requirements", ".txt"],
  ["startupScript", ".sh"],
] as const;

/** The configuration fields that name a local file to upload (read by the loader). */
export const MWAA_LOCAL_FILE_FIELDS = MWAA_FILES.map(([kind]) => `${kind}File` as const);

const DAY_TIME_RE = /^(MON|TUE|WED|THU|FRI|SAT|SUN):([01]\d|2[0-3]):(00|30)$/;
const S3_KEY_RE = /^[^/].*$/;
const KMS_KEY_ARN_RE = /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;

/** Problems with `mwaa.environment`; paths relative to the deployment (the account ID is checked by the caller). */
export function checkMwaaEnvironment(
  p: MwaaEnvironmentConfig,
  ctx: {
    routing: NetworkFacts["routing"];
    accountId: string;
    environmentName: string;
    files?: LocalFiles;
    /** The environment as the module last generated has it (src/synth/previous.ts). */
    previous?: PreviousEnvironment;
  },
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, rule: string) =>
    problems.push({ path: path.startsWith("!") ? path.slice(1) : `mwaa.environment.${path}`, value, rule });
  if (executionRoleName(ctx.environmentName).length > 64) {
    add(
      "!mwaa.environmentName",
      ctx.environmentName,
      `must be at most ${64 - executionRoleName("").length} characters when the environment is created (its execution role name is ${executionRoleName("<name>")})`,
    );
  }
  // Credentials in airflowConfigurationOptions: refused with every other free-text field (checks/secrets.ts).
  const secrets = secretsManagerPrefixes(p.airflowConfigurationOptions);
  if (secrets !== undefined && "problem" in secrets) {
    add("airflowConfigurationOptions.secrets.backend_kwargs", p.airflowConfigurationOptions?.["secrets.backend_kwargs"], secrets.problem);
  }
  if (p.webserverAccessMode === "PUBLIC_ONLY" && ctx.routing === "private") {
    add(
      "webserverAccessMode",
      p.webserverAccessMode,
      "must be PRIVATE_ONLY with private routing: a network with no internet access cannot serve a public web server (MWAA-P11)",
    );
  }
  if (p.webserverAccessMode === "PUBLIC_AND_PRIVATE")
    add(
      "webserverAccessMode",
      p.webserverAccessMode,
      "must be PRIVATE_ONLY or PUBLIC_ONLY: PUBLIC_AND_PRIVATE (MWAA API Reference, CreateEnvironment, Airflow 3.2 and later) is refused by hashicorp/aws 5.100.0, the provider this project runs (its validation takes PRIVATE_ONLY and PUBLIC_ONLY only); a hashicorp/aws 6.x release takes it (6.53.0 was seen accepting it, terraform-provider-aws #48909), see docs/cdktf-status.md",
    );
  const counts = resolvedCounts(p);
  const limits = classLimits(p.environmentClass);
  const whole = (field: string, value: number, [min, max]: readonly [number, number], why: string) => {
    const ok = Number.isInteger(value) && value >= min && value <= max;
    const range = min === max ? `equal to ${min}` : max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    if (!ok) add(field, value, `must be a whole number ${range}${why}`);
    return ok;
  };
  const classWhy = ` for ${p.environmentClass} (MWAA API Reference, CreateEnvironment, read 2026-12-02)`;
  // Workers: at least 1 (the API); 25 is a quota that can be raised: a warning, not a refusal.
  const minOk = whole("minWorkers", counts.minWorkers, [1, Number.MAX_SAFE_INTEGER], "");
  if (whole("maxWorkers", counts.maxWorkers, [1, Number.MAX_SAFE_INTEGER], "") && minOk && counts.maxWorkers < counts.minWorkers)
    add("maxWorkers", counts.maxWorkers, `must be at least minWorkers (${counts.minWorkers})`);
  whole("schedulers", counts.schedulers, limits.schedulers, classWhy);
  const minWeb = p.minWebservers === undefined || whole("minWebservers", p.minWebservers, limits.webservers, classWhy);
  const maxWeb = p.maxWebservers === undefined || whole("maxWebservers", p.maxWebservers, limits.webservers, classWhy);
  if (minWeb && maxWeb && p.minWebservers !== undefined && p.maxWebservers !== undefined && p.maxWebservers < p.minWebservers)
    add("maxWebservers", p.maxWebservers, `must be at least minWebservers (${p.minWebservers})`);
  problems.push(...airflowVersionProblems(p, counts.airflowVersion, ctx.previous));
  if (!DAY_TIME_RE.test(p.weeklyMaintenanceWindowStart)) {
    add(
      "weeklyMaintenanceWindowStart",
      p.weeklyMaintenanceWindowStart,
      "must be DAY:HH:MM in UTC on the hour or half hour, e.g. SUN:03:00",
    );
  }
  const paths: [string, string | undefined, string][] = [
    ["dagS3Path", p.dagS3Path, ""],
    ...MWAA_FILES.map(([kind, ext]): [string, string | undefined, string] => [`${kind}S3Path`, p[`${kind}S3Path`], ext]),
  ];
  for (const [field, value, ext] of paths) {
    if (value === undefined) continue;
    if (!S3_KEY_RE.test(value) || value.includes("..")) add(field, value, "must be a key inside the source bucket (no leading /, no ..)");
    else if (ext && !value.endsWith(ext)) add(field, value, `must name a ${ext} file`);
    else if (ext && p.createSourceBucket) {
      // MWAA reads the file when it creates the environment; the bucket this apply creates is
      // empty then, so the creation fails. A local file (requirementsFile, …) is uploaded first.
      add(
        field,
        value,
        `points into the source bucket this deployment creates, which is empty when MWAA creates the environment (it reads the file then, and fails): give the local file as ${field.replace("S3Path", "File")} (the module uploads it first), or use an existing bucket that holds it (createSourceBucket: false)`,
      );
    }
  }
  for (const [kind, ext] of MWAA_FILES) {
    const local = p[`${kind}File`];
    if (local === undefined) continue;
    if (p[`${kind}S3Path`] !== undefined) add(`${kind}File`, local, `must be left out with ${kind}S3Path: give the file one way`);
    const name = path.basename(local);
    if (!name.endsWith(ext)) add(`${kind}File`, local, `must name a ${ext} file`);
    else if (!/^[A-Za-z0-9._-]+$/.test(name))
      add(`${kind}File`, local, "must have a file name of letters, digits, . _ and - (it becomes the object key)");
    const read = ctx.files?.get(local);
    if (read === undefined) add(`${kind}File`, local, "was not read (a configuration given as text has no folder to read it from)");
    else if (!Buffer.isBuffer(read)) add(`${kind}File`, local, read.problem);
  }
  if (p.kmsKey !== undefined && p.kmsKey !== "create" && !KMS_KEY_ARN_RE.test(p.kmsKey)) {
    add("kmsKey", p.kmsKey, 'must be "create" or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)');
  }
  const extra = p.additionalSecurityGroupIds;
  if (extra.length > 4)
    add(
      "additionalSecurityGroupIds",
      extra,
      "must name at most 4 groups (MWAA accepts 1 to 5 security groups, and the environment's own is one)",
    );
  extra.forEach((id, i) => problems.push(...awsIdProblems(`mwaa.environment.additionalSecurityGroupIds[${i}]`, id, "sg")));
  return problems;
}

/** The local files to upload, read by the loader (call on checked input only). */
export function mwaaUploads(p: MwaaEnvironmentConfig, files: LocalFiles): MwaaUpload[] {
  return MWAA_FILES.flatMap(([kind]) => {
    const local = p[`${kind}File`];
    const content = local === undefined ? undefined : files.get(local);
    return local !== undefined && Buffer.isBuffer(content) ? [{ kind, key: path.basename(local), content }] : [];
  });
}

/** The counts and version of an environment, the configured ones or the class's defaults. */
export function resolvedCounts(p: MwaaEnvironmentConfig): {
  readonly airflowVersion: string;
  readonly schedulers: number;
  readonly minWorkers: number;
  readonly maxWorkers: number;
} {
  const limits = classLimits(p.environmentClass);
  return {
    airflowVersion: p.airflowVersion ?? DEFAULT_AIRFLOW_VERSION,
    schedulers: p.schedulers ?? limits.defaultSchedulers,
    minWorkers: p.minWorkers ?? 1,
    maxWorkers: p.maxWorkers ?? Math.max(limits.defaultMaxWorkers, p.minWorkers ?? 1),
  };
}

/**
 * The version against the catalogue (an unknown one, one MWAA no longer creates environments
 * with, an option the version does not take) and against the module last generated (a change of
 * major version, which the provider makes by replacing the environment).
 */
function airflowVersionProblems(p: MwaaEnvironmentConfig, version: string, previous: PreviousEnvironment | undefined): Problem[] {
  const problems: Problem[] = [];
  const at = (field: string) => `mwaa.environment.${field}`;
  const ended = MWAA_DEPRECATED_AIRFLOW_VERSIONS[version];
  const offeredList = MWAA_AIRFLOW_VERSIONS.map((v) => v.version).join(", ");
  // An environment already on a version past its end of support keeps it ("You can still use your
  // existing environments on deprecated versions and perform in-place updates").
  const keeps = previous?.airflowVersion === version;
  if (ended !== undefined && !keeps)
    problems.push({
      path: at("airflowVersion"),
      value: version,
      rule: `must be a version MWAA creates environments with: ${version} reached its end of support on ${ended} (${VERSIONS_SOURCE}); offered: ${offeredList}`,
    });
  else if (ended === undefined && airflowVersion(version) === undefined && !keeps)
    problems.push({
      path: at("airflowVersion"),
      value: p.airflowVersion,
      rule: `must be a version MWAA creates environments with: ${offeredList} (${VERSIONS_SOURCE})`,
    });
  if (previous?.airflowVersion !== undefined && p.airflowVersionChange === undefined) {
    const change = versionChangeProblem(previous.airflowVersion, version);
    if (change)
      problems.push({
        path: at("airflowVersion"),
        value: version,
        rule: `${change}; the module last generated in ${previous.file} has ${previous.airflowVersion}${p.airflowVersion === undefined ? ` (the default is now ${DEFAULT_AIRFLOW_VERSION}: set airflowVersion: ${previous.airflowVersion} to keep it)` : ""}. If the environment already runs ${version} (upgraded outside Terraform), or replacing it is what you want, say so in mwaa.environment.airflowVersionChange (upgraded-outside-terraform or replace)`,
      });
  }
  const major = majorOf(version);
  for (const [key, value] of Object.entries(p.airflowConfigurationOptions ?? {})) {
    const why = OPTIONS_BY_MAJOR[major]?.[key] ?? UNSUPPORTED_OPTIONS[key];
    if (why)
      problems.push({
        path: joinPath(at("airflowConfigurationOptions"), key),
        value,
        rule: `is refused with Airflow ${version}: ${key} ${why} (MWAA User Guide, Using Apache Airflow configuration options on Amazon MWAA, read 2026-12-02)`,
      });
  }
  return problems;
}

/** What the module last generated says of the environment (read by src/synth/previous.ts). */
export interface PreviousEnvironment {
  readonly airflowVersion?: string;
  /** The file it was read from, for the message. */
  readonly file: string;
}

/** Warnings on an environment's counts: above the workers quota, auto scaling asked of mw1.micro. */
export function mwaaEnvironmentWarnings(p: MwaaEnvironmentConfig, previous?: PreviousEnvironment): { path: string; message: string }[] {
  const counts = resolvedCounts(p);
  const warnings: { path: string; message: string }[] = [];
  // The guard against a major change reads the module last generated into --out; without one (a
  // fresh clone, --cdktf, another folder) an unpinned version cannot be compared with anything.
  if (p.airflowVersion === undefined && previous === undefined)
    warnings.push({
      path: "mwaa.environment.airflowVersion",
      message: `not given: ${DEFAULT_AIRFLOW_VERSION}, the newest version MWAA offers, is used, and no module generated earlier was found to compare with; if this environment already exists with another major version, hashicorp/aws replaces it on apply (its metadata database with it): set airflowVersion to the version it runs`,
    });
  if (counts.maxWorkers > WORKERS_QUOTA)
    warnings.push({
      path: "mwaa.environment.maxWorkers",
      message: `${counts.maxWorkers} workers is above MWAA's default quota of ${WORKERS_QUOTA} workers per environment: the apply fails unless the quota was raised for this account (MWAA User Guide, Amazon MWAA quotas, read 2026-12-02; Service Quotas can raise it)`,
    });
  if (!classLimits(p.environmentClass).autoScaling && counts.maxWorkers > counts.minWorkers)
    warnings.push({
      path: "mwaa.environment.maxWorkers",
      message: `mw1.micro does not support auto scaling (MWAA User Guide, Amazon MWAA environment class, read 2026-12-02): maxWorkers above minWorkers cannot be used; cannot verify whether MWAA refuses it or ignores it`,
    });
  return warnings;
}
