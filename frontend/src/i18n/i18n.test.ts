import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zh from './zh.json';
import en from './en.json';
import { ENUMS } from '../lib/enums';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'gql' ? [] : sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('translations', () => {
  it('has the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it('has every literal key the code uses', () => {
    const all = new Set(keys(zh));
    const used = new Set<string>();
    for (const file of sources(path.resolve(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/label: '([a-z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !all.has(k))).toEqual([]);
  });

  it('names every role and every menu description', () => {
    for (const r of ['ADMIN', 'DEPT_ADMIN', 'INSPECTOR', 'ANALYST']) {
      expect(all(zh, `role.${r}`)).toBeTruthy();
      expect(all(en, `role.${r}`)).toBeTruthy();
    }
    for (const k of ['departments', 'items', 'objects', 'inspectors', 'import', 'users', 'audit', 'graphiql', 'open']) {
      expect(all(zh, `home.linkDesc.${k}`)).toBeTruthy();
    }
  });

  it('names every value of the API enums the screens show, in both languages', () => {
    for (const [type, values] of Object.entries(ENUMS)) {
      for (const v of values) {
        expect(all(zh, `enums.${type}.${v}`), `zh enums.${type}.${v}`).toBeTruthy();
        expect(all(en, `enums.${type}.${v}`), `en enums.${type}.${v}`).toBeTruthy();
      }
    }
  });
});

function all(obj: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}
