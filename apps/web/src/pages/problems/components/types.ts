import type { QueryOf, ResponseOf } from '../../../api/types';

// Named shapes of the issue-tracking API for the problem and portal pages, all derived from the
// generated schema (a change in the gateway is a type error here, never a silent mismatch).

type Exhaustive<All extends string, Listed extends readonly string[]> = [Exclude<All, Listed[number]>] extends [never] ? Listed : never;

export type ProblemPage = ResponseOf<'/api/v1/problems', 'get'>;
export type ProblemItem = ProblemPage['items'][number];
export type LedgerQuery = QueryOf<'/api/v1/problems', 'get'>;
export type ProblemCounts = ResponseOf<'/api/v1/problems/counts', 'get'>;
export type BodyCount = ProblemCounts['byBody'][number];
export type ProblemStatus = ProblemItem['status'];
export type TrafficLight = ProblemItem['light'];
export type EvidenceKind = ProblemItem['requiredEvidence'][number];
export type Opinion = ResponseOf<'/api/v1/opinions/{id}', 'get'>;
export type Attachment = ResponseOf<'/api/v1/problems/{id}/attachments', 'get'>['items'][number];
export type ProgressEntry = ResponseOf<'/api/v1/problems/{id}/progress', 'get'>['items'][number];
export type Extension = ResponseOf<'/api/v1/problems/{id}/extensions', 'get'>['items'][number];
export type LookBack = ResponseOf<'/api/v1/problems/{id}/look-backs', 'get'>['items'][number];
export type HistoryEntry = ResponseOf<'/api/v1/problems/{id}/history', 'get'>['items'][number];
export type Body = ResponseOf<'/api/v1/units/{code}/bodies', 'get'>['items'][number];

/** Problem statuses in the order the API declares them (generated from the OpenAPI document). */
export { PROBLEM_STATUSES } from '../../../api/enums.generated';

/** Tag colours of the statuses (Ant Design presets). */
export const PROBLEM_STATUS_COLORS: Record<ProblemStatus, string> = {
  draft: 'default',
  assigned: 'blue',
  rectifying: 'processing',
  'close-requested': 'purple',
  closed: 'success',
  extended: 'gold',
  reopened: 'magenta',
};

const lights = ['red', 'yellow', 'green'] as const;
export const TRAFFIC_LIGHTS: Exhaustive<TrafficLight, typeof lights> = lights;

const evidence = ['document', 'site-photo', 'deputy-confirmation', 'other'] as const;
export const EVIDENCE_KINDS: Exhaustive<EvidenceKind, typeof evidence> = evidence;

