// SHA-256 (FIPS 180-4), synchronous, on Uint8Array, without dependencies.
//
// A draw's verification needs millions of hashes of short messages (spec
// §5–§6: about 5.5 million for a million objects). WebCrypto is asynchronous
// and costs tens of microseconds per awaited call; this costs about one per
// message, so a whole document is checked in seconds in a Web Worker.
//
// Speed comes from doing no allocation per message: the round constants, the
// message schedule and the padding buffer are module-level typed arrays, and
// the hashers below pad in place in a buffer the caller fills. Everything
// here is synchronous and single-threaded (one copy per worker), so sharing
// scratch buffers between calls is safe.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** The message schedule, shared by every compression. */
const W = new Int32Array(64);

/** Runs the compression function on the 64-byte block of p at off. */
function compress(st: Int32Array, p: Uint8Array, off: number): void {
  const w = W;
  for (let i = 0; i < 16; i++, off += 4) {
    w[i] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let d = st[3];
  let e = st[4];
  let f = st[5];
  let g = st[6];
  let h = st[7];
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    // Ch(e, f, g) and Maj(a, b, c) in their forms with fewer operations.
    const t1 = (h + s1 + (g ^ (e & (f ^ g))) + K[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  st[0] = (st[0] + a) | 0;
  st[1] = (st[1] + b) | 0;
  st[2] = (st[2] + c) | 0;
  st[3] = (st[3] + d) | 0;
  st[4] = (st[4] + e) | 0;
  st[5] = (st[5] + f) | 0;
  st[6] = (st[6] + g) | 0;
  st[7] = (st[7] + h) | 0;
}

/** Writes the 8-byte big-endian bit length of a message of n bytes at off. */
function putBitLength(p: Uint8Array, off: number, n: number): void {
  const hi = Math.floor(n / 0x20000000); // n * 8 / 2^32
  const lo = (n * 8) >>> 0; // exact: n ≤ 2^53, and ToUint32 is modulo 2^32
  p[off] = hi >>> 24;
  p[off + 1] = hi >>> 16;
  p[off + 2] = hi >>> 8;
  p[off + 3] = hi;
  p[off + 4] = lo >>> 24;
  p[off + 5] = lo >>> 16;
  p[off + 6] = lo >>> 8;
  p[off + 7] = lo;
}

function writeDigest(st: Int32Array, out: Uint8Array, off: number): void {
  for (let i = 0; i < 8; i++, off += 4) {
    const v = st[i];
    out[off] = v >>> 24;
    out[off + 1] = v >>> 16;
    out[off + 2] = v >>> 8;
    out[off + 3] = v;
  }
}

/** The length of the padded message of n bytes: a multiple of 64 with room for 0x80 and the length. */
function paddedLength(n: number): number {
  return Math.ceil((n + 9) / 64) * 64;
}

/** One-shot scratch: state and a two-block tail buffer. */
const oneState = new Int32Array(8);
const oneTail = new Uint8Array(128);

/**
 * Hashes msg[0..len) into st without touching msg: full blocks are read in
 * place; the tail is padded in a shared buffer.
 */
function hashUnpadded(msg: Uint8Array, len: number, st: Int32Array): void {
  st.set(IV);
  const full = len - (len % 64);
  for (let off = 0; off < full; off += 64) compress(st, msg, off);
  const rest = len - full;
  const tail = oneTail;
  for (let i = 0; i < rest; i++) tail[i] = msg[full + i];
  tail[rest] = 0x80;
  const end = rest < 56 ? 64 : 128;
  for (let i = rest + 1; i < end - 8; i++) tail[i] = 0;
  putBitLength(tail, end - 8, len);
  compress(st, tail, 0);
  if (end === 128) compress(st, tail, 64);
}

/** SHA-256 of bytes: a new 32-byte array. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  sha256Into(bytes, out);
  return out;
}

/** SHA-256 of bytes, written to out[offset..offset+32). */
export function sha256Into(bytes: Uint8Array, out: Uint8Array, offset = 0): void {
  hashUnpadded(bytes, bytes.length, oneState);
  writeDigest(oneState, out, offset);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hexadecimal of bytes. */
export function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** The bytes of an even-length hexadecimal string (either case); throws on anything else. */
export function fromHex(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new RangeError('not hexadecimal');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(i * 2, 2), 16);
  return out;
}

/**
 * Streaming SHA-256 for long inputs built piece by piece (the digests D, S
 * and T hash a line per entry): feed bytes with update, read with digest.
 */
export class Sha256 {
  private readonly st = new Int32Array(8);
  private readonly block = new Uint8Array(64);
  private used = 0; // bytes waiting in block
  private length = 0; // bytes hashed so far

  constructor() {
    this.reset();
  }

  reset(): this {
    this.st.set(IV);
    this.used = 0;
    this.length = 0;
    return this;
  }

  /** Hashes data[start..end). */
  update(data: Uint8Array, start = 0, end = data.length): this {
    this.length += end - start;
    let i = start;
    const block = this.block;
    if (this.used > 0) {
      while (i < end && this.used < 64) block[this.used++] = data[i++];
      if (this.used < 64) return this;
      compress(this.st, block, 0);
      this.used = 0;
    }
    for (; end - i >= 64; i += 64) compress(this.st, data, i);
    while (i < end) block[this.used++] = data[i++];
    return this;
  }

  /** Finishes the hash into out[offset..offset+32) and resets the hasher. */
  digestInto(out: Uint8Array, offset = 0): void {
    const block = this.block;
    let used = this.used;
    block[used++] = 0x80;
    if (used > 56) {
      while (used < 64) block[used++] = 0;
      compress(this.st, block, 0);
      used = 0;
    }
    while (used < 56) block[used++] = 0;
    putBitLength(block, 56, this.length);
    compress(this.st, block, 0);
    writeDigest(this.st, out, offset);
    this.reset();
  }

  /** Finishes the hash: a new 32-byte array; the hasher is reset. */
  digest(): Uint8Array {
    const out = new Uint8Array(32);
    this.digestInto(out);
    return out;
  }
}

/**
 * Hashes many short messages that share a prefix — the key messages of
 * spec §5 and §6 — with no allocation and no copying of the prefix.
 *
 * The caller writes the prefix once at the start of buf and calls
 * setPrefix(length); then, for each message, writes the rest after the
 * prefix and calls hash(length of the whole message). The hasher pads in
 * place, so bytes after the message are overwritten; call ensure first when
 * a message may be long. After hash, hi and lo hold u64 of the digest (its
 * first 8 bytes, big-endian) as two unsigned 32-bit halves, and digestInto
 * writes the whole digest.
 *
 * When a message is longer than one block, the state after its first block
 * is remembered: the next message whose first 64 bytes are the same (the
 * prefix and the first bytes of the rest, for example inspector uids with a
 * common beginning) skips that compression.
 */
export class PrefixHasher {
  buf: Uint8Array;
  /** u64(digest) >>> 32 of the last message. */
  hi = 0;
  /** u64(digest) & 0xffffffff of the last message. */
  lo = 0;
  private prefixLen = 0;
  private readonly st = new Int32Array(8);
  private readonly firstState = new Int32Array(8); // state after the remembered first block
  private readonly firstBlock = new Uint8Array(64); // the remembered first block
  private firstValid = false;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(paddedLength(capacity));
  }

  /** Makes room for messages of up to n bytes, keeping the bytes already written. */
  ensure(n: number): void {
    const need = paddedLength(n);
    if (this.buf.length >= need) return;
    const grown = new Uint8Array(Math.max(need, this.buf.length * 2));
    grown.set(this.buf);
    this.buf = grown;
  }

  /** Declares buf[0..length) the prefix of the coming messages. */
  setPrefix(length: number): void {
    this.ensure(length);
    this.prefixLen = length;
    this.firstValid = false;
  }

  /** Hashes buf[0..length) (length ≥ the prefix), padding in place. */
  hash(length: number): void {
    const buf = this.buf;
    if (length < this.prefixLen || buf.length < paddedLength(length)) {
      throw new RangeError('PrefixHasher: message shorter than the prefix, or ensure not called');
    }
    const st = this.st;
    let off = 0;
    if (length >= 64) {
      // The first block is all message: reuse its state when it repeats.
      const first = this.firstBlock;
      let same = this.firstValid;
      if (same) {
        for (let i = this.prefixLen < 64 ? this.prefixLen : 64; i < 64; i++) {
          if (first[i] !== buf[i]) {
            same = false;
            break;
          }
        }
      }
      if (same) {
        st.set(this.firstState);
      } else {
        st.set(IV);
        compress(st, buf, 0);
        this.firstState.set(st);
        for (let i = 0; i < 64; i++) first[i] = buf[i];
        this.firstValid = true;
      }
      off = 64;
    } else {
      st.set(IV);
    }
    const full = length - (length % 64);
    for (; off < full; off += 64) compress(st, buf, off);
    // Pad in place: 0x80, zeros, the bit length.
    const end = paddedLength(length);
    buf[length] = 0x80;
    for (let i = length + 1; i < end - 8; i++) buf[i] = 0;
    putBitLength(buf, end - 8, length);
    for (; off < end; off += 64) compress(st, buf, off);
    this.hi = st[0] >>> 0;
    this.lo = st[1] >>> 0;
  }

  /** The whole digest of the last message. */
  digestInto(out: Uint8Array, offset = 0): void {
    writeDigest(this.st, out, offset);
  }
}
