/** NIK is shown masked: all but the last 4 digits hidden (PDP law: minimum disclosure). */
export function maskNik(nik: string): string {
  return `${'*'.repeat(Math.max(0, nik.length - 4))}${nik.slice(-4)}`;
}
