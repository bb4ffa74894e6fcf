import { describe, expect, it } from '@jest/globals';
import { ALL_REQUESTS, SERVICES } from '@congress/contracts';
import { servicePermissions } from './permissions.js';
import { WireNames } from './wire.js';

describe('each service’s NATS permissions, from the contracts', () => {
  const wire = new WireNames();

  it('lets the gateway call every request subject and serve none, and read only its own replies', () => {
    const p = servicePermissions('gateway', wire);
    for (const r of ALL_REQUESTS) expect(p.pub.allow.some((s) => s === r.subject || (s.endsWith('.>') && r.subject.startsWith(s.slice(0, -1))))).toBe(true);
    expect(p.sub.allow).toEqual(['_INBOX_gateway.>']);
    expect(p.resp).toBeUndefined();
  });

  it('lets project-library call issue-tracking’s project facts and nothing else of another service', () => {
    const p = servicePermissions('project-library', wire);
    const calls = p.pub.allow.filter((s) => SERVICES.some((svc) => s.startsWith(`${svc}.`)));
    expect(calls).toEqual(['issue-tracking.project.problem-facts']);
  });

  it('gives a consumer its own durable with its own filter on the producer’s stream, and no other stream', () => {
    const p = servicePermissions('issue-tracking', wire);
    expect(p.pub.allow).toContain('$JS.API.CONSUMER.CREATE.EVENTS_VOTING.issue-tracking--evaluation_closed_v1.evaluation.closed.v1');
    expect(p.pub.allow.filter((s) => s.includes('EVENTS_') && !s.includes('EVENTS_VOTING') && !s.includes('EVENTS_ISSUE_TRACKING'))).toEqual([]);
    expect(p.pub.allow.filter((s) => s.includes('STREAM.DELETE') || s.includes('STREAM.PURGE'))).toEqual([]);
  });

  it('never grants a full wildcard', () => {
    for (const service of SERVICES) {
      const p = servicePermissions(service, wire);
      expect([...p.pub.allow, ...p.sub.allow].filter((s) => s === '>' || s.startsWith('$JS.API.>') || s === '_INBOX.>')).toEqual([]);
    }
  });

  it('stays small enough for a user JWT (the server refuses a CONNECT over 4 KB)', () => {
    for (const service of SERVICES) {
      const bytes = JSON.stringify(servicePermissions(service, new WireNames('t0123456789'))).length;
      expect(bytes).toBeLessThan(2500);
    }
  });
});
