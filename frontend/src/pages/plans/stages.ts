import type { TFunction } from 'i18next';

/** The stages of a draw as the server records them (drawProgress), in order. */
export const STAGES = ['INPUTS_LOADED', 'SEED_COMPUTED', 'OBJECTS_SELECTED', 'TEAMS_MATCHED', 'STORED'] as const;

export interface StageEvent {
  attempt: number;
  stage: string;
  detail: string;
}

/** The Steps state of a draw from the stages received so far. */
export function stepsState(events: readonly StageEvent[]): { current: number; failed: boolean } {
  let current = -1;
  let failed = false;
  for (const e of events) {
    if (e.stage === 'FAILED') failed = true;
    const i = STAGES.indexOf(e.stage as (typeof STAGES)[number]);
    if (i > current) current = i;
  }
  return { current, failed };
}

/** The stages of the newest attempt only: the subscription replays every attempt of the plan. */
export function latestAttempt(events: readonly StageEvent[]): StageEvent[] {
  const last = events.reduce((n, e) => Math.max(n, e.attempt), 0);
  return events.filter((e) => e.attempt === last);
}

export interface StepItem {
  title: string;
  description?: string;
  status: 'error' | 'finish' | 'process' | 'wait';
}

/**
 * The items of an antd Steps for one attempt: finished up to current, the
 * step after it in progress while running, and on failure the step that
 * failed, with the reason the server gave.
 */
export function stageSteps(events: readonly StageEvent[], current: number, failed: boolean, running: boolean, t: TFunction): StepItem[] {
  const failedAt = failed ? Math.max(current + 1, 0) : -1;
  const failedDetail = events.find((e) => e.stage === 'FAILED')?.detail;
  return STAGES.map((s, i) => ({
    title: t(`draws.stage.${s}`),
    description: i === failedAt && failedDetail ? failedDetail : events.find((e) => e.stage === s)?.detail,
    status: i === failedAt ? 'error' : i <= current ? 'finish' : running && i === current + 1 ? 'process' : 'wait',
  }));
}
