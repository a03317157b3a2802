/**
 * `--help` (or `-h`) for every command of the project: prints the usage to stdout and exits 0
 * before the command does anything else.
 */
export function answerHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
}
