import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { PROJECT_STAGES } from '../../api/enums';
import { useApiQuery } from '../../api/useApiQuery';
import { beijing } from '../../format/date';

/** The year a page shows, from ?year= (shared links, back/forward); this year in Beijing by default. */
export function useYearParam(): [number, (year: number) => void] {
  const [search, setSearch] = useSearchParams();
  const parsed = Number(search.get('year'));
  const year = Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2100 ? parsed : beijing().year();
  return [year, (next) => setSearch({ year: String(next) })];
}

/**
 * The latest year up to this one in which the unit has an approved project (for an empty plan or
 * battle map: "see 2022" rather than a dead end). Undefined while loading or when there is none.
 */
export function useLatestApprovedYear(unitCode: string | undefined, before: number): number | undefined {
  const latest = useApiQuery(unitCode ? ['latest-approved-year', unitCode, before] : null, async (signal) => {
    // The stages of the year's plan: from 立项 on, in the API's order, but 撤销.
    for (const stage of PROJECT_STAGES.slice(PROJECT_STAGES.indexOf('approved')).filter((s) => s !== 'withdrawn')) {
      // Newest year first; one row is enough per stage.
      const page = await unwrap(api.GET('/api/v1/projects', { params: { query: { unit: unitCode!, stage, sort: 'year', limit: 1 } }, signal }));
      const year = page.items[0]?.year;
      if (year !== undefined && year < before) return year;
    }
    return null;
  });
  return latest.data ?? undefined;
}
