import { describe, expect, it } from 'vitest';
import {
  bnnpOfficeCode,
  findProvince,
  provinceBySlug,
  provinces,
  stackName,
  UnknownProvinceError,
} from '../../infra/provinces';
import { loadSettings, parseSettings, SettingsError } from '../../infra/settings';

const jawaTengah = provinceBySlug('jawa-tengah');

describe('province catalog', () => {
  it('lists the 38 provinces with unique slugs and codes', () => {
    expect(provinces).toHaveLength(38);
    expect(new Set(provinces.map((p) => p.slug)).size).toBe(38);
    expect(new Set(provinces.map((p) => p.bpsCode)).size).toBe(38);
    expect(new Set(provinces.map((p) => p.kemendagriCode)).size).toBe(38);
    for (const p of provinces) {
      expect(p.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(p.bpsCode).toMatch(/^\d{2}$/);
    }
  });

  it.each([
    ['aceh', 'Aceh', '11'],
    ['sumatera-utara', 'Sumatera Utara', '12'],
    ['kepulauan-riau', 'Kepulauan Riau', '21'],
    ['dki-jakarta', 'DKI Jakarta', '31'],
    ['jawa-barat', 'Jawa Barat', '32'],
    ['jawa-tengah', 'Jawa Tengah', '33'],
    ['di-yogyakarta', 'DI Yogyakarta', '34'],
    ['jawa-timur', 'Jawa Timur', '35'],
    ['banten', 'Banten', '36'],
    ['bali', 'Bali', '51'],
    ['nusa-tenggara-barat', 'Nusa Tenggara Barat', '52'],
    ['nusa-tenggara-timur', 'Nusa Tenggara Timur', '53'],
    ['kalimantan-barat', 'Kalimantan Barat', '61'],
    ['kalimantan-utara', 'Kalimantan Utara', '65'],
    ['sulawesi-utara', 'Sulawesi Utara', '71'],
    ['gorontalo', 'Gorontalo', '75'],
    ['sulawesi-barat', 'Sulawesi Barat', '76'],
    ['maluku', 'Maluku', '81'],
    ['maluku-utara', 'Maluku Utara', '82'],
  ])('%s is %s with BPS code %s', (slug, name, code) => {
    const p = provinceBySlug(slug);
    expect(p.name).toBe(name);
    expect(p.bpsCode).toBe(code);
    // Outside Papua, BPS and Kemendagri agree.
    expect(p.kemendagriCode).toBe(code);
  });

  it.each([
    // slug, BPS, Kemendagri: the two agencies number Papua differently.
    ['papua-barat', '91', '92'],
    ['papua-barat-daya', '92', '96'],
    ['papua', '94', '91'],
    ['papua-selatan', '95', '93'],
    ['papua-tengah', '96', '94'],
    ['papua-pegunungan', '97', '95'],
  ])('%s has BPS code %s and Kemendagri code %s', (slug, bps, kemendagri) => {
    const p = provinceBySlug(slug);
    expect(p.bpsCode).toBe(bps);
    expect(p.kemendagriCode).toBe(kemendagri);
  });

  it('puts each province in its time zone (18 WIB, 12 WITA, 8 WIT)', () => {
    const zone = (tz: string) =>
      provinces
        .filter((p) => p.timeZone === tz)
        .map((p) => p.slug)
        .sort();
    expect(zone('Asia/Jayapura')).toEqual(
      [
        'maluku',
        'maluku-utara',
        'papua',
        'papua-barat',
        'papua-barat-daya',
        'papua-pegunungan',
        'papua-selatan',
        'papua-tengah',
      ].sort(),
    );
    expect(zone('Asia/Makassar')).toEqual(
      [
        'bali',
        'nusa-tenggara-barat',
        'nusa-tenggara-timur',
        'kalimantan-selatan',
        'kalimantan-timur',
        'kalimantan-utara',
        'sulawesi-utara',
        'sulawesi-tengah',
        'sulawesi-selatan',
        'sulawesi-tenggara',
        'gorontalo',
        'sulawesi-barat',
      ].sort(),
    );
    // Kalimantan Barat and Kalimantan Tengah are WIB, unlike the rest of Kalimantan.
    expect(zone('Asia/Jakarta')).toHaveLength(18);
    expect(zone('Asia/Jakarta')).toEqual(expect.arrayContaining(['kalimantan-barat', 'kalimantan-tengah']));
  });

  it('names the stack Pascarehab-<Province>', () => {
    expect(stackName(jawaTengah)).toBe('Pascarehab-JawaTengah');
    expect(stackName(provinceBySlug('papua-barat-daya'))).toBe('Pascarehab-PapuaBaratDaya');
    expect(new Set(provinces.map(stackName)).size).toBe(38);
  });

  it('refuses an unknown slug with a message naming it and the command that lists provinces', () => {
    expect(findProvince('jateng')).toBeUndefined();
    expect(() => provinceBySlug('jateng')).toThrow(UnknownProvinceError);
    expect(() => provinceBySlug('jateng')).toThrow(/"jateng".*npm run provinces/);
  });
});

describe('province settings', () => {
  it('ships jawa-tengah with its eight Bapas and the BNNP', () => {
    const { settings, source } = loadSettings(jawaTengah);

    expect(source).toBe('infra/settings/jawa-tengah.json');
    expect(settings.offices.map((o) => o.code)).toEqual([
      'bapas-semarang',
      'bapas-surakarta',
      'bapas-pati',
      'bapas-purwokerto',
      'bapas-magelang',
      'bapas-pekalongan',
      'bapas-klaten',
      'bapas-nusakambangan',
      'bnnp-jawa-tengah',
    ]);
    expect(settings.region).toBe('ap-southeast-3');
    expect(settings.reportScheduleHour).toBe(1);
  });

  it('gives a province without a settings file the defaults and a warning', () => {
    const papua = provinceBySlug('papua');

    const { settings, source, warnings } = loadSettings(papua);

    expect(source).toBe('defaults');
    expect(warnings[0]).toMatch(/papua: no settings file/);
    expect(settings).toMatchObject({
      region: 'ap-southeast-3',
      reportScheduleHour: 1,
      logRetentionDays: 365,
      logLevel: 'INFO',
      offices: [{ code: 'bnnp-papua', name: 'BNNP Papua' }],
    });
    expect(settings.account).toBeUndefined();
  });

  it('warns when nobody receives alarms and when CORS is off', () => {
    const { warnings } = parseSettings(
      jawaTengah,
      { offices: [{ code: 'bnnp-jawa-tengah', name: 'BNNP' }] },
      't',
    );

    expect(warnings.join('\n')).toMatch(/no Bapas offices/);
    expect(warnings.join('\n')).toMatch(/no alarmEmail/);
    expect(warnings.join('\n')).toMatch(/no formsOrigin/);
  });

  it('accepts complete settings without warnings', () => {
    const { settings, warnings } = parseSettings(
      jawaTengah,
      {
        account: '123456789012',
        alarmEmail: 'it@example.go.id',
        formsOrigin: 'https://forms.example.go.id',
        offices: [
          { code: 'bapas-semarang', name: 'Bapas Semarang' },
          { code: bnnpOfficeCode(jawaTengah), name: 'BNNP Jawa Tengah' },
        ],
      },
      't',
    );

    expect(warnings).toEqual([]);
    expect(settings.account).toBe('123456789012');
  });

  it.each([
    ['a misspelt key', { alarmEmial: 'it@example.go.id' }, /alarmEmial/],
    ['a malformed e-mail', { alarmEmail: 'it at example' }, /alarmEmail/],
    ['an hour of 24', { reportScheduleHour: 24 }, /reportScheduleHour/],
    ['a retention CloudWatch does not offer', { logRetentionDays: 100 }, /logRetentionDays/],
    ['a 13-digit account', { account: '1234567890123' }, /account/],
    ['an http origin', { formsOrigin: 'http://forms.example.go.id' }, /formsOrigin/],
    ['an origin with a path', { formsOrigin: 'https://forms.example.go.id/app' }, /formsOrigin/],
    [
      'report retention shorter than the storage transitions',
      { reportRetentionDays: 90 },
      /reportRetentionDays/,
    ],
    [
      'offices without the BNNP',
      { offices: [{ code: 'bapas-semarang', name: 'Bapas Semarang' }] },
      /bnnp-jawa-tengah/,
    ],
    [
      'another province BNNP',
      { offices: [{ code: 'bnnp-jawa-timur', name: 'BNNP Jawa Timur' }] },
      /bnnp-jawa-timur.*neither/,
    ],
    [
      'an office code twice',
      {
        offices: [
          { code: 'bapas-pati', name: 'Bapas Pati' },
          { code: 'bapas-pati', name: 'Bapas Pati' },
          { code: 'bnnp-jawa-tengah', name: 'BNNP' },
        ],
      },
      /bapas-pati appears twice/,
    ],
  ])('refuses %s, naming the field', (_what, raw, message) => {
    expect(() => parseSettings(jawaTengah, raw, 'infra/settings/jawa-tengah.json')).toThrow(SettingsError);
    expect(() => parseSettings(jawaTengah, raw, 'infra/settings/jawa-tengah.json')).toThrow(message);
  });
});
