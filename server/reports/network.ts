import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network an address belongs to, for the per-network cap: an IPv4 address as is, an
 * IPv6 address by its /64 prefix (one household or phone is usually handed a whole /64 and
 * may rotate through it), and an IPv4-mapped IPv6 address as its IPv4 address.
 */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The 8 hextets of an IPv6 address, lowercase and without leading zeros. */
function expandIPv6(ip: string): string[] {
  const address = ip.split('%')[0]!.toLowerCase();
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const hextets = tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  return hextets.map((hextet) => (hextet.includes('.') ? hextet : parseInt(hextet, 16).toString(16)));
}
