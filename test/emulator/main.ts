// `npm run emulator -- [--profile default|localtest|studioctl] [--port N] [--platform-port N] [--host H] [--seed default|empty]
//   [--instances N] [--data FILE] [--token-lifetime S] [--fault '{"path":"/process/next$","kind":"status","status":503}']` (repeatable)
import { startEmulator, type EmulatorOptions, type FaultRule } from './index';
import { PROFILES, type ProfileName } from './profiles';

const USAGE = 'Usage: npm run emulator -- [--profile default|localtest|studioctl] [--port N] [--platform-port N] [--host H] [--seed default|empty] [--instances N] [--data FILE] [--token-lifetime SECONDS] [--fault RULE_JSON]...\n';

/**
 * Ports as each setup uses them: localtest's own port is 5101, studioctl's ingress 8000; app-localtest's
 * nginx is on 80 (ALTINN3LOCAL_PORT), which needs privileges, so the profile takes 8000 unless told.
 * Altinn/app-localtest docker-compose.yml; Altinn/altinn-studio src/cli/internal/envtopology/topology.yaml
 */
const DEFAULT_PORTS: Record<ProfileName, number> = { default: 5101, localtest: 8000, studioctl: 8000 };

function parseArgs(argv: string[]): EmulatorOptions {
  const opts: EmulatorOptions = {};
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
      case '--platform-port': opts.platformPort = int(); break;
      case '--profile': {
        const p = need();
        if (!(PROFILES as readonly string[]).includes(p)) throw new Error(`--profile must be one of ${PROFILES.join(', ')}`);
        opts.profile = p as ProfileName;
        break;
      }
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
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  opts.port ??= DEFAULT_PORTS[opts.profile ?? 'default'];
  if (opts.profile === 'localtest' || opts.profile === 'studioctl') opts.platformPort ??= 5101;
  else if (opts.platformPort !== undefined) throw new Error('--platform-port is for the localtest and studioctl profiles only');
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const emu = await startEmulator(opts);
  const profile = emu.profile === 'default' ? '' : `, profile ${emu.profile}`;
  process.stdout.write(`Altinn emulator listening on ${emu.url} (ready in ${Date.now() - started} ms${profile})\n`);
  if (emu.profile === 'localtest') process.stdout.write(`  localtest:   ${emu.platformUrl} (the platform; ${emu.url} is nginx)\n`);
  if (emu.profile === 'studioctl') process.stdout.write(`  localtest:   ${emu.platformUrl} (the same container as ${emu.url})\n`);
  if (emu.profile === 'studioctl') process.stdout.write(`  app routes:  only for the host local.altinn.cloud, as http://local.altinn.cloud:${new URL(emu.url).port}/{org}/{app}\n`);
  process.stdout.write(`  user token:  ${emu.platformUrl}/Home/GetTestUserToken/1337\n`);
  process.stdout.write(`  org token:   ${emu.platformUrl}/Home/GetTestOrgToken/ttd?orgNumber=405003309&scopes=altinn:serviceowner/instances.read%20altinn:serviceowner/instances.write\n`);
  process.stdout.write(`  apps:        ${emu.platformUrl}/storage/api/v1/applications\n`);
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
