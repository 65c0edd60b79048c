import { describe, expect, it } from 'vitest';
import { stepsState } from './DrawCeremonyPage';

describe('stepsState', () => {
  it('follows the stages and notices a failure', () => {
    expect(stepsState([])).toEqual({ current: -1, failed: false });
    const ev = (stage: string) => ({ attempt: 1, stage, detail: '' });
    expect(stepsState([ev('INPUTS_LOADED'), ev('SEED_COMPUTED')])).toEqual({ current: 1, failed: false });
    expect(stepsState([ev('INPUTS_LOADED'), ev('SEED_COMPUTED'), ev('OBJECTS_SELECTED'), ev('FAILED')])).toEqual({ current: 2, failed: true });
  });
});
