/**
 * @module
 * DNS-rebinding protection: refuse requests whose `Host` (or `Origin`) is not an allowed one, so
 * a web page on an attacker's domain that resolves to 127.0.0.1 cannot talk to a local server.
 */
import { headerOf, type HeaderSource } from './http-utils.js';

/** Options of {@link checkDnsRebinding}. */
export interface DnsRebindingOptions {
  /**
   * Allowed `Host` values: a host name (any port) or `host:port` (that port only). IPv6
   * addresses go in brackets.
   *
   * @defaultValue `['localhost', '127.0.0.1', '[::1]']`
   */
  allowedHosts?: readonly string[];
  /**
   * Allowed `Origin` values (checked only when the header is present): `scheme://host` (any
   * port) or `scheme://host:port`; `'*'` allows any origin.
   *
   * @defaultValue `http://` and `https://` origins of every port-less entry of `allowedHosts`
   */
  allowedOrigins?: readonly string[];
}

/** The hosts allowed when none are configured. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Whether `host` (as given to `listen`) is a loopback name, where protection is on by default. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || (host?.startsWith('127.') ?? false);
}

/**
 * Checks `Host` and `Origin` against the allow-lists; returns why the request is refused, or
 * `undefined` when it may proceed.
 *
 * @example
 * checkDnsRebinding({ host: 'localhost:3000' }) // undefined
 * checkDnsRebinding({ host: 'evil.example' })   // 'Invalid Host header: evil.example'
 */
export function checkDnsRebinding(headers: HeaderSource, options: DnsRebindingOptions = {}): string | undefined {
  const allowedHosts = options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS;
  const host = headerOf(headers, 'host');
  if (!host || !matchesHost(host, allowedHosts)) return `Invalid Host header: ${host ?? '(missing)'}`;
  const origin = headerOf(headers, 'origin');
  if (origin !== undefined) {
    const allowedOrigins = options.allowedOrigins ?? defaultAllowedOrigins(allowedHosts);
    if (!originMatches(origin, allowedOrigins)) return `Invalid Origin header: ${origin}`;
  }
  return undefined;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function matchesHost(host: string, allowed: readonly string[]): boolean {
  const url = parse(`http://${host}`);
  if (!url || url.username || url.pathname !== '/') return false;
  return allowed.some((entry) => {
    const wanted = parse(`http://${entry}`);
    if (!wanted) return false;
    return wanted.hostname === url.hostname && (wanted.port === '' || wanted.port === url.port);
  });
}

/**
 * The origins allowed when none are configured: `http://` and `https://` of every port-less
 * allowed host.
 *
 * @example
 * defaultAllowedOrigins(['localhost', 'example.com:8080']) // ['http://localhost', 'https://localhost']
 */
export function defaultAllowedOrigins(allowedHosts: readonly string[] = DEFAULT_ALLOWED_HOSTS): string[] {
  return allowedHosts.filter((h) => parse(`http://${h}`)?.port === '').flatMap((h) => [`http://${h}`, `https://${h}`]);
}

/**
 * Whether an `Origin` header value matches an allow-list entry: same scheme and host name, and
 * the same port when the entry names one; `'*'` matches any origin, `null` only `'*'`.
 *
 * @example
 * originMatches('http://localhost:5173', ['http://localhost']) // true
 * originMatches('http://localhost:5173', ['http://localhost:3000']) // false
 */
export function originMatches(origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  const url = parse(origin);
  if (!url || origin === 'null') return false;
  return allowed.some((entry) => {
    const wanted = parse(entry);
    if (!wanted) return false;
    const explicitPort = /:\d+\/?$/.test(entry);
    return (
      wanted.protocol === url.protocol &&
      wanted.hostname === url.hostname &&
      (!explicitPort || wanted.port === url.port)
    );
  });
}

/**
 * Whether a server bound to `host` protects itself against DNS rebinding unless told otherwise:
 * yes on a loopback host, or when allowed hosts are configured.
 *
 * @example
 * const protection = options.dnsRebindingProtection ?? protectsByDefault(host, options.allowedHosts);
 */
export function protectsByDefault(host: string, allowedHosts: readonly string[] | undefined): boolean {
  return isLoopbackHost(host) || allowedHosts !== undefined;
}
