// Package draw is the verifiable draw of suiji (随机抽取 and 随机匹配): it
// picks inspection objects from a frozen population and matches inspectors
// to them so that anyone holding the evidence document and a SHA-256
// implementation can redo the arithmetic and see that nobody steered it, not
// even the people who run the server. It implements suiji/draw/v1 as
// specified in design/draw-spec.md; two implementations of that contract
// agree on every value, and the tests hold this one to the spec's vectors
// and to a deliberately naive second implementation.
//
// The package is pure: no database, no HTTP, no clock, no randomness of its
// own, no global state. The same inputs give the same bytes on every
// machine, which is the whole point. It follows the lifecycle of the spec:
//
//	c, err := draw.Commitment(revealHex)          // publish C with the plan; keep R secret
//	f, err := draw.FreezeSorted(plan)             // plan.Commitment = c; publish f.Digests().FreezeDigest
//	ev, fail, err := draw.Draw(f, revealHex, e)   // once the named public entropy E exists
//	pub := draw.PublicEvidence(ev, false)         // what the public portal shows
//	rep, err := draw.Verify(doc)                  // what anyone can run on a published document
//
// A Plan carries only C, never R, so the freeze digest F is computed and
// published before E exists and without touching the secret. Invalid inputs
// are refused at the freeze with a *Refusal that names the reason as a
// machine code and in English and Chinese. A draw whose matching runs out of
// inspectors returns a *Failure (rank, object, department): the attempt is
// spent and the plan is frozen again with a new R and a new entropy source.
//
// FreezeSorted takes the population as the database returns it, sorted by
// (stratum, uid) in byte order, and checks that order in the same single pass
// that validates every entry and computes D; Freeze sorts a copy instead.
// Selection keeps each stratum's n_s smallest keys in a bounded max-heap, so
// a million objects cost a million hashes and no sort of a million keys.
// Matching keeps every department's inspectors in buckets by load and hashes
// only the eligible inspectors of the lowest bucket, each at most once per
// object, which is the least the spec's (load, ikey, uid) order allows. Keys
// are uint64 throughout and decimal strings in JSON. DrawStats counts the
// SHA-256 evaluations; BenchmarkDraw1M compares the engine's time with the
// time those evaluations take alone (the hash floor).
//
// The verifier checks whole and public documents in the order of spec §7 and
// reports the first failing check as a *VerifyError. It never re-sorts:
// an array out of order is a failure. Its JSON decoder is strict where the
// standard library is lenient — repeated keys, keys given as numbers,
// invalid UTF-8 and lone surrogates are errors, not silently repaired —
// because a document must be verified exactly as it was published. What a
// public document leaves out cannot be checked; the report says so with the
// words "population", "selection" and "teams".
package draw
