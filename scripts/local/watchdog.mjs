// Kills a child process (DynamoDB Local's java) when the process that started it dies, even
// by SIGKILL: the parent holds this watchdog's stdin open, and the kernel closes it when the
// parent goes, whatever the cause.
// Usage: node watchdog.mjs <pid>
const pid = Number(process.argv[2]);
const kill = () => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  process.exit(0);
};
process.stdin.on('end', kill);
process.stdin.on('close', kill);
process.stdin.on('error', kill);
process.stdin.resume();
// Exit quietly once the watched process is gone by itself.
setInterval(() => {
  try {
    process.kill(pid, 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();
process.on('SIGINT', () => {});
process.on('SIGTERM', kill);
