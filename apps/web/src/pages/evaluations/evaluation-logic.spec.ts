import { describe, expect, it } from '@jest/globals';
import { SseParser, parseProgress, percent } from './evaluation-logic';

describe('evaluation page helpers', () => {
  it('formats rates as percentages', () => {
    expect(percent(0.6667)).toBe('66.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(undefined)).toBe('—');
  });

  it('reads server-sent events across chunks and skips comments', () => {
    const parser = new SseParser();
    expect(parser.push('event: progress\ndata: {"ballots":1,')).toEqual([]);
    const events = parser.push('"present":2,"roster":3,"status":"open","evaluationId":"x"}\n\n: keep-alive\n\nevent: progress\r\ndata: 1\r\n\r\n');
    expect(events.map((e) => e.event)).toEqual(['progress', 'progress']);
    expect(parseProgress(events[0]!.data)).toMatchObject({ ballots: 1, present: 2, roster: 3, status: 'open' });
    expect(parseProgress(events[1]!.data)).toBeUndefined();
  });
});
