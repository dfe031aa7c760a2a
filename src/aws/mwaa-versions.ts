/**
 * The Apache Airflow versions Amazon MWAA creates environments with, and the ones it no longer
 * does, with what an environment class allows.
 *
 * Source for the versions: Amazon MWAA User Guide, "Apache Airflow versions on Amazon MWAA"
 * (https://docs.aws.amazon.com/mwaa/latest/userguide/airflow-versions.html), its supported and
 * deprecated versions tables, read 2026-12-02 (the library's stored copy, newest row v3.3.1,
 * available on MWAA September 1, 2026). "On the end of support date: You can no longer use a
 * deprecated version to create new Amazon MWAA environments. ... You can still use your existing
 * environments on deprecated versions and perform in-place updates."
 */

export interface AirflowVersion {
  readonly version: string;
  /** The date MWAA made it available (the table's "Amazon MWAA availability date"). */
  readonly availableSince: string;
  readonly python: string;
  /** The constraints file the guide names; a requirements.txt should name it (--constraint). */
  readonly constraintsUrl: string;
}

const offered = (version: string, availableSince: string, python: string): AirflowVersion => ({
  version,
  availableSince,
  python,
  constraintsUrl: `https://raw.githubusercontent.com/apache/airflow/constraints-${version}/constraints-${python}.txt`,
});

/** Versions MWAA creates new environments with, newest first (the guide's table order, by version). */
export const MWAA_AIRFLOW_VERSIONS: readonly AirflowVersion[] = [
  offered("3.3.1", "2026-09-01", "3.12"),
  offered("3.2.1", "2026-05-19", "3.12"),
  offered("3.0.6", "2025-10-01", "3.12"),
  offered("2.11.2", "2026-07-23", "3.12"),
  offered("2.11.0", "2026-01-07", "3.12"),
  offered("2.10.3", "2024-12-18", "3.11"),
  offered("2.10.1", "2024-09-26", "3.11"),
  offered("2.9.2", "2024-07-09", "3.11"),
  offered("2.8.1", "2024-02-23", "3.11"),
  offered("2.7.2", "2023-11-06", "3.11"),
];

/** The default: the newest version offered. */
export const DEFAULT_AIRFLOW_VERSION = MWAA_AIRFLOW_VERSIONS[0].version;

/** Deprecated versions and their end-of-support dates (the guide's deprecated versions table). */
export const MWAA_DEPRECATED_AIRFLOW_VERSIONS: Readonly<Record<string, string>> = {
  "1.10.12": "2024-02-21",
  "2.0.2": "2024-04-29",
  "2.2.2": "2024-06-27",
  "2.4.3": "2025-12-30",
  "2.5.1": "2025-12-30",
  "2.6.3": "2025-12-30",
};

export const VERSIONS_SOURCE = "MWAA User Guide, Apache Airflow versions on Amazon MWAA, read 2026-12-02";

export function airflowVersion(version: string): AirflowVersion | undefined {
  return MWAA_AIRFLOW_VERSIONS.find((v) => v.version === version);
}

export function majorOf(version: string): number {
  return Number(version.split(".")[0]);
}

/**
 * Whether an environment made on `from` can be changed to `to` in place with this project's
 * provider, and if not, the way the guide gives.
 *
 * MWAA User Guide, "Changing the Apache Airflow version" (upgrading-environment), read
 * 2026-12-02: "To perform a major version upgrade, for example from version 2.y.z to 3.y.z, you
 * must first perform a minor upgrade to the latest Airflow 2.11.x version followed by upgrade to
 * 3.x. Alternatively, to perform a major upgrade from Airflow 2.10.3 and below, you need to create
 * a new environment and migrate your resources. You can also downgrade from Airflow version 3.y.z
 * to Airflow version 2.11.x."
 * hashicorp/aws (aws_mwaa_environment, CustomizeDiff since 5.2.0, #31833) forces replacement when
 * the major version grows: the provider this project runs (5.100.0) would destroy the environment
 * and its metadata database and make a new one, so a major upgrade is never generated in place.
 */
export function versionChangeProblem(from: string, to: string): string | undefined {
  if (from === to || majorOf(from) === majorOf(to)) return undefined;
  if (majorOf(to) > majorOf(from)) {
    const via = from.startsWith("2.11.")
      ? "MWAA upgrades a 2.11.x environment to 3.x in place, but hashicorp/aws 5.100.0 (the provider this project runs) replaces the environment on a major upgrade, losing its metadata database: upgrade it outside Terraform (aws mwaa update-environment --airflow-version) and then set this version"
      : `MWAA upgrades ${from} to ${majorOf(to)}.x only through 2.11.x (upgrade to the latest 2.11.x first), or by a new environment and a migration; and hashicorp/aws 5.100.0 (the provider this project runs) replaces the environment on a major upgrade, losing its metadata database: set the latest 2.11.x first, or add a new deployment beside this one and migrate`;
    return `changes the environment from Airflow ${from} to ${to}, a major upgrade: ${via} (MWAA User Guide, Changing the Apache Airflow version, read 2026-12-02)`;
  }
  if (!to.startsWith("2.11."))
    return `changes the environment from Airflow ${from} to ${to}: MWAA downgrades 3.x only to 2.11.x (MWAA User Guide, Changing the Apache Airflow version, read 2026-12-02)`;
  return undefined;
}

/**
 * Airflow configuration options MWAA does not take on one major version, with the reason and what
 * to use instead. MWAA User Guide, "Using Apache Airflow configuration options on Amazon MWAA"
 * (configuring-env-variables), read 2026-12-02: `webserver.default_ui_timezone` and
 * `scheduler.scheduler_zombie_task_threshold` are "Not available in Apache Airflow v3";
 * "triggerer.default_capacity (in v2) / triggerer.capacity (in v3)"; `core.multi_team` and
 * `triggerer.queues_enabled` are listed as not supported (multi-team mode "is incompatible with
 * Amazon MWAA authentication", airflow-versions page).
 */
export const OPTIONS_BY_MAJOR: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  2: { "triggerer.capacity": "is the Airflow 3 name: Airflow 2 on MWAA takes triggerer.default_capacity" },
  3: {
    "webserver.default_ui_timezone": "is not available in Airflow 3 on MWAA",
    "scheduler.scheduler_zombie_task_threshold": "is not available in Airflow 3 on MWAA",
    "triggerer.default_capacity": "is the Airflow 2 name: Airflow 3 on MWAA takes triggerer.capacity",
  },
};
export const UNSUPPORTED_OPTIONS: Readonly<Record<string, string>> = {
  "core.multi_team":
    "MWAA does not support Airflow's multi-team mode (incompatible with its authentication, the CeleryExecutor and environment-level secrets)",
  "triggerer.queues_enabled": "MWAA does not support it",
};

/**
 * What an environment class allows for schedulers and web servers, and its defaults. MWAA API
 * Reference, CreateEnvironment (read 2026-12-02 in the MWAA API model, aws/api-models-aws
 * mwaa-2020-07-01.json): Schedulers "v2 - For environments larger than mw1.micro, accepts values
 * from 2 to 5. Defaults to 2 for all environment sizes except mw1.micro, which defaults to 1";
 * MinWebservers and MaxWebservers "For environments larger than mw1.micro, accepts values from 2
 * to 5. Defaults to 2 for all environment sizes except mw1.micro, which defaults to 1". For
 * mw1.micro the reference gives only the default, 1: it is taken as the only value.
 * Workers: at least 1 (the API model's minimum); 25 per environment is a quota that can be raised
 * (MWAA User Guide, Amazon MWAA quotas: "Workers per environment ... 25 ... Yes"); "mw1.micro does
 * not support auto-scaling" (MWAA User Guide, Amazon MWAA environment class).
 */
export function classLimits(environmentClass: string): {
  readonly schedulers: readonly [number, number];
  readonly webservers: readonly [number, number];
  readonly defaultSchedulers: number;
  readonly defaultMaxWorkers: number;
  readonly autoScaling: boolean;
} {
  return environmentClass === "mw1.micro"
    ? { schedulers: [1, 1], webservers: [1, 1], defaultSchedulers: 1, defaultMaxWorkers: 1, autoScaling: false }
    : { schedulers: [2, 5], webservers: [2, 5], defaultSchedulers: 2, defaultMaxWorkers: 10, autoScaling: true };
}

/** Workers per environment, MWAA's default quota (adjustable). */
export const WORKERS_QUOTA = 25;
