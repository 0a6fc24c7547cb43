/** One dispatched Server-Sent Event. */
export interface SseMessage {
  /** The `event:` field, or "message" when the frame named none. */
  event: string;
  /** The `data:` lines of the frame, joined by newlines. */
  data: string;
  /** The last `id:` seen on the stream ("" when none). */
  lastEventId: string;
}

/**
 * An incremental parser for the `text/event-stream` format (WHATWG HTML §9.2.6), fed with decoded text as it
 * arrives. Chunks may split a frame, a line or a CRLF anywhere; lines may end with CRLF, LF or CR; `data:` lines
 * accumulate until a blank line ends the frame; lines starting with ":" are comments (the server's heartbeats);
 * a frame without data is dropped.
 */
export class SseParser {
  private buffer = '';
  private eventType = '';
  private dataLines: string[] = [];
  private lastEventId = '';
  private atStreamStart = true;
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to the same line break. */
  private pendingCarriageReturn = false;
  /** The reconnection time the server asked for with `retry:`, in milliseconds. */
  retryMs: number | null = null;

  /** Parses one chunk and returns the frames it completed, in order. */
  feed(chunk: string): SseMessage[] {
    let text = chunk;
    if (this.atStreamStart && text.length > 0) {
      this.atStreamStart = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    if (this.pendingCarriageReturn && text.startsWith('\n')) {
      text = text.slice(1);
    }
    this.pendingCarriageReturn = false;

    const messages: SseMessage[] = [];
    const buffer = this.buffer + text;
    let lineStart = 0;
    for (let index = 0; index < buffer.length; index++) {
      const character = buffer[index];
      if (character !== '\n' && character !== '\r') {
        continue;
      }
      const line = buffer.slice(lineStart, index);
      if (character === '\r') {
        if (index + 1 < buffer.length) {
          if (buffer[index + 1] === '\n') {
            index++;
          }
        } else {
          this.pendingCarriageReturn = true;
        }
      }
      lineStart = index + 1;
      this.processLine(line, messages);
    }
    this.buffer = buffer.slice(lineStart);
    return messages;
  }

  private processLine(line: string, messages: SseMessage[]): void {
    if (line === '') {
      this.dispatch(messages);
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.lastEventId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) {
          this.retryMs = Number(value);
        }
        break;
      default:
      // Unknown fields are ignored, as the format requires.
    }
  }

  private dispatch(messages: SseMessage[]): void {
    if (this.dataLines.length > 0) {
      messages.push({
        event: this.eventType || 'message',
        data: this.dataLines.join('\n'),
        lastEventId: this.lastEventId,
      });
    }
    this.eventType = '';
    this.dataLines = [];
  }
}
