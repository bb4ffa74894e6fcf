import { ProblemError, SYSTEM_ACTOR, UnitBodies, UnitCommittees, UnitPeople, type Actor, type FieldError } from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayEnv } from '../config.js';

/** What a write may name of the directory: a responsible body, a committee, a person. */
export type ReferenceKind = 'body' | 'committee' | 'person';

/** One id field of a request body: a single id (or null/absent: nothing named) or an array of them. */
export interface Reference {
  /** As the Problem names it, e.g. `body.leaderPersonId` (an array's element gets `[i]`). */
  field: string;
  kind: ReferenceKind;
  ids: string | null | undefined | readonly string[];
}

const NOUN: Record<ReferenceKind, string> = { body: '承办单位', committee: '委员会', person: '人员' };
/** A miss reloads the unit's list (someone may just have been added), at most this often. */
const RELOAD_AFTER_MS = 2_000;

interface Entry {
  at: number;
  ids: Set<string>;
}

/**
 * The directory ids a write names (bodies, committees, people) must be of the caller's own unit:
 * a project of 郴州 supervising 资兴's government, or led by a person of another unit, would show
 * that unit's names in 郴州's records and reports. "Not there" and "not yours" get the same 404
 * naming the field, so nothing of another unit is revealed. Each unit's lists are asked of
 * directory once and kept for UNIT_TREE_TTL_MS, like the unit tree.
 */
@Injectable()
export class UnitReferences {
  private readonly lists = new Map<string, Entry>();

  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: GatewayEnv,
  ) {}

  async assertOwn(actor: Actor, refs: readonly Reference[], requestId: string): Promise<void> {
    const unit = actor.unitCode;
    const errors: FieldError[] = [];
    for (const ref of refs) {
      const many = Array.isArray(ref.ids);
      const ids: readonly string[] = ref.ids == null ? [] : typeof ref.ids === 'string' ? [ref.ids] : ref.ids;
      for (const [i, id] of ids.entries()) {
        if (unit && (await this.has(ref.kind, unit, id, requestId))) continue;
        errors.push({ field: many ? `${ref.field}[${i}]` : ref.field, rule: 'not_found', message: `本单位没有这个${NOUN[ref.kind]}（${id}）` });
      }
    }
    if (errors.length) throw ProblemError.of('not-found', `${errors.map((e) => e.message).join('；')}`, errors);
  }

  private async has(kind: ReferenceKind, unit: string, id: string, requestId: string): Promise<boolean> {
    const key = `${kind}:${unit}`;
    let entry = this.lists.get(key);
    const age = entry ? Date.now() - entry.at : Infinity;
    if (!entry || age > this.config.UNIT_TREE_TTL_MS || (!entry.ids.has(id) && age > RELOAD_AFTER_MS)) {
      entry = { at: Date.now(), ids: await this.load(kind, unit, requestId) };
      this.lists.set(key, entry);
    }
    return entry.ids.has(id);
  }

  private async load(kind: ReferenceKind, code: string, requestId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const query = { code, limit: 200, cursor };
      const options = { actor: SYSTEM_ACTOR, requestId };
      const page =
        kind === 'body'
          ? await this.rpc.request(UnitBodies, query, options)
          : kind === 'committee'
            ? await this.rpc.request(UnitCommittees, query, options)
            : await this.rpc.request(UnitPeople, query, options);
      for (const item of page.items) ids.add(item.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }
}
