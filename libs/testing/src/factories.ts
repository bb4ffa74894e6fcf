import { readFileSync } from 'node:fs';
import { DEMO_DATA_FILE } from './identity.js';

let counter = 0;

/** Input for a new committee member; override what the test is about. */
export function aRosterMember(overrides: Partial<{ name: string; title: '主任' | '副主任' | '秘书长' | '委员'; committeeId: string | null }> = {}) {
  counter += 1;
  return { name: `测试委员${counter}`, title: '委员' as const, ...overrides };
}

export interface DemoPerson {
  id: string;
  unitCode: string;
  name: string;
  roles: string[];
  username: string | null;
  bodyId: string | null;
}

/** The demo province as `npm run seed` loads it. */
export function demoData(): { units: { code: string; name: string; parentCode: string | null; level: string }[]; people: DemoPerson[]; bodies: { id: string; unitCode: string; name: string }[] } {
  return JSON.parse(readFileSync(DEMO_DATA_FILE, 'utf8'));
}
