import { describe, expect, it } from 'vitest';
import { chinaWallClockToRFC3339, formatDate, formatDateTime } from './time';

describe('time in China Standard Time', () => {
  it('shows UTC instants in Asia/Shanghai', () => {
    expect(formatDateTime('2026-11-24T16:30:05Z')).toBe('2026-11-25 00:30:05');
    expect(formatDate('2026-11-24T16:30:05Z')).toBe('2026-11-25');
    expect(formatDateTime(null)).toBe('');
  });
  it('writes wall-clock China times as RFC 3339 with +08:00, normalising overflow', () => {
    expect(chinaWallClockToRFC3339(2026, 11, 25)).toBe('2026-11-25T00:00:00+08:00');
    expect(chinaWallClockToRFC3339(2026, 12, 32)).toBe('2027-01-01T00:00:00+08:00');
    expect(chinaWallClockToRFC3339(2026, 2, 28, 23, 59, 59)).toBe('2026-02-28T23:59:59+08:00');
  });
});
