import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SipEvent } from './sip-events';
import type { SipEventKind } from './sip-event.entity';

interface SipEventRow {
  id: string | number;
  sip_call_id: string;
  event: SipEventKind;
  sip_code: number | null;
  occurred_at_ms: string | number;
}

/** Every query of sip_events (sql/009), the inbox Kamailio writes into; only the SIP event worker reads it. */
@Injectable()
export class SipEventRepository {
  /**
   * Up to `limit` unprocessed events, oldest first, locked FOR UPDATE and skipping those another instance holds
   * (run it in a READ COMMITTED transaction, like the engine's claim). Reads idx_sip_events_unprocessed.
   */
  async claim(limit: number, manager: EntityManager): Promise<SipEvent[]> {
    const rows: SipEventRow[] = await manager.query(
      `SELECT id, sip_call_id, event, sip_code, occurred_at_ms FROM sip_events
        WHERE processed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      sipCallId: row.sip_call_id,
      event: row.event,
      sipCode: row.sip_code === null ? null : Number(row.sip_code),
      occurredAtMs: Number(row.occurred_at_ms),
    }));
  }

  /**
   * The id of the earliest unprocessed event of each Call-ID, locked or not (a plain read: it sees the events other
   * instances have claimed and not yet committed). The unprocessed rows are few: idx_sip_events_unprocessed.
   */
  async firstUnprocessed(sipCallIds: string[], manager: EntityManager): Promise<Map<string, number>> {
    if (sipCallIds.length === 0) return new Map();
    const rows: { sip_call_id: string; first: string | number }[] = await manager.query(
      `SELECT sip_call_id, MIN(id) AS first FROM sip_events
        WHERE processed_at IS NULL AND sip_call_id IN (?) GROUP BY sip_call_id`,
      [sipCallIds],
    );
    return new Map(rows.map((row) => [row.sip_call_id, Number(row.first)]));
  }

  async markProcessed(ids: number[], at: Date, manager: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await manager.query('UPDATE sip_events SET processed_at = ? WHERE id IN (?)', [at, ids]);
  }
}
