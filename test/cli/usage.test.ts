// Conventions every command keeps: --help, exit code 2 for wrong usage with the error on stderr,
// no colours when the output is not a terminal.
import * as assert from 'node:assert/strict';
import { ANSI, assertBuilt, CliHome, hasCommand, runCli, runInTerminal } from './helpers';

const COMMANDS = [
  'env list', 'env add', 'env remove', 'login', 'logout', 'whoami', 'apps', 'instances', 'instance show',
  'instance complete', 'data get', 'data put', 'data upload', 'process next', 'export',
];

describe('cli: usage and conventions', function () {
  this.timeout(120_000);
  let home: CliHome;

  before(async () => {
    assertBuilt();
    home = await CliHome.create();
  });
  after(() => home?.dispose());

  it('prints help for every command, with exit code 0 and nothing on stderr', async () => {
    for (const name of COMMANDS) {
      const r = await runCli([...name.split(' '), '--help'], { env: home.env() });
      assert.equal(r.code, 0, `${name} --help: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^Usage: altinn-explorer ${name} `), name);
      assert.match(r.stdout, /Global options:[\s\S]*--json/, name);
      assert.equal(r.stderr, '', name);
      assert.doesNotMatch(r.stdout, ANSI, `${name}: colours on a pipe`);
    }
  });

  it('lists every command in the program help', async () => {
    const r = await runCli(['--help'], { env: home.env() });
    assert.equal(r.code, 0);
    for (const name of COMMANDS) assert.ok(r.stdout.includes(`  ${name} `), name);
    const group = await runCli(['data', '--help'], { env: home.env() });
    assert.equal(group.code, 0);
    assert.match(group.stdout, /data get[\s\S]*data put[\s\S]*data upload/);
  });

  it('answers wrong usage with exit code 2 and a message on stderr only', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage: altinn-explorer COMMAND/],
      [['frobnicate'], /Unknown command "frobnicate"/],
      [['data', 'fetch'], /Unknown data subcommand "fetch"/],
      [['apps'], /Missing ORG/],
      [['apps', 'ttd', '--bogus'], /Unknown option '--bogus'/],
      [['apps', 'TTD!'], /Invalid organisation code/],
      [['instances', 'not-an-app'], /Invalid app id/],
      [['instances', 'ttd/building-permit', '--active', '--archived'], /only one of --active, --completed and --archived/],
      [['instances', 'ttd/building-permit', '--since', 'yesterday'], /Invalid date "yesterday"/],
      [['instances', 'ttd/building-permit', '--limit', 'many'], /--limit must be a whole number/],
      [['instance', 'show', '501337/not-a-guid'], /not a GUID/],
      [['data', 'get', '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e', 'nope'], /Invalid data element id/],
      [['export', 'ttd/building-permit'], /--out DIR is required/],
      [['export', 'ttd/building-permit', '--out', 'x', '--concurrency', '99'], /--concurrency must be a whole number from 1 to 32/],
      [['login'], /Choose how to sign in/],
      [['login', '--test-user', '1337', '--token'], /Choose one way to sign in/],
      [['login', '--token', 'eyJhbGciOi.eyJzdWIiOi.sig'], /Unexpected argument/],
      [['env', 'add', 'x', '--kind', 'mainframe'], /--kind must be one of/],
      [['env', 'add', 'x', '--kind', 'custom', '--url', 'http://altinn.example.com'], /plain http/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { env: home.env() });
      assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}, stderr ${r.stderr}`);
      if (args.length === 0) assert.match(r.stdout, message);
      else {
        assert.match(r.stderr, message, args.join(' '));
        assert.equal(r.stdout, '', `${args.join(' ')} wrote to stdout`);
      }
    }
  });

  it('uses colours on a terminal only, and never with NO_COLOR or --no-color', async function () {
    if (!hasCommand('script')) {
      console.log('      skipped: util-linux "script" (pseudo-terminal) is not installed');
      this.skip();
    }
    const add = await runCli(['env', 'add', 'local', '--kind', 'emulator', '--url', 'http://127.0.0.1:9'], { env: home.env() });
    assert.equal(add.code, 0, add.stderr);
    const tty = await runInTerminal(['env', 'list'], { env: home.env() });
    assert.equal(tty.code, 0, tty.stdout);
    assert.match(tty.stdout, ANSI, 'no colours on a terminal');
    for (const extra of [{ env: home.env({ NO_COLOR: '1' }), args: [] }, { env: home.env(), args: ['--no-color'] }]) {
      const plain = await runInTerminal(['env', 'list', ...extra.args], { env: extra.env });
      assert.equal(plain.code, 0, plain.stdout);
      assert.match(plain.stdout, /local \(default\)/);
      assert.doesNotMatch(plain.stdout, ANSI);
    }
    const piped = await runCli(['env', 'list'], { env: home.env() });
    assert.doesNotMatch(piped.stdout, ANSI);
    const removed = await runCli(['env', 'remove', 'local'], { env: home.env() });
    assert.equal(removed.code, 0, removed.stderr);
  });

  it('prints its version', async () => {
    const r = await runCli(['--version'], { env: home.env() });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('fails with exit code 1 and a hint when no environment is configured', async () => {
    const r = await runCli(['apps', 'ttd'], { env: home.env() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No environment is configured/);
    assert.match(r.stderr, /env add/);
  });
});
