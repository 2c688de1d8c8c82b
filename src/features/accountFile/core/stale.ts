/** Two plans of the same file, compared by their changes' ids: what a fresh plan adds and drops. */
import type { Plan, PlannedChange } from './plan';

export interface PlanDiff {
  added: PlannedChange[];
  dropped: PlannedChange[];
}

export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const was = new Set(before.changes.map((c) => c.id));
  const now = new Set(after.changes.map((c) => c.id));
  return { added: after.changes.filter((c) => !was.has(c.id)), dropped: before.changes.filter((c) => !now.has(c.id)) };
}
