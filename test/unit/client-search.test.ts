import { describe, expect, it } from 'vitest';
import { clientSearchTokens, matchesAll, searchQueryWords, searchWords } from '../../shared/domain/clients';

describe('search words', () => {
  it('drops accents and case and splits at anything but letters and digits', () => {
    expect(searchWords('Múhammad  RÍZKI Al-Fárisi')).toEqual(['muhammad', 'rizki', 'al', 'farisi']);
    expect(searchWords('  -/ ')).toEqual([]);
    expect(searchWords('Budi budi BUDI')).toEqual(['budi']);
  });

  it('gives a client its name words, the runs of its number and the number without separators', () => {
    expect(clientSearchTokens({ fullName: 'Agus Santoso', registrationNumber: 'PAS-001/2025' })).toEqual([
      'agus',
      'santoso',
      'pas',
      '001',
      '2025',
      'pas0012025',
    ]);
    // A one-run number is not repeated.
    expect(clientSearchTokens({ fullName: 'Eko', registrationNumber: 'B17' })).toEqual(['eko', 'b17']);
  });

  it('bounds the tokens of a name of many words (the write stays a small transaction)', () => {
    const fullName = Array.from({ length: 40 }, (_, i) => `nama${i}`).join(' ');
    expect(clientSearchTokens({ fullName, registrationNumber: 'A-1' })).toHaveLength(12 + 2 + 1);
  });

  it('orders query words longest first and matches each against the start of a token', () => {
    expect(searchQueryWords('riz Hidayat')).toEqual(['hidayat', 'riz']);
    const tokens = clientSearchTokens({ fullName: 'Rizal Hidayat', registrationNumber: 'PAS-2' });
    expect(matchesAll(tokens, ['riz', 'hid'])).toBe(true);
    expect(matchesAll(tokens, ['izal'])).toBe(false);
    expect(matchesAll(tokens, ['pas2'])).toBe(true);
  });
});
