/**
 * Ends the process of a command that has finished but whose process stays open.
 *
 * A command is over when its action's promise settles; Node then exits once nothing holds the event loop. A
 * handle left behind on some path (a database thread or pool not closed after an error, a child process still
 * running) would keep it open for good: a cron job (`smup sync` under `flock`) would then hold its lock
 * forever, a script would never go on. After `graceMs`, the process is ended with the command's exit code and
 * a line saying what was still open. Output still being written (a long listing piped into a slow reader) is
 * waited for, never cut short.
 */
export function endWhenFinished(graceMs: number): void {
  const check = (): void => {
    if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) {
      setTimeout(check, graceMs).unref();
      return;
    }
    // Less this timer and the standard streams (a child left running shows as ProcessWrap).
    const open = process
      .getActiveResourcesInfo()
      .filter((kind) => !['Timeout', 'TTYWrap', 'PipeWrap'].includes(kind));
    process.stderr.write(
      `smup: the command has ended but its process stayed open (${open.join(', ') || 'unknown'}); ending it\n`,
    );
    process.exit(process.exitCode ?? 0);
  };
  // unref: this timer alone never keeps the process open; it fires only if something else does.
  setTimeout(check, graceMs).unref();
}
