// A log line that cannot be written is dropped: nothing is left to report it to. Without a
// listener, a write to output whose reader is gone (a closed `| tee`, a restarted log collector)
// fails with EPIPE as an uncaught exception, which Next's handler logs, which fails again: the
// server spun at 100 % CPU and never stopped on SIGTERM (server/log-streams.test.ts). Imported
// first by the entry point that serves.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
