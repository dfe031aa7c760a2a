import { fromNode, readRegularText } from "../files";

/** One resource of a Terraform configuration, whatever format it was read from. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** `aws_vpc.network`; in a module, with its path and instance keys: `module.vpc.aws_subnet.private[0]` */
  readonly address: string;
  /** Arguments as Terraform JSON writes them; references are `${address.attr}` strings (`${module.vpc.aws_vpc.this.id}`). */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * Arguments the configuration sets but whose value cannot be known here (after apply, from an input
   * with no value, or from an expression the reader does not evaluate), with why. Absent from `values`;
   * a rule that reads one reports "cannot verify" (see run.ts).
   */
  readonly unknown?: Readonly<Record<string, string>>;
  /** Where the resource is written (file as given, 1-based line), for SARIF and editors; absent when not found. */
  readonly location?: SourceLocation;
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** A root module, read from Terraform JSON or HCL, for the checker's rules. */
export interface TfModel {
  readonly source: string;
  readonly format: "json" | "hcl" | "plan";
  readonly resources: readonly TfResource[];
  /** Profiles recorded by private-routing under `//.private_routing.profiles`, if any. */
  readonly profiles?: readonly string[];
  /** Requirements the configuration deliberately relaxed, recorded by private-routing (`//.private_routing.accepted`): rule ID → why. */
  readonly accepted?: Readonly<Record<string, string>>;
  /** Endpoint services the VPC already has, from the output `provided_by_vpc_endpoints` private-routing writes: present though not in this code. */
  readonly providedByVpc?: readonly string[];
  /** A spoke's record (output `provided_by_hub_endpoints`): the hub that serves it these services. Claimed, not seen: verified only with the hub's module alongside. */
  readonly providedByHub?: HubClaim;
  /**
   * The hubs checked together with this module (`check HUB SPOKE…`), each with the services it is
   * seen to serve (an interface endpoint with a private hosted zone of the service's name).
   * Set only on a spoke (a record, or zone associations) when other modules were given.
   */
  readonly hubs?: readonly HubOffer[];
  /**
   * Other modules checked together that make endpoints in a VPC this module names by ID (a shared
   * VPC's owner half beside its participant half): their services count as present here.
   */
  readonly sameVpc?: readonly VpcOffer[];
  /**
   * Other modules checked together that run an MWAA environment in a VPC where this module makes
   * endpoints (a shared VPC's participant half beside its owner half), by source.
   */
  readonly environmentsInVpc?: readonly string[];
  readonly region?: string;
  /** The aws provider's `default_tags.tags`, when written as a literal map. */
  readonly defaultTags?: Readonly<Record<string, unknown>>;
  /** The files read, in order (for findings that concern the whole module). */
  readonly files?: readonly string[];
  /** Module instances read besides the root (`module.vpc`, `module.endpoints["a"]`). */
  readonly modules?: readonly string[];
  /** Module calls that were not followed (registry or git sources in a folder), with why. */
  readonly notFollowed?: readonly string[];
  /** The `source` of every module call in a configuration folder (followed or not), for profile detection. */
  readonly moduleSources?: readonly string[];
  /** The arguments of the module calls not followed, as text: what they are asked to build (endpoint service names). */
  readonly unfollowedArguments?: string;
}

export interface HubClaim {
  readonly hub: string;
  readonly services: readonly string[];
}

export interface HubOffer {
  /** The hub module as given to the checker (folder, file or plan). */
  readonly source: string;
  readonly services: readonly string[];
}

export interface VpcOffer {
  /** The module as given to the checker. */
  readonly source: string;
  /** The VPC, by the literal ID both modules name. */
  readonly vpcId: string;
  /** Services it makes endpoints for in that VPC (interface and gateway alike, by short name). */
  readonly services: readonly string[];
}

/** The `provided_by_hub_endpoints` output's value, when it has the shape private-routing writes. */
export function hubClaimFrom(value: unknown): HubClaim | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as { hub?: unknown; services?: unknown };
  return typeof v.hub === "string" && Array.isArray(v.services) ? { hub: v.hub, services: v.services.map(String) } : undefined;
}

/** How an argument set from an input variable with no value begins its reason in `TfResource.unknown` (SEC-2 judges inputs itself). */
export const INPUT = "set from input";

/**
 * Attributes a reference keeps as a reference (`${aws_subnet.a.id}`) rather than as a value: the
 * identities rules follow (IDs, ARNs, names, endpoint service names) and a VPC's or subnet's own address range, which rules
 * can judge without knowing it (a VPC's range is never "anywhere"). A reference to any other
 * attribute stands for its value: known when the configuration sets it, else known only after apply.
 */
export function isIdentityAttribute(attr: string): boolean {
  return /^(id|arn|name|bucket|cidr_block|ipv6_cidr_block|service_name|[a-z0-9_]+_(id|arn|ids|arns|service))$/.test(attr);
}

/**
 * What private-routing records in a module it generates, under the `//` key Terraform ignores (our
 * HCL carries the same in header comments, turned into this shape by the reader): its profiles,
 * and the requirements the configuration relaxed on purpose. Anything else there is ignored.
 */
export function recordedMetadata(doc: Readonly<Record<string, unknown>>): { profiles?: string[]; accepted?: Record<string, string> } {
  const meta = (doc["//"] as { private_routing?: { profiles?: unknown; accepted?: unknown } } | undefined)?.private_routing;
  const profiles = Array.isArray(meta?.profiles) ? meta.profiles.map(String) : undefined;
  const accepted =
    meta?.accepted && typeof meta.accepted === "object" && !Array.isArray(meta.accepted) && Object.keys(meta.accepted).length > 0
      ? Object.fromEntries(Object.entries(meta.accepted as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
      : undefined;
  return { profiles, accepted };
}

/** Thrown for input the checker cannot read (exit code 2). */
export class CheckInputError extends Error {}

// A resource instance address: optional module path (`module.a.`, `module.b["k"].`), then
// `type.name` with an optional instance key (`[0]`, `["eu-west-1a"]`).
const KEY = String.raw`(?:\[(?:\d+|"[^"]*")\])?`;
const ADDRESS = String.raw`(?:module\.[A-Za-z0-9_-]+${KEY}\.)*[A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_-]+${KEY}`;
const REFERENCE = new RegExp(String.raw`^\$\{(${ADDRESS})\.[A-Za-z0-9_]+\}$`);

/** `${aws_vpc.network.id}` → `aws_vpc.network`, `${module.vpc.aws_subnet.private[0].id}` → `module.vpc.aws_subnet.private[0]`; anything else → undefined. */
export function referencedAddress(value: unknown): string | undefined {
  return REFERENCE.exec(String(value))?.[1];
}

/** The resource type of an address (`module.vpc.aws_subnet.private[0]` → `aws_subnet`). */
export function typeOfAddress(address: string | undefined): string | undefined {
  const m = /(?:^|\.)([A-Za-z][A-Za-z0-9_]*)\.[A-Za-z0-9_-]+(?:\[(?:\d+|"[^"]*")\])?$/.exec(address ?? "");
  return m?.[1];
}

/** Whether a value references a resource of this type (`${module.x.aws_s3_bucket.dags.arn}` is one of `aws_s3_bucket`). */
export function refersTo(value: unknown, type: string): boolean {
  return typeOfAddress(referencedAddress(value)) === type;
}

/** A nested block: cdktf writes one as an object, hcl2json as a one-element list. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
}

/** A repeated block or list: always a list. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function byType(model: TfModel, type: string): TfResource[] {
  return model.resources.filter((r) => r.type === type);
}

/**
 * Our bound on one file the checker reads, not Terraform's: a plan of thousands of resources is
 * tens of megabytes; above 256 MiB the text would near V8's longest string (2^29 characters).
 */
const INPUT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The text of one input file, or a CheckInputError (exit 2) saying why it cannot be read: a pipe,
 * a device or a folder is refused without reading (a FIFO would block the check for ever).
 */
export function readInput(file: string): string {
  try {
    return readRegularText(file, INPUT_MAX_BYTES);
  } catch (e) {
    const err = fromNode(e, file);
    throw new CheckInputError(`${file}: cannot be read (${err.code}: ${err.message})`);
  }
}

/**
 * The value of the ACCEPTED_DEVIATIONS_OUTPUT output (src/outputs.ts) as rule ID → why, when it is
 * an object of rule IDs (MWAA-P2, PL-1, …) to text; anything else is no acceptance at all.
 */
export function acceptedFromOutput(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    // A rule ID, or a rule ID and one resource address (that resource's violations only).
    ([k, v]) => /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+( [A-Za-z0-9_.[\]"-]+)?$/.test(k) && typeof v === "string",
  ) as [string, string][];
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
