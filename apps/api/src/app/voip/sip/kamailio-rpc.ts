import { Logger } from '@nestjs/common';

/** An answer of Kamailio's JSON-RPC that is an error (a fault of the command), or no answer at all. */
export class KamailioRpcError extends Error {
  constructor(
    message: string,
    /** The fault code Kamailio gave; undefined when it could not be reached or answered garbage. */
    readonly code?: number,
  ) {
    super(message);
    this.name = 'KamailioRpcError';
  }
}

/** One dialog as `dlg.dlg_list` prints it (the fields used here). */
interface DialogEntry {
  h_entry?: number;
  h_id?: number;
}

/** How long a command may take: the callers are requests and hang-ups that must not hang with Kamailio. */
const RPC_TIMEOUT_MS = 2000;

/**
 * Kamailio's JSON-RPC over HTTP (the jsonrpcs module at SIP_RPC_URL, Kamailio 5.6): the commands the API needs of the
 * registrar (usrloc) and the dialog module. Every command is a POST of {jsonrpc, method, params, id}; a fault comes
 * back as {error: {code, message}}.
 */
export class KamailioRpc {
  private readonly logger = new Logger('KamailioRpc');
  private nextId = 1;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = RPC_TIMEOUT_MS,
  ) {}

  async call<T = unknown>(method: string, params: unknown[]): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method, params, id: this.nextId++ }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new KamailioRpcError(`${method}: Kamailio is unreachable (${(error as Error).message})`);
    }
    let body: { result?: T; error?: { code?: number; message?: string } };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new KamailioRpcError(`${method}: Kamailio answered HTTP ${response.status} without JSON`);
    }
    if (body.error) {
      throw new KamailioRpcError(`${method}: ${body.error.message ?? 'fault'}`, body.error.code ?? response.status);
    }
    return body.result as T;
  }

  /**
   * Whether the address of record has a registered contact: `ul.lookup location <aor>` answers the contacts, or a
   * fault ("AOR not found in location table", "AOR has no contacts"). An unreachable Kamailio counts as none.
   */
  async isRegistered(aor: string): Promise<boolean> {
    try {
      const result = await this.call<{ Contacts?: unknown[] } | null>('ul.lookup', ['location', aor]);
      return Array.isArray(result?.Contacts) && result.Contacts.length > 0;
    } catch (error) {
      if ((error as KamailioRpcError).code === undefined) this.logger.warn((error as Error).message);
      return false;
    }
  }

  /**
   * Ends the dialog of a Call-ID, sending BYE both ways: `dlg.dlg_list <callid>` gives its hash entry and id (no
   * tags needed, unlike dlg.terminate_dlg), then `dlg.end_dlg <h_entry> <h_id>`. Returns how many dialogs it ended;
   * failures are logged, never thrown: the call row is already final, the SIP server's own timers end the rest.
   */
  async endDialog(callId: string): Promise<number> {
    try {
      const listed = await this.call<DialogEntry | DialogEntry[] | null>('dlg.dlg_list', [callId]);
      const dialogs = (Array.isArray(listed) ? listed : listed ? [listed] : []).filter(
        (d) => Number.isInteger(d.h_entry) && Number.isInteger(d.h_id),
      );
      for (const dialog of dialogs) await this.call('dlg.end_dlg', [dialog.h_entry, dialog.h_id]);
      return dialogs.length;
    } catch (error) {
      this.logger.warn(`Could not end the dialog of a call: ${(error as Error).message}`);
      return 0;
    }
  }
}
