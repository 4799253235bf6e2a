/**
 * A closed stdout (the reader went away: `| head`, `| grep -m1`) is not a failure: what
 * the reader wanted it has; the command ends at once, quietly, with exit code 0. Without
 * this Node throws EPIPE from the next write as an uncaught error with a stack trace.
 * Writes to a closed stderr are dropped the same way. For the CLI and the developer tools.
 */
let closedOutputHandled = false;
export function endQuietlyOnClosedOutput(): void {
  if (closedOutputHandled) return;
  closedOutputHandled = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    throw err;
  });
  process.stderr.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}
