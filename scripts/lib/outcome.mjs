/**
 * The end of a test run: the first of the run's own result, Ctrl+C / SIGTERM, or the time limit.
 * `finish({ code, why })` settles it; later calls are ignored. Call `stopTimer()` once it has settled.
 * @param {number} limitMs
 * @param {string} limitSetting the environment variable that sets the limit, named in the message
 */
export function runOutcome(limitMs, limitSetting) {
  /** @type {(result: { code: number, why: string }) => void} */
  let finish;
  /** @type {Promise<{ code: number, why: string }>} */
  const outcome = new Promise((resolve) => (finish = resolve));
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => finish({ code: 130, why: `got ${sig}` }));
  const timer = setTimeout(() => finish({ code: 1, why: `time limit of ${Math.round(limitMs / 1000)}s (${limitSetting}) reached` }), limitMs);
  return { outcome, finish, stopTimer: () => clearTimeout(timer) };
}
