/**
 * A throwaway nginx (from Debian: /usr/sbin/nginx) on a free port with its own temp prefix,
 * balancing round-robin, with no affinity, over `upstreams`; SSE passes through unbuffered, each
 * answer says which node gave it (`X-Upstream`), and
 * a request whose node refuses the connection goes to the next one.
 *
 * @example
 * const balancer = await startNginx(['http://127.0.0.1:4001', 'http://127.0.0.1:4002']);
 * await fetch(`${balancer.url}/mcp`, …);
 * await balancer.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { until } from './until.js';

export interface NginxProcess {
  /** The balancer's base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  stop(): Promise<void>;
}

const NGINX = process.env['NGINX'] ?? '/usr/sbin/nginx';

function config(dir: string, port: number, upstreams: readonly string[]): string {
  const hosts = upstreams.map((url) => new URL(url).host);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`)
    .join('\n');
  return `${process.getuid?.() === 0 ? 'user root root;\n' : ''}daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 8192; }
http {
  access_log off;
${temp}
  upstream mcp {
${hosts.map((host) => `    server ${host} max_fails=1 fail_timeout=1s;`).join('\n')}
    keepalive 128;
    # Below Node's 5 s keepAliveTimeout, so nginx never reuses a socket the node is closing (a 502 for a POST).
    keepalive_timeout 3s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://mcp;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

export async function startNginx(upstreams: readonly string[]): Promise<NginxProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rxmcp-nginx-'));
  for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, kind));
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, config(dir, port, upstreams));
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', file, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  await until(() => {
    if (exited) throw new Error(`nginx exited: ${output}`);
    void fetch(`${url}/nginx-probe`).then(
      () => (up = true),
      () => undefined,
    );
    return up;
  }, `nginx on port ${port}`);
  return {
    url,
    stop: async () => {
      if (!exited) {
        const done = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
