// Preloaded (node --require) by test/sandbox/hostile.test.ts into the moonbox
// command it runs: reports the process's peak resident memory on exit, as the
// last line of stderr, so the test can check it against the memory limit.
process.on('exit', () => {
  process.stderr.write(`\nmaxrss ${process.resourceUsage().maxRSS}\n`);
});
