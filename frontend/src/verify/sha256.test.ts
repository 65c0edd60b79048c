import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PrefixHasher, Sha256, fromHex, hex, sha256, sha256Into } from './sha256';
import { prng } from './testdraw';

const ref = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function randomBytes(rnd: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

describe('SHA-256', () => {
  it('gives the FIPS 180-4 / NIST example digests', () => {
    const cases: [Uint8Array, string][] = [
      [ascii(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      [ascii('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      [
        ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
        '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
      ],
      [
        ascii(
          'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
        ),
        'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
      ],
      // SHAVS short messages (SHA256ShortMsg.rsp).
      [fromHex('bd'), '68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b'],
      [fromHex('c98c8e55'), '7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504'],
      [new Uint8Array(1_000_000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
    ];
    for (const [msg, want] of cases) {
      expect(hex(sha256(msg))).toBe(want);
      expect(hex(new Sha256().update(msg).digest())).toBe(want);
    }
  });

  it("agrees with Node's crypto on every length from 0 to 300 bytes and on longer random inputs", () => {
    const rnd = prng(1);
    for (let n = 0; n <= 300; n++) {
      for (let k = 0; k < 3; k++) {
        const b = randomBytes(rnd, n);
        expect(hex(sha256(b)), `length ${n}`).toBe(ref(b));
      }
    }
    for (const n of [1000, 4095, 4096, 65537, 200_003]) {
      const b = randomBytes(rnd, n);
      expect(hex(sha256(b))).toBe(ref(b));
    }
  });

  it('writes into a given array at an offset, and reads subarrays', () => {
    const rnd = prng(2);
    const big = randomBytes(rnd, 500);
    const out = new Uint8Array(40).fill(7);
    const view = big.subarray(13, 413);
    sha256Into(view, out, 5);
    expect(hex(out.subarray(5, 37))).toBe(ref(view));
    expect([...out.subarray(0, 5), ...out.subarray(37)]).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });

  it('streams in pieces of any size', () => {
    const rnd = prng(3);
    const h = new Sha256();
    for (let round = 0; round < 200; round++) {
      const b = randomBytes(rnd, Math.floor(rnd() * 700));
      let at = 0;
      while (at < b.length) {
        const end = Math.min(b.length, at + Math.floor(rnd() * 130));
        h.update(b, at, end);
        at = end;
      }
      expect(hex(h.digest())).toBe(ref(b)); // digest resets the hasher
    }
  });

  it('hashes messages with a shared prefix, reusing first blocks that repeat', () => {
    const rnd = prng(4);
    const h = new PrefixHasher(8);
    const full = new Uint8Array(32);
    for (let round = 0; round < 300; round++) {
      const prefix = randomBytes(rnd, Math.floor(rnd() * 150));
      h.ensure(prefix.length);
      h.buf.set(prefix);
      h.setPrefix(prefix.length);
      // Suffixes that often share their first bytes, to hit the remembered first block.
      const stem = randomBytes(rnd, 80);
      for (let k = 0; k < 12; k++) {
        const suffix = rnd() < 0.6 ? stem.slice(0, Math.floor(rnd() * 80)) : randomBytes(rnd, Math.floor(rnd() * 200));
        if (suffix.length > 0 && rnd() < 0.5) suffix[suffix.length - 1] ^= 1;
        h.ensure(prefix.length + suffix.length);
        h.buf.set(suffix, prefix.length);
        h.hash(prefix.length + suffix.length);
        const msg = new Uint8Array([...prefix, ...suffix]);
        const want = ref(msg);
        h.digestInto(full);
        expect(hex(full)).toBe(want);
        expect(h.hi.toString(16).padStart(8, '0') + h.lo.toString(16).padStart(8, '0')).toBe(want.slice(0, 16));
      }
    }
  });

  it('refuses a message shorter than its prefix or longer than the buffer', () => {
    const h = new PrefixHasher(16);
    h.setPrefix(10);
    expect(() => h.hash(9)).toThrow(RangeError);
    expect(() => h.hash(1000)).toThrow(RangeError);
  });

  it('writes and reads hexadecimal', () => {
    expect(hex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect([...fromHex('0001ABff')]).toEqual([0, 1, 0xab, 0xff]);
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('zz')).toThrow();
  });
});
