// Raw baseline over stdio: newline-delimited JSON-RPC on stdin/stdout, no framework.
import { rawHandleText } from '../support/raw-rpc.js';
import { exitOnSignals } from './network.js';

exitOnSignals();
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffer += chunk;
  let newline: number;
  let out = '';
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    if (!line.trim()) continue;
    const response = rawHandleText(line);
    if (response) out += `${response}\n`;
  }
  if (out) process.stdout.write(out);
});
process.stdin.on('end', () => process.exit(0));
