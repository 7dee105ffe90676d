// `npm run emulator -- [--port N] [--host H] [--seed default|empty] [--instances N] [--data FILE] [--token-lifetime S]
//   [--fault '{"path":"/process/next$","kind":"status","status":503}']` (repeatable)
import { startEmulator, type EmulatorOptions, type FaultRule } from './index';

function parseArgs(argv: string[]): EmulatorOptions {
  const opts: EmulatorOptions = { port: 5101 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    const int = (): number => {
      const n = Number(need());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
      return n;
    };
    switch (flag) {
      case '--port': opts.port = int(); break;
      case '--host': opts.host = need(); break;
      case '--seed': {
        const s = need();
        if (s !== 'default' && s !== 'empty') throw new Error('--seed must be default or empty');
        opts.seed = s;
        break;
      }
      case '--instances': opts.instancesPerApp = int(); break;
      case '--data': opts.dataFile = need(); break;
      case '--token-lifetime': opts.tokenLifetimeSeconds = int(); break;
      case '--fault': opts.faults = [...(opts.faults ?? []), JSON.parse(need()) as FaultRule]; break;
      case '--help':
        process.stdout.write('Usage: npm run emulator -- [--port N] [--host H] [--seed default|empty] [--instances N] [--data FILE] [--token-lifetime SECONDS] [--fault RULE_JSON]...\n');
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const emu = await startEmulator(opts);
  process.stdout.write(`Altinn emulator listening on ${emu.url} (ready in ${Date.now() - started} ms)\n`);
  process.stdout.write(`  user token:  ${emu.url}/Home/GetTestUserToken/1337\n`);
  process.stdout.write(`  org token:   ${emu.url}/Home/GetTestOrgToken/ttd?orgNumber=405003309&scopes=altinn:serviceowner/instances.read%20altinn:serviceowner/instances.write\n`);
  process.stdout.write(`  apps:        ${emu.url}/storage/api/v1/applications\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator: ${(e as Error).message}\n`);
  process.exit(1);
});
