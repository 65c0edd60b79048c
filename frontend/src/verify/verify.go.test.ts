// Differential test against the Go reference verifier (draw.Verify): every
// document below goes to both, as the same bytes, and the reports must be
// identical — ok, selections and not-checked parts, or the same check and
// the same reason word for word. It needs Go, so it runs only with
// SUIJI_VERIFY_GO=1 (from the repository root or frontend/):
//
//	SUIJI_VERIFY_GO=1 npx vitest run frontend/src/verify/verify.go.test.ts

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawEvidence, publicForm } from './testdraw';
import { deepChanges, mutations, randomInput } from './testmutate';
import { type EvidenceDocument, verifyEvidence } from './verify';

const repoRoot = path.resolve(__dirname, '../../..');
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, 'testdata/draw-vectors.json'), 'utf8')) as {
  cases: { name: string; input?: unknown; expected?: EvidenceDocument; document?: unknown }[];
};

interface Sample {
  what: string;
  bytes: Uint8Array;
  /** The value JSON.parse gives, when the text is plain JSON of a document (no decode trickery). */
  value?: unknown;
}

const fromDoc = (what: string, doc: unknown): Sample => {
  const text = JSON.stringify(doc);
  return { what, bytes: Buffer.from(text, 'utf8'), value: JSON.parse(text) };
};
const fromText = (what: string, text: string | Uint8Array): Sample => ({
  what,
  bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
});

function samples(): Sample[] {
  const out: Sample[] = [];
  const withForms = (name: string, doc: EvidenceDocument, allMutations: boolean) => {
    const forms: [string, unknown][] = [
      ['whole', doc],
      ['public with population', publicForm(doc, true)],
      ['public', publicForm(doc, false)],
    ];
    for (const [form, d] of forms) {
      out.push(fromDoc(`${name} ${form}`, d));
      const ms = mutations(d);
      const step = allMutations ? 1 : Math.max(1, Math.floor(ms.length / 40));
      for (let k = 0; k < ms.length; k += step) out.push(fromDoc(`${name} ${form}: ${ms[k].what}`, ms[k].doc));
    }
  };
  for (const c of vectors.cases) {
    if (c.expected) withForms(c.name, c.expected, true);
    if (c.expected) for (const m of deepChanges(c.expected)) out.push(fromDoc(`${c.name}: ${m.what}`, m.doc));
    if (c.document) out.push(fromDoc(c.name, c.document));
  }
  for (let n = 1; n <= 150; n++) {
    const r = drawEvidence(randomInput(n));
    if (r.doc) withForms(`random ${n}`, r.doc, n <= 10);
    if (r.doc) for (const m of deepChanges(r.doc)) out.push(fromDoc(`random ${n}: ${m.what}`, m.doc));
  }
  // Text the JSON.parse route cannot see: the strict decoder's cases.
  const doc = JSON.stringify(vectors.cases[0].expected, null, 1);
  const edits: [string, string, string][] = [
    ['key as a number', '"key": "177377054609984595"', '"key": 177377054609984595'],
    ['key with a leading zero', '"key": "177377054609984595"', '"key": "0177377054609984595"'],
    ['key with a sign', '"key": "177377054609984595"', '"key": "+177377054609984595"'],
    ['key above 2^64-1', '"key": "177377054609984595"', '"key": "18446744073709551616"'],
    ['key 2^64-1', '"key": "177377054609984595"', '"key": "18446744073709551615"'],
    ['unknown key', '"cap": null', '"cap": null, "extra": 1'],
    ['repeated key', '"cap": null', '"cap": null, "cap": 2'],
    ['repeated key inside', '"rank": 1,', '"rank": 1, "rank": 1,'],
    ['null population', '"population": [', '"population": null, "x": ['],
    ['fraction', '"population_size": 40', '"population_size": 40.0'],
    ['exponent', '"population_size": 40', '"population_size": 4e1'],
    ['negative zero', '"population_size": 40', '"population_size": -0'],
    ['leading zero', '"population_size": 40', '"population_size": 040'],
    ['number above 2^53-1', '"population_size": 40', '"population_size": 9007199254740992'],
    ['17 digits', '"population_size": 40', '"population_size": 10000000000000000'],
    ['string for a number', '"population_size": 40', '"population_size": "40"'],
    ['lone surrogate', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN-\\ud800"'],
    ['low surrogate first', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN-\\udc00\\ud800"'],
    ['escaped pair', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN-\\ud840\\udc00"'],
    ['escaped tab', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN\\t2026"'],
    ['escaped NUL', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN\\u00002026"'],
    ['raw tab', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN\t2026"'],
    ['bad escape', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN\\x"'],
    ['bad unicode escape', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN\\u12G4"'],
    ['escaped plan uid', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN\\u002d2026\\/0001"'],
    ['escaped key name', '"plan_uid": "PLAN-2026-0001"', '"pl\\u0061n_uid": "PLAN-2026-0001"'],
    ['C1 control in entropy', '"entropy": "体彩', '"entropy": "\\u0085体彩'],
    ['DEL in entropy source', '"entropy_source": "体彩', '"entropy_source": "\\u007f体彩'],
    ['trailing data', '"cap": null\n}', '"cap": null\n} {'],
    ['trailing comma', '"cap": null', '"cap": null,'],
    ['stratum without key', '"key": "177377054609984595"', '"kee": "1"'],
    ['empty stratum', '"stratum": "B",', '"stratum": "",'],
    ['departments without conflicts', '"conflicts": [', '"x": ['],
    ['missing seed', '"seed": "f46d250617671eb9849520ad5b8097461e5f5db7e0dddd93adeeca6d538636ee",', ''],
    ['cap nul', '"cap": null', '"cap": nul'],
    ['cap true', '"cap": null', '"cap": true'],
    ['population entry extra key', '"uid": "91410100E53AK1306B"', '"uid": "91410100E53AK1306B", "x": 1'],
    ['population entry without uid', '"uid": "91410100E53AK1306B"', '"uuid": "91410100E53AK1306B"'],
    ['stratum rule both', '"count": 3,', '"count": 3, "ratio_bp": 1,'],
    ['stratum rule neither', '"count": 3,', ''],
    ['per_team 0', '"per_team": 1,', '"per_team": 0,'],
    ['cap 0', '"cap": null', '"cap": 0'],
    ['negative count', '"count": 3,', '"count": -3,'],
    ['single quote', '"cap": null', "'cap': null"],
    ['unterminated', '"cap": null\n}', '"cap": "null'],
    ['conflict of three', '"SCJG-001",\n   "91410100YM2QHJRW3U"\n  ]', '"SCJG-001", "91410100YM2QHJRW3U", "x"]'],
    ['conflict of one', '"SCJG-001",\n   "91410100YM2QHJRW3U"\n  ]', '"SCJG-001"]'],
  ];
  for (const [what, from, to] of edits) {
    const bad = doc.replace(from, to);
    if (bad === doc) throw new Error(`${what}: ${from} not in the document`);
    out.push(fromText(what, bad));
  }
  out.push(fromText('byte order mark', '\uFEFF' + doc));
  out.push(fromText('empty', ''));
  out.push(fromText('array', '[]'));
  out.push(fromText('whitespace around', ' \r\n\t' + doc + '\n '));
  out.push(fromText('astral escapes', doc.replace('"SCJG-001"', '"SCJG-001"').replace(/"体彩排列五 第2026318期 8 3 0 2 1"/, '"\\u4f53\\u5f69\\u6392\\u5217\\u4e94 \\u7b2c2026318\\u671f 8 3 0 2 \\u0031"')));
  const raw = Buffer.from(doc, 'utf8');
  const invalid = Buffer.concat([raw.subarray(0, 30), Buffer.from([0xff]), raw.subarray(30)]);
  out.push(fromText('invalid UTF-8', invalid));
  const at = (text: string, where: string, insert: number[]) => {
    const i = Buffer.from(text.slice(0, text.indexOf(where)), 'utf8').length;
    return Buffer.concat([raw.subarray(0, i), Buffer.from(insert), raw.subarray(i)]);
  };
  out.push(fromText('invalid UTF-8 in an escaped string', at(doc, '-0001"', [0x5c, 0x6e, 0xc3, 0x28])));
  out.push(fromText('invalid UTF-8 after a backslash', at(doc, '-0001"', [0x5c, 0xe4])));
  out.push(fromText('overlong UTF-8', at(doc, '-0001"', [0xc0, 0xaf])));
  out.push(fromText('UTF-8 surrogate', at(doc, '-0001"', [0xed, 0xa0, 0x80])));
  out.push(fromText('truncated UTF-8 before a valid one', at(doc, '-0001"', [0xe4, 0xb8, 0xe4, 0xb8, 0xad])));
  out.push(fromText('invalid UTF-8 between tokens', at(doc, '"plan_uid"', [0xf5])));
  out.push(fromText('valid astral character', at(doc, '-0001"', [0xf0, 0x9f, 0x98, 0x80])));
  return out;
}

type Report = { ok: boolean; selections?: number; not_checked?: string[]; check?: string; reason?: string };

describe.runIf(process.env.SUIJI_VERIFY_GO === '1')('the Go reference verifier agrees', () => {
  it('on vectors, their public forms, every single change, random documents and strict-decoding cases', () => {
    const all = samples();
    const input = all.map((s) => Buffer.from(s.bytes).toString('base64')).join('\n') + '\n';
    const run = spawnSync('go', ['run', './frontend/src/verify/testdata/goverify'], {
      cwd: repoRoot,
      input,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const goReports = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Report);
    expect(goReports).toHaveLength(all.length);
    const checks = new Map<string, number>();
    all.forEach((s, k) => {
      const go = goReports[k];
      const want = go.ok
        ? { ok: true, selections: go.selections ?? 0, notChecked: go.not_checked ?? [] }
        : { ok: false, check: go.check, reason: go.reason };
      const fromBytes = verifyEvidence(s.bytes);
      expect(fromBytes, s.what).toEqual(want);
      if (s.value !== undefined) {
        // A parsed value reaches the same verdict; decode reasons differ (no byte offsets).
        const fromValue = verifyEvidence(s.value);
        if (want.ok || want.check !== 'decode') expect(fromValue, s.what).toEqual(want);
        else expect(fromValue, s.what).toMatchObject({ ok: false, check: 'decode' });
      }
      const key = go.ok ? 'ok' : (go.check ?? '');
      checks.set(key, (checks.get(key) ?? 0) + 1);
    });
    console.log(`${all.length} documents, same reports from Go and TypeScript:`, Object.fromEntries(checks));
  }, 600_000);
});
