import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { latestAttempt, stageSteps, stepsState } from './stages';

const ev = (stage: string, attempt = 1, detail = '') => ({ attempt, stage, detail });
const t = ((k: string) => k) as unknown as TFunction;

describe('stepsState', () => {
  it('follows the stages and notices a failure', () => {
    expect(stepsState([])).toEqual({ current: -1, failed: false });
    expect(stepsState([ev('INPUTS_LOADED'), ev('SEED_COMPUTED')])).toEqual({ current: 1, failed: false });
    expect(stepsState([ev('INPUTS_LOADED'), ev('SEED_COMPUTED'), ev('OBJECTS_SELECTED'), ev('FAILED')])).toEqual({ current: 2, failed: true });
  });
});

describe('latestAttempt', () => {
  it('keeps the stages of the newest attempt', () => {
    const events = [ev('INPUTS_LOADED', 1), ev('FAILED', 1), ev('INPUTS_LOADED', 2), ev('SEED_COMPUTED', 2)];
    expect(latestAttempt(events).map((e) => `${e.attempt}:${e.stage}`)).toEqual(['2:INPUTS_LOADED', '2:SEED_COMPUTED']);
    expect(latestAttempt([])).toEqual([]);
  });
});

describe('stageSteps', () => {
  it('marks finished, running and waiting steps', () => {
    const events = [ev('INPUTS_LOADED', 1, '3000 个对象')];
    const items = stageSteps(events, 0, false, true, t);
    expect(items.map((i) => i.status)).toEqual(['finish', 'process', 'wait', 'wait', 'wait']);
    expect(items[0]).toEqual({ title: 'draws.stage.INPUTS_LOADED', description: '3000 个对象', status: 'finish' });
  });
  it('puts the failure, with its reason, on the step after the last one finished', () => {
    const events = [ev('INPUTS_LOADED'), ev('SEED_COMPUTED'), ev('OBJECTS_SELECTED'), ev('FAILED', 1, '第 3 位对象无人可派')];
    const { current, failed } = stepsState(events);
    const items = stageSteps(events, current, failed, false, t);
    expect(items.map((i) => i.status)).toEqual(['finish', 'finish', 'finish', 'error', 'wait']);
    expect(items[3].description).toBe('第 3 位对象无人可派');
  });
});
