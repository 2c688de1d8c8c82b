// `npm run test:electron`: runs the extension-host suite (out/test/suite) in a desktop VS Code
// downloaded by @vscode/test-electron. Needs access to update.code.visualstudio.com; CI and
// offline machines run the same suite in code-server instead (npm run test:host).
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // Compiled to out/test/runElectron.js: the repository root is two levels up.
  const extensionDevelopmentPath = path.resolve(__dirname, '..', '..');
  const extensionTestsPath = path.resolve(__dirname, 'suite', 'index');
  const exitCode = await runTests({
    version: process.env.CLN_VSCODE_VERSION || 'stable',
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { CLN_TEST_TIER: process.env.CLN_TEST_TIER || 'host' },
  });
  process.exitCode = exitCode;
}

main().catch((err: unknown) => {
  console.error('Failed to run the extension-host tests under @vscode/test-electron:', err);
  process.exit(1);
});
