import { SseParser } from './sse-parser';

describe('SseParser', () => {
  let parser: SseParser;

  beforeEach(() => (parser = new SseParser()));

  it('parses a named event with JSON data', () => {
    expect(parser.feed('event: call.updated\ndata: {"id":1}\n\n')).toEqual([
      { event: 'call.updated', data: '{"id":1}', lastEventId: '' },
    ]);
  });

  it('parses several frames in one chunk and names unnamed ones "message"', () => {
    const messages = parser.feed('event: a\ndata: 1\n\ndata: 2\n\nevent: b\ndata: 3\n\n');
    expect(messages.map(({ event, data }) => [event, data])).toEqual([
      ['a', '1'],
      ['message', '2'],
      ['b', '3'],
    ]);
  });

  it('joins multi-line data with newlines', () => {
    expect(parser.feed('data: first\ndata: second\ndata:third\n\n')[0].data).toBe('first\nsecond\nthird');
  });

  it('skips heartbeat comments, alone or between fields', () => {
    expect(parser.feed(': connected\n\n')).toEqual([]);
    expect(parser.feed(': ping\n\n: ping\n\n')).toEqual([]);
    expect(parser.feed('event: x\n: ping\ndata: y\n\n')).toEqual([{ event: 'x', data: 'y', lastEventId: '' }]);
  });

  it('reassembles frames split anywhere across chunks', () => {
    const frame = 'event: call.updated\ndata: {"id":42,"status":"ringing"}\n\n';
    for (let cut = 1; cut < frame.length; cut++) {
      const split = new SseParser();
      const messages = [...split.feed(frame.slice(0, cut)), ...split.feed(frame.slice(cut))];
      expect(messages).toEqual([{ event: 'call.updated', data: '{"id":42,"status":"ringing"}', lastEventId: '' }]);
    }
  });

  it('delivers a frame only once its blank line has arrived', () => {
    expect(parser.feed('event: a\ndata: 1\n')).toEqual([]);
    expect(parser.feed('\n')).toHaveLength(1);
  });

  it('accepts CRLF and CR line endings, including a CRLF split between chunks', () => {
    expect(parser.feed('event: a\r\ndata: 1\r\n\r\n')).toHaveLength(1);
    expect(parser.feed('event: b\rdata: 2\r\r')).toEqual([{ event: 'b', data: '2', lastEventId: '' }]);
    expect(parser.feed('event: c\r\ndata: 3\r')).toEqual([]);
    expect(parser.feed('\n\r\n')).toEqual([{ event: 'c', data: '3', lastEventId: '' }]);
  });

  it('keeps only one leading space of a value and reads a field without a colon as empty', () => {
    expect(parser.feed('data:  two spaces\n\n')[0].data).toBe(' two spaces');
    expect(parser.feed('data\n\n')[0].data).toBe('');
  });

  it('drops frames without data, ignores unknown fields and remembers id and retry', () => {
    expect(parser.feed('event: lonely\n\n')).toEqual([]);
    expect(parser.feed('id: 7\nretry: 3000\nfoo: bar\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', lastEventId: '7' },
    ]);
    expect(parser.retryMs).toBe(3000);
  });

  it('ignores a byte-order mark at the start of the stream', () => {
    expect(parser.feed('\ufeffdata: x\n\n')).toEqual([{ event: 'message', data: 'x', lastEventId: '' }]);
  });
});
