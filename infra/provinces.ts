/**
 * The catalog of Indonesia's 38 provinces. Each province runs its own, isolated deployment;
 * the slug is what an IT officer types (`npm run deploy -- jawa-tengah`).
 *
 * Codes: `bpsCode` is the statistics agency's (BPS) two-digit province code, the one the issue
 * asks for. For the Papua provinces BPS and the Ministry of Home Affairs (Kemendagri) disagree
 * - BPS kept Papua Barat 91 and Papua 94 and numbered the 2022 provinces 92, 95, 96, 97, while
 * Kemendagri uses Papua 91, Papua Barat 92 and 93-96 - so the catalog carries both, and code
 * that matches data from either source must pick the right column.
 *
 * Time zones: WIB (Asia/Jakarta, UTC+7) for Sumatra, Java, Kalimantan Barat and Kalimantan
 * Tengah; WITA (Asia/Makassar, UTC+8) for Bali, Nusa Tenggara, the rest of Kalimantan and all
 * of Sulawesi; WIT (Asia/Jayapura, UTC+9) for Maluku and Papua.
 */

export type ProvinceTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

export interface Province {
  /** Lower-case, hyphenated: the CLI argument and the prefix-free id of the deployment. */
  slug: string;
  /** Official name as BPS writes it. */
  name: string;
  /** BPS two-digit province code. */
  bpsCode: string;
  /** Kemendagri two-digit province code (differs from BPS only in Papua). */
  kemendagriCode: string;
  timeZone: ProvinceTimeZone;
}

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

function p(
  slug: string,
  name: string,
  bpsCode: string,
  timeZone: ProvinceTimeZone,
  kemendagriCode = bpsCode,
) {
  return { slug, name, bpsCode, kemendagriCode, timeZone } satisfies Province;
}

export const provinces: readonly Province[] = [
  p('aceh', 'Aceh', '11', WIB),
  p('sumatera-utara', 'Sumatera Utara', '12', WIB),
  p('sumatera-barat', 'Sumatera Barat', '13', WIB),
  p('riau', 'Riau', '14', WIB),
  p('jambi', 'Jambi', '15', WIB),
  p('sumatera-selatan', 'Sumatera Selatan', '16', WIB),
  p('bengkulu', 'Bengkulu', '17', WIB),
  p('lampung', 'Lampung', '18', WIB),
  p('kepulauan-bangka-belitung', 'Kepulauan Bangka Belitung', '19', WIB),
  p('kepulauan-riau', 'Kepulauan Riau', '21', WIB),
  p('dki-jakarta', 'DKI Jakarta', '31', WIB),
  p('jawa-barat', 'Jawa Barat', '32', WIB),
  p('jawa-tengah', 'Jawa Tengah', '33', WIB),
  p('di-yogyakarta', 'DI Yogyakarta', '34', WIB),
  p('jawa-timur', 'Jawa Timur', '35', WIB),
  p('banten', 'Banten', '36', WIB),
  p('bali', 'Bali', '51', WITA),
  p('nusa-tenggara-barat', 'Nusa Tenggara Barat', '52', WITA),
  p('nusa-tenggara-timur', 'Nusa Tenggara Timur', '53', WITA),
  p('kalimantan-barat', 'Kalimantan Barat', '61', WIB),
  p('kalimantan-tengah', 'Kalimantan Tengah', '62', WIB),
  p('kalimantan-selatan', 'Kalimantan Selatan', '63', WITA),
  p('kalimantan-timur', 'Kalimantan Timur', '64', WITA),
  p('kalimantan-utara', 'Kalimantan Utara', '65', WITA),
  p('sulawesi-utara', 'Sulawesi Utara', '71', WITA),
  p('sulawesi-tengah', 'Sulawesi Tengah', '72', WITA),
  p('sulawesi-selatan', 'Sulawesi Selatan', '73', WITA),
  p('sulawesi-tenggara', 'Sulawesi Tenggara', '74', WITA),
  p('gorontalo', 'Gorontalo', '75', WITA),
  p('sulawesi-barat', 'Sulawesi Barat', '76', WITA),
  p('maluku', 'Maluku', '81', WIT),
  p('maluku-utara', 'Maluku Utara', '82', WIT),
  p('papua-barat', 'Papua Barat', '91', WIT, '92'),
  p('papua-barat-daya', 'Papua Barat Daya', '92', WIT, '96'),
  p('papua', 'Papua', '94', WIT, '91'),
  p('papua-selatan', 'Papua Selatan', '95', WIT, '93'),
  p('papua-tengah', 'Papua Tengah', '96', WIT, '94'),
  p('papua-pegunungan', 'Papua Pegunungan', '97', WIT, '95'),
];

export class UnknownProvinceError extends Error {
  override name = 'UnknownProvinceError';
  constructor(readonly slug: string) {
    super(
      `Unknown province "${slug}". Run \`npm run provinces\` to list the ${provinces.length} province slugs.`,
    );
  }
}

export function findProvince(slug: string): Province | undefined {
  return provinces.find((province) => province.slug === slug);
}

export function provinceBySlug(slug: string): Province {
  const province = findProvince(slug);
  if (!province) throw new UnknownProvinceError(slug);
  return province;
}

/** `jawa-tengah` -> `JawaTengah`: the part of the stack name and construct ids. */
export function pascalCase(slug: string): string {
  return slug
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `Pascarehab-JawaTengah`: one stack per province, so two provinces never share a stack. */
export function stackName(province: Province): string {
  return `Pascarehab-${pascalCase(province.slug)}`;
}

/** The BNNP's office code, as the API's OFFICE_CODE pattern expects it: `bnnp-jawa-tengah`. */
export function bnnpOfficeCode(province: Province): string {
  return `bnnp-${province.slug}`;
}
