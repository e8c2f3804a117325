// Preloaded (`node -r ./bench/cpu-report.cjs …`) into each timed process: on exit it writes the
// process's CPU time and peak memory to stderr as one line `bench-usage <cpu ms> <max RSS MB>`.
process.on("exit", () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nbench-usage ${((u.userCPUTime + u.systemCPUTime) / 1000).toFixed(0)} ${(u.maxRSS / 1024).toFixed(0)}\n`);
});
