import type { EvaluationProgress } from '../../api/types';

// Pure helpers of the evaluation pages (no React, no DOM): rates as percentages and the live
// progress stream's format. What may be done now comes from the API (allowedActions), never from
// here. Tested in evaluation-logic.spec.ts.

/** Rates as whole percentages with one decimal where needed: 0.6667 → "66.7%". */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  const value = Math.round(rate * 1000) / 10;
  return `${value}%`;
}

/** Fractions of the rule as percentages: 0.5 → "50%". */
export function fraction(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}


/**
 * Server-sent events from a chunked text stream: feed it chunks, it returns the complete events
 * (name and data) and keeps the partial rest for the next chunk. Comments (": keep-alive") are
 * skipped.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): { event: string; data: string }[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: { event: string; data: string }[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length) events.push({ event, data: data.join('\n') });
    }
    return events;
  }
}

/** A progress event's data, or undefined if it is not one. */
export function parseProgress(data: string): EvaluationProgress | undefined {
  try {
    const value = JSON.parse(data) as Partial<EvaluationProgress>;
    if (typeof value.ballots === 'number' && typeof value.present === 'number' && typeof value.roster === 'number' && typeof value.status === 'string') {
      return value as EvaluationProgress;
    }
  } catch {
    // not JSON: ignored
  }
  return undefined;
}

/** Years covered by a stats period: [from, to] as YYYY-MM-DD for a whole year range. */
export function yearRange(fromYear: number, toYear: number): { from: string; to: string } {
  return { from: `${Math.min(fromYear, toYear)}-01-01`, to: `${Math.max(fromYear, toYear)}-12-31` };
}

