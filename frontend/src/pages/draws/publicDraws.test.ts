import { describe, expect, it, vi } from 'vitest';
import { evidenceUrl, fetchPublicDraws, parseEvidence } from './publicDraws';

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
});
