import { SYSTEM_ACTOR, UnitList, type Unit, type UnitNode } from '@congress/contracts';
import type { UnitAncestry } from '@congress/auth';
import { RpcClient } from '@congress/messaging';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayEnv } from '../config.js';

interface Snapshot {
  at: number;
  units: Unit[];
  byCode: Map<string, Unit>;
}

/**
 * The gateway's copy of the unit tree (a few hundred rows for a province), refreshed from
 * directory every UNIT_TREE_TTL_MS. Unit-scope checks run against it without a round trip.
 */
@Injectable()
export class UnitTreeService implements UnitAncestry {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;

  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: GatewayEnv,
  ) {}

  /** Ensures a fresh snapshot; call before the synchronous lookups. */
  async refresh(force = false): Promise<void> {
    if (!force && this.snapshot && Date.now() - this.snapshot.at < this.config.UNIT_TREE_TTL_MS) return;
    this.loading ??= this.rpc
      .request(UnitList, {}, { actor: SYSTEM_ACTOR })
      .then(({ items }) => (this.snapshot = { at: Date.now(), units: items, byCode: new Map(items.map((u) => [u.code, u])) }))
      .finally(() => (this.loading = undefined));
    await this.loading;
  }

  ancestorsOf(code: string): string[] | undefined {
    const byCode = this.snapshot?.byCode;
    let unit = byCode?.get(code);
    if (!unit) return undefined;
    const result: string[] = [];
    while (unit?.parentCode) {
      result.push(unit.parentCode);
      unit = byCode!.get(unit.parentCode);
    }
    return result;
  }

  levelOf(code: string) {
    return this.snapshot?.byCode.get(code)?.level;
  }

  all(): Unit[] {
    return this.snapshot?.units ?? [];
  }

  /** The subtree rooted at `code`, children ordered by code. */
  subtree(code: string, includeDescendants: boolean): UnitNode | undefined {
    const root = this.snapshot?.byCode.get(code);
    if (!root) return undefined;
    const children = (parent: string): UnitNode[] =>
      this.all()
        .filter((u) => u.parentCode === parent)
        .map((u) => ({ ...u, children: children(u.code) }));
    return { ...root, children: includeDescendants ? children(code) : [] };
  }
}
