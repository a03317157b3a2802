import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { keys } from '../../shared/data/keys';
import { maskNik } from '../../shared/domain/clients';
import { canonicalJson } from '../../shared/http/json';
import { issueDetails, validate } from '../../shared/http/validate';
import { thrownBy } from './helpers';

describe('canonicalJson', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ a: 2, b: 1 })).toBe('{"a":2,"b":1}');
  });

  it('sorts the keys of nested objects, inside arrays too', () => {
    const value = { z: { d: 1, c: { f: 1, e: 2 } }, list: [{ y: 1, x: 2 }] };

    expect(canonicalJson(value)).toBe('{"list":[{"x":2,"y":1}],"z":{"c":{"e":2,"f":1},"d":1}}');
  });

  it('keeps the order of array elements', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('gives different text for different values', () => {
    expect(canonicalJson({ capacity: 35 })).not.toBe(canonicalJson({ capacity: 36 }));
  });

  it('gives an empty string for undefined (a request without a body)', () => {
    expect(canonicalJson(undefined)).toBe('');
  });

  it('writes null and primitives as JSON', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(0)).toBe('0');
  });
});

describe('validate and issueDetails', () => {
  // Two checks that both fail for "ab": zod reports two issues on one path.
  const code = z.string().check(z.minLength(5), z.regex(/^\d+$/));

  it('returns the parsed value when it is valid', () => {
    const schema = z.object({ name: z.string().check(z.trim()) });

    expect(validate(schema, { name: '  Budi  ' })).toEqual({ name: 'Budi' });
  });

  it('throws 400 validation_failed with details when the value is invalid', () => {
    const error = thrownBy(() => validate(z.object({ capacity: z.number() }), { capacity: 'x' }));

    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.path)).toEqual(['capacity']);
  });

  it('gives one detail per bad field, with the first message, when zod reports two issues for it', () => {
    // prepare
    const schema = z.object({ code });
    const result = schema.safeParse({ code: 'ab' });
    if (result.success) throw new Error('expected the schema to refuse "ab"');
    expect(result.error.issues).toHaveLength(2); // the premise of this test

    // act
    const details = issueDetails(result.error.issues);

    // assess
    expect(details).toEqual([{ path: 'code', message: result.error.issues[0]!.message }]);
  });

  it('gives one detail for each bad field, in the order zod reports them', () => {
    const schema = z.object({ name: z.string(), capacity: z.number() });

    const error = thrownBy(() => validate(schema, { name: 1, capacity: 'x' }));

    expect(error.details.map((d) => d.path)).toEqual(['name', 'capacity']);
  });

  it('lists each unrecognized key as its own detail', () => {
    const schema = z.strictObject({ name: z.string() });

    const error = thrownBy(() => validate(schema, { name: 'Budi', nama: 'Budi', alamat: 'Semarang' }));

    expect(error.details).toEqual([
      { path: 'nama', message: 'Kolom tidak dikenal.' },
      { path: 'alamat', message: 'Kolom tidak dikenal.' },
    ]);
  });

  it('gives an unrecognized nested key its full path', () => {
    const schema = z.strictObject({ address: z.strictObject({ city: z.string() }) });

    const error = thrownBy(() => validate(schema, { address: { city: 'Semarang', zip: '50111' } }));

    expect(error.details).toEqual([{ path: 'address.zip', message: 'Kolom tidak dikenal.' }]);
  });

  it('joins nested paths, array indexes included, with dots', () => {
    const schema = z.object({ items: z.array(z.object({ score: z.number() })) });

    const error = thrownBy(() => validate(schema, { items: [{ score: 1 }, { score: 'x' }] }));

    expect(error.details.map((d) => d.path)).toEqual(['items.1.score']);
  });

  it('puts the prefix in front of every path', () => {
    const schema = z.strictObject({ code });

    const error = thrownBy(() => validate(schema, { code: 'ab', extra: 1 }, 'query'));

    expect(error.details.map((d) => d.path).sort()).toEqual(['query.code', 'query.extra']);
  });

  it('names a problem with the whole value "(root)", or the prefix when there is one', () => {
    expect(thrownBy(() => validate(z.string(), 5)).details.map((d) => d.path)).toEqual(['(root)']);
    expect(thrownBy(() => validate(z.string(), 5, 'body')).details.map((d) => d.path)).toEqual(['body']);
  });
});

describe('maskNik', () => {
  it('hides all but the last four digits of a NIK', () => {
    expect(maskNik('3374011705900003')).toBe('************0003');
  });

  it('leaves a value of four characters or fewer as it is', () => {
    expect(maskNik('0003')).toBe('0003');
    expect(maskNik('03')).toBe('03');
  });
});

describe('keys.clientRegistration', () => {
  const office = 'bapas-semarang';

  it('gives the same key whatever the case and surrounding whitespace of the number', () => {
    const expected = keys.clientRegistration(office, 'PB-1');

    expect(keys.clientRegistration(office, ' pb-1 ')).toEqual(expected);
    expect(keys.clientRegistration(office, 'pb-1')).toEqual(expected);
    expect(keys.clientRegistration(office, '\tPb-1\n')).toEqual(expected);
  });

  it('folds repeated white space inside the number', () => {
    expect(keys.clientRegistration(office, 'PB  1')).toEqual(keys.clientRegistration(office, 'pb 1'));
    expect(keys.clientRegistration(office, 'PB 1')).not.toEqual(keys.clientRegistration(office, 'PB1'));
  });

  it('gives different keys for different numbers and for different offices', () => {
    const key = keys.clientRegistration(office, 'PB-1');

    expect(keys.clientRegistration(office, 'PB-2')).not.toEqual(key);
    expect(keys.clientRegistration('bapas-surakarta', 'PB-1')).not.toEqual(key);
  });

  it("escapes '#' so that a number cannot add a segment to the key", () => {
    // act
    const { pk, sk } = keys.clientRegistration(office, 'PB#1');

    // assess
    expect(pk.split('#')).toEqual(['CLIENTREG', office, 'PB%231']);
    expect(sk).toBe('CLIENTREG');
  });
});
