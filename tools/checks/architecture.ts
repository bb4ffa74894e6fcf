import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The shape every domain service keeps (docs/architecture.md, "One shape for every aggregate"),
 * checked over the source text so a newcomer's first copy cannot drift from it:
 *
 * - handlers (`*.handlers.ts`) import, of the service's own files, only their own feature's service;
 * - services (`*.service.ts`) never import the database driver (`pg`, or TypeORM values; a TypeORM
 *   *type* such as EntityManager may pass through);
 * - SQL (`.query(`, `createQueryBuilder`) only in repositories, migrations and the demo seeds;
 * - rules (`*.rules.ts`) are pure: no Nest, TypeORM, pg, NATS or platform runtime library;
 * - a feature folder imports another feature only through that feature's `*.module.ts`.
 *
 * The gateway (HTTP controllers) and the web app have shapes of their own and are not checked here.
 */

export interface SourceFile {
  /** Repository-relative, with forward slashes: apps/voting/src/evaluations/evaluations.service.ts */
  path: string;
  text: string;
}

export interface Violation {
  rule: 'handler-imports' | 'service-driver' | 'sql-outside-repository' | 'impure-rules' | 'feature-internals';
  path: string;
  detail: string;
}

/** Apps whose code follows the aggregate shape (every app but the gateway and the web app). */
export const SHAPED_APPS = (root: string): string[] =>
  readdirSync(join(root, 'apps')).filter((a) => !['gateway', 'web'].includes(a) && statSync(join(root, 'apps', a)).isDirectory());

const RULES_FORBIDDEN = [/^@nestjs\//, /^typeorm$/, /^pg$/, /^@nats-io\//, /^@congress\/(messaging|persistence|service-kit|storage|telemetry|auth)$/];

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: SourceFile): ImportRef[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const refs: ImportRef[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const allNamedTypeOnly =
        !!clause && !clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly);
      refs.push({ specifier: statement.moduleSpecifier.text, typeOnly: !!clause?.isTypeOnly || allNamedTypeOnly });
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      refs.push({ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  return refs;
}

/** `.query(` and `createQueryBuilder` calls, found in the syntax tree (so comments and strings do not count). */
function sqlCalls(file: SourceFile): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (name === 'query' || name === 'createQueryBuilder') {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`.${name}( at line ${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Where a file sits: its app and, inside src/, its feature folder (undefined for top-level files). */
function placeOf(path: string): { app: string; feature: string | undefined; inSrc: boolean } | undefined {
  const m = /^apps\/([^/]+)\/(src\/)?(.*)$/.exec(path);
  if (!m) return undefined;
  const rest = m[3]!.split('/');
  return { app: m[1]!, inSrc: !!m[2], feature: m[2] && rest.length > 1 ? rest[0] : undefined };
}

const isTest = (path: string) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(path);

export function checkArchitecture(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const place = placeOf(file.path);
    if (!place || !place.inSrc || isTest(file.path)) continue;
    const base = file.path.split('/').pop()!;
    const feature = place.feature;
    const exempt = feature === 'migrations' || feature === 'seed';
    const resolved = importsOf(file).map((ref) => ({
      ...ref,
      target: ref.specifier.startsWith('.') ? relative('.', resolve(dirname(file.path), ref.specifier)).split(sep).join('/').replace(/\.js$/, '.ts') : undefined,
    }));

    if (base.endsWith('.handlers.ts')) {
      const own = file.path.replace(/[^/]+$/, '');
      for (const ref of resolved) {
        if (!ref.target) continue;
        const ok = ref.target.startsWith(own) && ref.target.endsWith('.service.ts') && !ref.target.slice(own.length).includes('/');
        if (!ok) violations.push({ rule: 'handler-imports', path: file.path, detail: `imports ${ref.specifier}: a handler imports only its own feature's service` });
      }
    }

    if (base.endsWith('.service.ts')) {
      for (const ref of resolved) {
        if (ref.specifier === 'pg' || (ref.specifier === 'typeorm' && !ref.typeOnly)) {
          violations.push({ rule: 'service-driver', path: file.path, detail: `imports ${ref.specifier}${ref.specifier === 'typeorm' ? ' (a value)' : ''}: services talk to the database only through their repository` });
        }
      }
    }

    if (!exempt && !base.endsWith('.repository.ts')) {
      for (const call of sqlCalls(file)) violations.push({ rule: 'sql-outside-repository', path: file.path, detail: `${call}: SQL belongs in the aggregate's repository` });
    }

    if (base.endsWith('.rules.ts')) {
      for (const ref of resolved) {
        if (RULES_FORBIDDEN.some((p) => p.test(ref.specifier))) violations.push({ rule: 'impure-rules', path: file.path, detail: `imports ${ref.specifier}: rules are pure (contracts and other rules only)` });
        if (ref.target && !/\.rules\.ts$|\/shared\//.test(ref.target)) {
          violations.push({ rule: 'impure-rules', path: file.path, detail: `imports ${ref.specifier}: a rules file imports only other rules files or the service's shared pure helpers` });
        }
      }
    }

    if (feature && !exempt) {
      for (const ref of resolved) {
        const target = ref.target && placeOf(ref.target);
        if (!target || target.app !== place.app || !target.feature || target.feature === feature || target.feature === 'shared') continue;
        if (!ref.target!.endsWith('.module.ts')) {
          violations.push({ rule: 'feature-internals', path: file.path, detail: `imports ${ref.specifier}: use the ${target.feature} feature only through its module (its exported service)` });
        }
      }
    }
  }
  return violations;
}

/** Every TypeScript file under the shaped apps' src folders. */
export function readShapedSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  for (const app of SHAPED_APPS(root)) walk(join(root, 'apps', app, 'src'));
  return files;
}
