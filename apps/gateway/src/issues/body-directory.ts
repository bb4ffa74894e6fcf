import { SYSTEM_ACTOR, UnitBodies } from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayEnv } from '../config.js';

interface UnitBodiesEntry {
  at: number;
  byId: Map<string, string>;
  byName: Map<string, string>;
}

/**
 * The names of responsible bodies, for sheets and letters (the ledger stores ids). Each unit's
 * list is asked of directory once and kept for UNIT_TREE_TTL_MS.
 */
@Injectable()
export class BodyDirectory {
  private readonly units = new Map<string, UnitBodiesEntry>();

  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: GatewayEnv,
  ) {}

  private async load(unitCode: string, requestId: string): Promise<UnitBodiesEntry> {
    const held = this.units.get(unitCode);
    if (held && Date.now() - held.at < this.config.UNIT_TREE_TTL_MS) return held;
    const entry: UnitBodiesEntry = { at: Date.now(), byId: new Map(), byName: new Map() };
    let cursor: string | undefined;
    do {
      const page = await this.rpc.request(UnitBodies, { code: unitCode, limit: 200, cursor }, { actor: SYSTEM_ACTOR, requestId });
      for (const b of page.items) {
        entry.byId.set(b.id, b.name);
        entry.byName.set(b.name, b.id);
        if (b.shortName) entry.byName.set(b.shortName, b.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    this.units.set(unitCode, entry);
    return entry;
  }

  /** A name lookup over the bodies of the given units (unknown ids show as themselves). */
  async names(unitCodes: Iterable<string>, requestId: string): Promise<(id: string) => string> {
    const entries = await Promise.all([...new Set(unitCodes)].map((u) => this.load(u, requestId)));
    return (id) => {
      for (const e of entries) {
        const name = e.byId.get(id);
        if (name) return name;
      }
      return id;
    };
  }

  /** Whether a body is one of the unit's responsible bodies (a reference a write of that unit may make). */
  async isOfUnit(unitCode: string, bodyId: string, requestId: string): Promise<boolean> {
    return (await this.load(unitCode, requestId)).byId.has(bodyId);
  }

  /** The full names of one unit's bodies, in directory order: the choices of an import template. */
  async list(unitCode: string, requestId: string): Promise<string[]> {
    return [...(await this.load(unitCode, requestId)).byId.values()];
  }

  /** Resolves body names (full or short) of one unit to ids, for imports. */
  async ids(unitCode: string, requestId: string): Promise<{ idOf(name: string): string | undefined }> {
    const entry = await this.load(unitCode, requestId);
    return { idOf: (name) => entry.byName.get(name.trim()) };
  }
}
