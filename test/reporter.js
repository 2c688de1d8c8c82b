// Mocha reporter shared by every test tier: the usual spec output, then one machine-readable
// line that scripts/test-all.mjs sums up:
//   CLN-RESULT {"tier":"unit","passed":N,"failed":N,"pending":N}
// Tier name: env CLN_TEST_TIER, else reporterOptions.tier, else "unit".
// Plain CommonJS on purpose: the unit tier (.mocharc.json), the extension host suite
// (test/suite/index.ts, by absolute path) and the UI tier all load it without compiling.
'use strict';

const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class ClnReporter extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const reporterOptions = options.reporterOptions || options.reporterOption || {};
    const tier = process.env.CLN_TEST_TIER || reporterOptions.tier || 'unit';
    // Registered after Spec's own run-end handler, so the line comes after the epilogue.
    runner.once(EVENT_RUN_END, () => {
      const stats = this.stats || runner.stats || {};
      const result = {
        tier,
        passed: stats.passes || 0,
        failed: stats.failures || 0,
        pending: stats.pending || 0,
      };
      Mocha.reporters.Base.consoleLog(`CLN-RESULT ${JSON.stringify(result)}`);
    });
  }
}

ClnReporter.description = 'spec output plus a CLN-RESULT summary line';

module.exports = ClnReporter;
