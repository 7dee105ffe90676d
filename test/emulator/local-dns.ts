// local.altinn.cloud resolves to 127.0.0.1 in public DNS, and studioctl writes it into the hosts file
// (Altinn/altinn-studio src/cli/internal/cmd/env/localtest/hostsfile.go). Test machines may have neither,
// so tests that must send that Host name answer the lookup themselves, in this process only.
import dns from 'node:dns';
import { LOCALTEST_HOST } from './profiles';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Makes `dns.lookup` (which node:http uses) answer 127.0.0.1 for local.altinn.cloud; returns the undo. */
export function resolveLocalAltinnCloud(): () => void {
  const original = dns.lookup;
  const patched = function (hostname: string, options: unknown, callback?: LookupCallback): void {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    if (hostname.toLowerCase() !== LOCALTEST_HOST) {
      return (original as (...args: unknown[]) => void).call(dns, hostname, options, callback);
    }
    const all = typeof options === 'object' && options !== null && (options as dns.LookupOptions).all;
    process.nextTick(() => (all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)));
  };
  (dns as { lookup: unknown }).lookup = patched;
  return () => {
    (dns as { lookup: unknown }).lookup = original;
  };
}
