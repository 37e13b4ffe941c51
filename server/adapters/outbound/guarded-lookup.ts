import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { AddressGuard } from './address-guard.js';

/** The error a refused destination fails with; its message names no address, host or port. */
export class DestinationRefusedError extends Error {
  override readonly name = 'DestinationRefusedError';
  /** The code the outbound fetch and the notifiers tell a refusal apart by. */
  readonly code = 'KLAXON_DESTINATION_REFUSED';

  /** Builds the refusal; the message is the same for every destination. */
  constructor() {
    super('the destination is not allowed');
  }
}

/** The `lookup` signature `net.connect` (and so `http.request`) calls to resolve a host name. */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * Wraps DNS resolution for outbound connections: the name is resolved once, and when any address it
 * resolves to is refused by the guard the connection fails with a `DestinationRefusedError`. Because
 * the socket connects to exactly the addresses checked here, a name that resolves elsewhere on a
 * second lookup (DNS rebinding) cannot slip past.
 */
export function guardedLookup(guard: AddressGuard, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '');
      if (addresses.length === 0 || addresses.some((a) => !guard.allows(a.address))) {
        return callback(new DestinationRefusedError(), '');
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      return callback(null, first.address, first.family);
    });
  };
}
