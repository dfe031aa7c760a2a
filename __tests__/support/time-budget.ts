/**
 * Time limits that follow the machine instead of a fixed number a loaded machine trips: each is
 * the time the step needs on a quiet 2-core machine, with room, times the slowdown jest.config.js
 * measured when the run started (a fixed CPU workload against its quiet time; 1 when quiet, 2.5
 * measured with two other CPU-bound processes on two cores, 2026-12-02). PRIVATE_ROUTING_TIME_FACTOR set by hand
 * overrides the measurement.
 */
export function timeFactor(): number {
  const f = Number(process.env.PRIVATE_ROUTING_TIME_FACTOR);
  return Number.isFinite(f) && f >= 1 ? f : 1;
}

/** `quietMs` (already with room: about three times what the step took on a quiet machine) scaled by the measured slowdown. */
export function budget(quietMs: number): number {
  return Math.ceil(quietMs * timeFactor());
}
