import { describe, expect, it } from '@jest/globals';
import { ProjectProblemFacts } from './issues/issue.contracts.js';
import { ALL_EVENTS, ALL_REQUESTS } from './registry.js';

describe('the registry of contracts', () => {
  it('gathers every request contract once, each subject owned by the service it names', () => {
    expect(ALL_REQUESTS).toContain(ProjectProblemFacts);
    const subjects = ALL_REQUESTS.map((r) => r.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const r of ALL_REQUESTS) expect(r.subject.startsWith(`${r.service}.`)).toBe(true);
    expect(ALL_REQUESTS.length).toBeGreaterThan(50);
  });

  it('lists every event once', () => {
    const names = ALL_EVENTS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
