/** A paired phone as the console lists it. */
export interface DeviceView {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** A one-time pairing code and the URL its QR code opens on the phone. */
export interface PairingCode {
  code: string;
  expiresAt: string;
  pairUrl: string;
}

/** The console's calls for phones: pairing codes, the device list, revocation. */
export interface DevicesApi {
  createPairingCode(): Promise<PairingCode>;
  list(all: boolean): Promise<DeviceView[]>;
  revoke(id: string): Promise<DeviceView>;
}

/** Calls the devices API of the relay at `relayUrl` with the console's login token. */
export function createDevicesApi(relayUrl: string, token: string, fetchFn: typeof fetch = (...args) => fetch(...args)): DevicesApi {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetchFn(`${relayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) throw new Error(json.error ?? `The relay answered ${response.status}`);
    return json as T;
  };
  return {
    createPairingCode: () => call('POST', '/api/v1/devices/pairing-codes', {}),
    list: async (all) => (await call<{ devices: DeviceView[] }>('GET', `/api/v1/devices${all ? '?all=1' : ''}`)).devices,
    revoke: async (id) => (await call<{ device: DeviceView }>('DELETE', `/api/v1/devices/${encodeURIComponent(id)}`)).device,
  };
}
