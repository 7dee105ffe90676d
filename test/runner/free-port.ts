import * as net from 'node:net';

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/** The preferred port when it is free on 127.0.0.1, otherwise one the OS picks. */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred !== undefined) {
    const port = await tryListen(preferred);
    if (port !== undefined) {
      return port;
    }
  }
  const port = await tryListen(0);
  if (port === undefined) {
    throw new Error('no free TCP port on 127.0.0.1');
  }
  return port;
}
