import { describe, expect, it, vi } from 'vitest';
import { evidenceUrl, failureParams, fetchPublicDraws, parseEvidence, publicDrawPath } from './publicDraws';

describe('public draws', () => {
  it('reads a page and its next link', async () => {
    const f = vi.fn(async () => new Response(JSON.stringify({ draws: [{ id: 'x', plan_uid: 'P' }], next: '/public/draws?before=x' })));
    const page = await fetchPublicDraws('/public/draws', f as unknown as typeof fetch);
    expect(page.draws).toHaveLength(1);
    expect(page.next).toBe('/public/draws?before=x');
  });
  it('fails on an HTTP error', async () => {
    const f = vi.fn(async () => new Response('no', { status: 500 }));
    await expect(fetchPublicDraws('/public/draws', f as unknown as typeof fetch)).rejects.toThrow('HTTP 500');
  });
  it('builds the evidence address and parses a document', () => {
    expect(evidenceUrl('a/b')).toBe('/public/draws/a%2Fb/evidence.json');
    expect(parseEvidence('{"strata":[],"selections":[]}').selections).toEqual([]);
    expect(() => parseEvidence('{}')).toThrow();
  });
  it('addresses a draw’s public page, with its plan for a failed attempt', () => {
    expect(publicDrawPath('a/b')).toBe('/open/draws/a%2Fb');
    expect(publicDrawPath('k', 'PLAN-2026-0002')).toBe('/open/draws/k?plan=PLAN-2026-0002');
  });
  it('names the department of a failure by its name and code', () => {
    const failure = { rank: 1, uid: '91330106MA2AXXXX0X', department: 'SCJG' };
    expect(failureParams(failure, [{ code: 'SCJG', name: '市场监管局' }])).toEqual({ rank: 1, uid: failure.uid, department: '市场监管局（SCJG）' });
    expect(failureParams(failure, [{ code: 'WSJ', name: '卫健委' }]).department).toBe('SCJG');
    expect(failureParams(failure).department).toBe('SCJG');
  });
});
