import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

/** What a failed INSERT of a ballot looks like from TypeORM: QueryFailedError around pg's DatabaseError. */
function failedStatement(): Error {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "participations_pkey"'), {
    code: '23505',
    severity: 'ERROR',
    table: 'participations',
    constraint: 'participations_pkey',
    detail: 'Key (evaluation_id, person_id)=(0193-eval, 0193-person-chenzhou-member16) already exists.',
    where: 'SQL statement "INSERT …"',
    parameters: ['0193-eval', '0193-person-chenzhou-member16', 'basic'],
  });
  return Object.assign(new Error(driverError.message), {
    name: 'QueryFailedError',
    query: 'INSERT INTO "participations"("evaluation_id", "person_id") VALUES ($1, $2)',
    parameters: ['0193-eval', '0193-person-chenzhou-member16', '431000', 'basic'],
    driverError,
    detail: driverError.detail,
  });
}

function linesOf(write: (logger: ReturnType<typeof createLogger>) => void): string {
  const out: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (out.push(String(chunk)), done()) });
  write(createLogger('voting', 'info', sink));
  return out.join('');
}

describe('the logger keeps the values of failed statements out of the logs', () => {
  it("drops a failed statement's parameters and the database's detail, keeping what finds the fault", () => {
    const text = linesOf((logger) => logger.error({ err: failedStatement() }, 'request handler failed'));
    expect(text).not.toContain('chenzhou-member16');
    expect(text).not.toContain('basic');
    expect(text).not.toContain('431000');
    const line = JSON.parse(text) as { err: Record<string, unknown> & { driverError: Record<string, unknown> } };
    expect(line.err).toMatchObject({ message: expect.stringContaining('participations_pkey') as unknown, query: expect.stringContaining('INSERT INTO "participations"') as unknown, stack: expect.any(String) as unknown });
    expect(line.err.driverError).toEqual({ code: '23505', severity: 'ERROR', table: 'participations', constraint: 'participations_pkey' });
  });

  it('does the same under the key `error` and in an error’s cause', () => {
    const wrapped = new Error('could not cast the ballot', { cause: failedStatement() });
    const text = linesOf((logger) => logger.warn({ error: wrapped }, 'failed'));
    expect(text).not.toContain('chenzhou-member16');
    expect(text).toContain('could not cast the ballot');
    expect(text).toContain('participations_pkey');
  });
});
