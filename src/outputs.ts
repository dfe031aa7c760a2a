/**
 * Output names that are part of a generated module's contract with its readers, the checker among
 * them: defined once, used by the construct that writes the output and by src/check/model.ts.
 */

/** The endpoint services an existing VPC already has (`existingNetwork.existingEndpoints`). */
export const PROVIDED_BY_VPC_OUTPUT = "provided_by_vpc_endpoints";
/** A spoke's output: {hub, services}, the services its hub serves it (read by the checker, MWAA-P5). */
export const PROVIDED_BY_HUB_OUTPUT = "provided_by_hub_endpoints";

/**
 * The writer's own folder in an output folder (`<out>/.private-routing/`): staged files and the
 * journal of a switch in progress (src/synth/write-tree.ts); the checker warns when a journal is
 * left there by a synth that was stopped.
 */
export const WRITER_WORK_DIR = ".private-routing";

/**
 * The file the writer puts in every module folder while it switches the folder's files, and takes
 * out when done (src/synth/write-tree.ts): Terraform refuses to run beside it, and the checker warns.
 */
export const SWITCH_GUARD_FILE = "private-routing-synth-in-progress.tf";

/**
 * Requirements a deployment relaxed on purpose (rule ID → why, e.g. `allowSingleAz` → PL-1): an
 * output, because a plan (`terraform show -json`) keeps outputs but drops the `//` comment where
 * the JSON module also records them; the checker reports those findings as accepted warnings from
 * a plan, a folder or a file alike. Hand-written Terraform may declare one the same way.
 */
export const ACCEPTED_DEVIATIONS_OUTPUT = "private_routing_accepted";
