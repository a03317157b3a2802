import { describe, expect, it } from 'vitest';
import {
  bnnpOfficeCode,
  findProvince,
  provinceBySlug,
  provinces,
  stackName,
  UnknownProvinceError,
} from '../../infra/provinces';
import {
  deployProblems,
  loadSettings,
  PLACEHOLDER_ACCOUNT,
  parseSettings,
  SettingsError,
} from '../../infra/settings';

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

  it('gives a province without a settings file the defaults (no account) and warns that deploy refuses it', () => {
    const papua = provinceBySlug('papua');

    const { settings, source, warnings } = loadSettings(papua);

    expect(source).toBe('defaults');
    expect(warnings.join('\n')).toMatch(/papua: no settings file: copy .*deploy refuses the defaults/);
    expect(settings).toMatchObject({
      region: 'ap-southeast-3',
      reportScheduleHour: 1,
      logRetentionDays: 365,
      logLevel: 'INFO',
      offices: [{ code: 'bnnp-papua', name: 'BNNP Papua' }],
      throttle: { rateLimit: 50, burstLimit: 100 },
      writeThrottle: { rateLimit: 10, burstLimit: 20 },
      cloudTrail: { enabled: true, tableDataEvents: false },
      budget: { enabled: true, monthlyUsd: 50 },
      cognitoFeaturePlan: 'plus',
      signInPages: 'managed-login',
      lambdaArchitecture: 'arm64',
      tableResource: 'global-table',
    });
    expect(settings.account).toBeUndefined();
  });

  it('ships jawa-tengah with placeholders that synth accepts and deploy refuses, naming each setting', () => {
    const loaded = loadSettings(jawaTengah);

    expect(loaded.settings.account).toBe(PLACEHOLDER_ACCOUNT);
    const problems = deployProblems(jawaTengah, loaded);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^account is the placeholder 000000000000 in infra\/settings\/jawa-tengah\.json/,
    );
    expect(problems[1]).toMatch(
      /^alarmEmail replace-me@example\.invalid in infra\/settings\/jawa-tengah\.json is a placeholder/,
    );
    // The same sentences are synth warnings.
    for (const p of problems) expect(loaded.warnings).toContain(`jawa-tengah: ${p}`);
  });

  it('refuses to deploy without alarmEmail or with an address no mailbox can be at', () => {
    const base = { account: '123456789012', offices: [{ code: 'bnnp-jawa-tengah', name: 'BNNP' }] };
    const problems = (raw: object) => deployProblems(jawaTengah, parseSettings(jawaTengah, raw, 'f'));

    expect(problems(base)).toEqual([expect.stringMatching(/^alarmEmail is not set/)]);
    for (const email of ['it@example.com', 'it@forms.example.org', 'x@bnnp.test', 'it@example.invalid']) {
      expect(problems({ ...base, alarmEmail: email }), email).toEqual([expect.stringMatching(/placeholder/)]);
    }
    expect(problems({ ...base, alarmEmail: 'it@bnnp-jateng.go.id' })).toEqual([]);
  });

  it('accepts complete settings without warnings', () => {
    const { settings, warnings } = parseSettings(
      jawaTengah,
      {
        account: '123456789012',
        alarmEmail: 'it@bnnp-jateng.go.id',
        formsOrigin: 'https://forms.example.go.id',
        formsCertificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
        offices: [
          { code: 'bapas-semarang', name: 'Bapas Semarang' },
          { code: bnnpOfficeCode(jawaTengah), name: 'BNNP Jawa Tengah' },
        ],
        restoredTableName: 'Pascarehab-JawaTengah-restore-20250301',
        whoqolPermissionRef: 'WHO izin 2024/17',
        sesFromAddress: 'pascarehab@bnnp-jateng.go.id',
      },
      't',
    );

    expect(warnings).toEqual([]);
    expect(settings.account).toBe('123456789012');
  });

  const valid = { account: '123456789012' };
  it.each([
    ['a settings file without account', { alarmEmail: 'it@bnnp.go.id' }, /account/],
    ['a misspelt key', { ...valid, alarmEmial: 'it@example.go.id' }, /alarmEmial/],
    ['a malformed e-mail', { ...valid, alarmEmail: 'it at example' }, /alarmEmail/],
    ['an hour of 24', { ...valid, reportScheduleHour: 24 }, /reportScheduleHour/],
    ['a retention CloudWatch does not offer', { ...valid, logRetentionDays: 100 }, /logRetentionDays/],
    ['a 13-digit account', { account: '1234567890123' }, /account/],
    ['an http origin', { ...valid, formsOrigin: 'http://forms.example.go.id' }, /formsOrigin/],
    ['an origin with a path', { ...valid, formsOrigin: 'https://forms.example.go.id/app' }, /formsOrigin/],
    [
      'a forms origin without its certificate',
      { ...valid, formsOrigin: 'https://forms.example.go.id' },
      /formsCertificateArn/,
    ],
    [
      'a certificate outside us-east-1',
      {
        ...valid,
        formsOrigin: 'https://forms.example.go.id',
        formsCertificateArn:
          'arn:aws:acm:ap-southeast-3:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      },
      /us-east-1[\s\S]*formsCertificateArn/,
    ],
    [
      'writes throttled above reads',
      { ...valid, writeThrottle: { rateLimit: 60, burstLimit: 20 } },
      /writeThrottle/,
    ],
    ['a table name with a slash', { ...valid, restoredTableName: 'a/b' }, /restoredTableName/],
    [
      'a sign-in domain prefix Cognito refuses',
      { ...valid, authDomainPrefix: 'pascarehab-aws' },
      /authDomainPrefix/,
    ],
    ['an unknown fallback', { ...valid, lambdaArchitecture: 'riscv' }, /lambdaArchitecture/],
    [
      'report retention shorter than the storage transitions',
      { ...valid, reportRetentionDays: 90 },
      /reportRetentionDays/,
    ],
    [
      'offices without the BNNP',
      { ...valid, offices: [{ code: 'bapas-semarang', name: 'Bapas Semarang' }] },
      /bnnp-jawa-tengah/,
    ],
    [
      'another province BNNP',
      { ...valid, offices: [{ code: 'bnnp-jawa-timur', name: 'BNNP Jawa Timur' }] },
      /bnnp-jawa-timur.*neither/,
    ],
    [
      'an office code twice',
      {
        ...valid,
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
