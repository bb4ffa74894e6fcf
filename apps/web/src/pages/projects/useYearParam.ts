import { useSearchParams } from 'react-router';
import { beijing } from '../../format/date';

/** The year a page shows, from ?year= (shared links, back/forward); this year in Beijing by default. */
export function useYearParam(): [number, (year: number) => void] {
  const [search, setSearch] = useSearchParams();
  const parsed = Number(search.get('year'));
  const year = Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2100 ? parsed : beijing().year();
  return [year, (next) => setSearch({ year: String(next) })];
}
