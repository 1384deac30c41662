// The addresses a live server answers to. A connection's token is signed for the address its client
// dialled (live/auth.ts); the server takes only tokens made for one of its own, so that a token
// given to another server (a hostile one, relaying) is no good here.
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** `host:port` as a client writes it in a URL: an IPv6 address in brackets. */
export const hostAndPort = (host: string, port: number): string => `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || host.startsWith('127.');

/**
 * Every `host:port` (lower case) a client may reach a server bound to `bound` at `port` by: that
 * address (and localhost on a loopback one), or, bound to every interface, each interface's address,
 * this machine's name and localhost.
 */
export function serverAddresses(bound: string, port: number): Set<string> {
  const names = new Set<string>();
  if (WILDCARDS.has(bound)) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address.replace(/%.*$/, ''));
    names.add(hostname()).add('localhost');
  } else {
    names.add(bound);
    if (isLoopback(bound)) names.add('localhost').add('127.0.0.1');
  }
  return new Set([...names].map((name) => hostAndPort(name, port).toLowerCase()));
}
