import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KamailioRpc } from './kamailio-rpc';

interface Received {
  method: string;
  params: unknown[];
}

/** A stand-in for Kamailio's jsonrpcs: answers each method with the given handler's {result} or {error}. */
async function fakeKamailio(
  handler: (method: string, params: unknown[]) => { result?: unknown; error?: { code: number; message: string } },
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { method, params, id } = JSON.parse(body) as { method: string; params: unknown[]; id: number };
      received.push({ method, params });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ jsonrpc: '2.0', id, ...handler(method, params) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/RPC`, received, server };
}

describe('KamailioRpc', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('asks ul.lookup location <aor>: registered with contacts; a fault or no contact is not', async () => {
    const fake = await fakeKamailio((_method, params) =>
      params[1] === 'u7@localhost'
        ? { result: { AoR: 'u7', Contacts: [{ Contact: { Address: 'sip:x@y;transport=ws' } }] } }
        : { error: { code: 500, message: 'AOR not found in location table' } },
    );
    servers.push(fake.server);
    const rpc = new KamailioRpc(fake.url);
    expect(await rpc.isRegistered('u7@localhost')).toBe(true);
    expect(await rpc.isRegistered('u8@localhost')).toBe(false);
    expect(fake.received).toEqual([
      { method: 'ul.lookup', params: ['location', 'u7@localhost'] },
      { method: 'ul.lookup', params: ['location', 'u8@localhost'] },
    ]);
  });

  it('counts an unreachable Kamailio as no softphone, and ends no dialog, without throwing', async () => {
    const rpc = new KamailioRpc('http://127.0.0.1:9/RPC', 500);
    expect(await rpc.isRegistered('u7@localhost')).toBe(false);
    expect(await rpc.endDialog('abc@host')).toBe(0);
  });

  it('ends a dialog by its Call-ID: dlg.dlg_list gives h_entry and h_id, dlg.end_dlg ends each', async () => {
    const fake = await fakeKamailio((method) =>
      method === 'dlg.dlg_list'
        ? { result: [{ h_entry: 342, h_id: 56, 'call-id': 'abc@host', state: 4 }] }
        : { result: null },
    );
    servers.push(fake.server);
    expect(await new KamailioRpc(fake.url).endDialog('abc@host')).toBe(1);
    expect(fake.received).toEqual([
      { method: 'dlg.dlg_list', params: ['abc@host'] },
      { method: 'dlg.end_dlg', params: [342, 56] },
    ]);
  });

  it('reads a single dialog answered as an object, and ends nothing when there is none', async () => {
    const fake = await fakeKamailio((method, params) =>
      method === 'dlg.dlg_list' ? { result: params[0] === 'one@host' ? { h_entry: 1, h_id: 2 } : null } : {},
    );
    servers.push(fake.server);
    const rpc = new KamailioRpc(fake.url);
    expect(await rpc.endDialog('one@host')).toBe(1);
    expect(await rpc.endDialog('none@host')).toBe(0);
    expect(fake.received.map((r) => r.method)).toEqual(['dlg.dlg_list', 'dlg.end_dlg', 'dlg.dlg_list']);
  });

  it('turns a fault into a KamailioRpcError with its code', async () => {
    const fake = await fakeKamailio(() => ({ error: { code: 404, message: 'Dialog not found' } }));
    servers.push(fake.server);
    await expect(new KamailioRpc(fake.url).call('dlg.end_dlg', [1, 2])).rejects.toMatchObject({
      name: 'KamailioRpcError',
      code: 404,
      message: 'dlg.end_dlg: Dialog not found',
    });
  });
});
