// Child-process entry of the Zoom emulator. Listens on 127.0.0.1 (port from --port, default 0 for
// any free port), prints exactly one line "LISTENING <port>" on stdout when ready, and exits on
// SIGTERM, SIGINT or when stdin closes, so that no emulator outlives the process that started it.
import type { AddressInfo } from 'node:net';
import { createEmulatorServer } from './server';

function parsePort(argv: string[]): number {
  const index = argv.indexOf('--port');
  const text = index >= 0 ? argv[index + 1] : '0';
  const port = Number(text);

  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid --port value: ${text}. Expected an integer from 0 to 65535.`);
  }

  return port;
}

function main(): void {
  const server = createEmulatorServer();
  let stopping = false;

  const stop = (): void => {
    if (stopping) return;

    stopping = true;
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };

  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();

  server.listen(parsePort(process.argv.slice(2)), '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;

    process.stdout.write(`LISTENING ${port}\n`);
  });
}

main();
