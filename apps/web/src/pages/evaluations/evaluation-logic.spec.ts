import { describe, expect, it } from '@jest/globals';
import { SseParser, legalActions, parseProgress, percent, quorumMet, quorumNeeded } from './evaluation-logic';

const rule = { quorumAbove: 0.5, base: 'present' as const, satisfiedAbove: 0.5, acceptableAbove: 0.5, deferredReportMonths: 3 };

describe('evaluation rules in the pages', () => {
  it('needs more than half of the roster present, as the voting service counts it', () => {
    expect(quorumNeeded(46, rule)).toBe(24);
    expect(quorumMet(23, 46, rule)).toBe(false);
    expect(quorumMet(24, 46, rule)).toBe(true);
    expect(quorumNeeded(45, rule)).toBe(23);
    expect(quorumMet(0, 0, rule)).toBe(false);
  });

  it('offers open only before the vote and with a quorum, close only while open', () => {
    expect(legalActions({ status: 'draft', present: 10, roster: 46, rule })).toMatchObject({ open: 'quorum', close: 'notOpen', postpone: null, paperResult: null, attendance: true });
    expect(legalActions({ status: 'postponed', present: 30, roster: 46, rule })).toMatchObject({ open: null });
    expect(legalActions({ status: 'open', present: 30, roster: 46, rule })).toMatchObject({ open: 'notBeforeVote', close: null, postpone: 'notBeforeVote', attendance: true });
    expect(legalActions({ status: 'closed', present: 30, roster: 46, rule })).toMatchObject({ close: 'notOpen', attendance: false });
  });

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
