import type { Dayjs } from 'dayjs';
import { beijing } from '../../../format/date';
import type { EvidenceKind, ProblemItem } from './types';

/** The editable fields of a problem (整改清单) as the form holds them. */
export interface ProblemFormValues {
  description?: string;
  place?: string;
  category?: string;
  responsibleBodyId?: string;
  coBodyIds?: string[];
  responsiblePerson?: string;
  deadline?: Dayjs | null;
  measures?: string;
  requiredEvidence?: EvidenceKind[];
}

export function problemFormValues(p: ProblemItem): ProblemFormValues {
  return {
    description: p.description,
    place: p.place,
    category: p.category,
    responsibleBodyId: p.responsibleBodyId,
    coBodyIds: p.coBodyIds,
    responsiblePerson: p.responsiblePerson,
    deadline: p.deadline ? beijing(p.deadline) : null,
    measures: p.measures,
    requiredEvidence: p.requiredEvidence,
  };
}

/** What a responsible body may change: the measures and the person in charge. */
export function measuresBody(values: ProblemFormValues) {
  return { responsiblePerson: values.responsiblePerson ?? '', measures: values.measures ?? '' };
}

/** The API body of the whole problem; the deadline only when it may be set. */
export function problemBody(values: ProblemFormValues, withDeadline: boolean) {
  return {
    ...measuresBody(values),
    description: values.description ?? '',
    place: values.place ?? '',
    category: values.category ?? '',
    responsibleBodyId: values.responsibleBodyId ?? '',
    coBodyIds: values.coBodyIds ?? [],
    requiredEvidence: values.requiredEvidence ?? [],
    ...(withDeadline ? { deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : null } : {}),
  };
}

/** Only the fields whose value differs from the problem's (so the record says what really changed). */
export function changedOnly<B extends Record<string, unknown>>(body: B, problem: ProblemItem): Partial<B> {
  const before = problem as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key]))) as Partial<B>;
}
