import { describe, expect, it } from '@jest/globals';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkArchitecture, readShapedSources, type SourceFile } from './architecture.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One planted file (the check judges each file on its own): it must catch what was planted. */
function planted(path: string, text: string): SourceFile[] {
  return [{ path, text }];
}
const rulesOf = (files: SourceFile[]) => checkArchitecture(files).map((v) => `${v.rule} ${v.path}`);

describe('the one shape of every domain service (docs/architecture.md)', () => {
  it('holds over every domain service today', () => {
    expect(checkArchitecture(readShapedSources(ROOT))).toEqual([]);
  });

  it('refuses a handler that imports anything of the service but its own feature\'s service', () => {
    const handler = `import { Injectable } from '@nestjs/common';\nimport { decide } from './evaluation.rules.js';\nimport { EvaluationsService } from './evaluations.service.js';\n@Injectable() export class H { constructor(private s: EvaluationsService) {} x = decide; }\n`;
    expect(rulesOf(planted('apps/voting/src/evaluations/probe.handlers.ts', handler))).toEqual(['handler-imports apps/voting/src/evaluations/probe.handlers.ts']);
    const clean = `import { EvaluationsService } from './evaluations.service.js';\nexport class H { constructor(private s: EvaluationsService) {} }\n`;
    expect(rulesOf(planted('apps/voting/src/evaluations/probe.handlers.ts', clean))).toEqual([]);
  });

  it('refuses a service that imports the database driver, and lets a TypeORM type pass', () => {
    expect(rulesOf(planted('apps/voting/src/evaluations/probe.service.ts', `import { DataSource } from 'typeorm';\nexport const x = DataSource;\n`))).toEqual([
      'service-driver apps/voting/src/evaluations/probe.service.ts',
    ]);
    expect(rulesOf(planted('apps/voting/src/evaluations/probe.service.ts', `import pg from 'pg';\nexport const x = pg;\n`))).toEqual(['service-driver apps/voting/src/evaluations/probe.service.ts']);
    expect(rulesOf(planted('apps/voting/src/evaluations/probe.service.ts', `import type { EntityManager } from 'typeorm';\nexport type M = EntityManager;\n`))).toEqual([]);
  });

  it('refuses SQL outside repositories, migrations and seeds', () => {
    const sql = `export async function f(m: { query(s: string): Promise<unknown>; createQueryBuilder(): unknown }) {\n  await m.query('SELECT 1');\n  return m.createQueryBuilder();\n}\n`;
    expect(rulesOf(planted('apps/project-library/src/projects/probe.service.ts', sql))).toEqual([
      'sql-outside-repository apps/project-library/src/projects/probe.service.ts',
      'sql-outside-repository apps/project-library/src/projects/probe.service.ts',
    ]);
    expect(rulesOf(planted('apps/project-library/src/projects/probe.repository.ts', sql))).toEqual([]);
    expect(rulesOf(planted('apps/project-library/src/migrations/1999-probe.ts', sql))).toEqual([]);
    // A comment or a string that mentions .query( is not a call.
    expect(rulesOf(planted('apps/project-library/src/projects/probe.service.ts', `// m.query('x')\nexport const s = "m.query('x')";\n`))).toEqual([]);
  });

  it('refuses a rules file that imports Nest, TypeORM, NATS or a runtime library', () => {
    for (const specifier of ['@nestjs/common', 'typeorm', '@nats-io/transport-node', '@congress/messaging']) {
      expect(rulesOf(planted('apps/issue-tracking/src/problems/probe.rules.ts', `import * as x from '${specifier}';\nexport const y = x;\n`))).toEqual([
        'impure-rules apps/issue-tracking/src/problems/probe.rules.ts',
      ]);
    }
    expect(rulesOf(planted('apps/issue-tracking/src/problems/probe.rules.ts', `import { OFFICE_ROLES } from '@congress/contracts';\nexport const y = OFFICE_ROLES;\n`))).toEqual([]);
  });

  it('refuses a feature importing another feature\'s files other than its module', () => {
    const inside = `import { X } from '../problems/problem.repository.js';\nexport const y = X;\n`;
    expect(rulesOf(planted('apps/issue-tracking/src/opinions/probe.service.ts', inside))).toEqual(['feature-internals apps/issue-tracking/src/opinions/probe.service.ts']);
    const viaModule = `import { ProblemsModule } from '../problems/problems.module.js';\nexport const y = ProblemsModule;\n`;
    expect(rulesOf(planted('apps/issue-tracking/src/opinions/probe.service.ts', viaModule))).toEqual([]);
  });
});
