import { DEFAULT_PAGE_SIZE } from '../../api/paging';
import { PROJECT_CATEGORIES, PROJECT_SOURCES, PROJECT_STAGES } from '../../api/enums';
import type { ProjectCategory, ProjectQuery, ProjectSource, ProjectStage } from '../../api/types';

/** The project list's filters, kept in the URL (?year=2022&stage=implementing&q=双减) so a view can be shared and survives a reload. */
export interface ProjectFilters {
  year?: number;
  stage?: ProjectStage;
  category?: ProjectCategory;
  source?: ProjectSource;
  q?: string;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** Filters from the URL; values the API would refuse are dropped rather than sent. */
export function filtersFromSearch(search: URLSearchParams): ProjectFilters {
  const year = Number(search.get('year'));
  const q = search.get('q')?.trim().slice(0, 100);
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    stage: oneOf(PROJECT_STAGES, search.get('stage')),
    category: oneOf(PROJECT_CATEGORIES, search.get('category')),
    source: oneOf(PROJECT_SOURCES, search.get('source')),
    q: q || undefined,
  };
}

/** The URL of these filters (empty ones left out). */
export function searchOf(filters: ProjectFilters, size: number): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  if (size !== DEFAULT_PAGE_SIZE) search.set('size', String(size));
  return search;
}

/** The API query of a page of the list. */
export function listQuery(unit: string, filters: ProjectFilters, size: number, cursor: string | undefined): ProjectQuery {
  return { unit, ...filters, limit: size, ...(cursor ? { cursor } : {}) };
}
