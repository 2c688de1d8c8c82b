/**
 * `npm run sim`: starts the CLN simulator on loopback and prints how to use it.
 * Flags: --port N, --size demo|large, --latency MS, --seed N. Stops on Ctrl+C.
 */
import { startSimulator } from './index';

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const eq = args[i].indexOf('=');
  return eq >= 0 ? args[i].slice(eq + 1) : args[i + 1];
}

function whole(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} expects a whole number, got "${text}"`);
  return Number(text);
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: npm run sim -- [--port N] [--size demo|large] [--latency MS] [--seed N]');
    return;
  }
  const size = flag(argv, 'size') ?? 'demo';
  if (size !== 'demo' && size !== 'large') throw new Error(`--size is demo or large, got "${size}"`);
  const sim = await startSimulator({
    port: whole(flag(argv, 'port'), 'port', 0),
    size,
    latencyMs: whole(flag(argv, 'latency'), 'latency', 0),
    seed: whole(flag(argv, 'seed'), 'seed', 1),
  });
  console.log(`CLN simulator (${size} account) listening at ${sim.url}`);
  console.log(`  login:      ${sim.credentials.login}`);
  console.log(`  secret key: ${sim.credentials.secretKey}`);
  console.log(`Point the extension at it: set "cln.apiUrl": "${sim.url}" in settings, then run "CLN: Sign In" with the login and secret key above.`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
