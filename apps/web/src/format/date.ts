import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Every date and time the platform shows is Beijing time, wherever the browser is: the standing
 * committee's deadlines and sessions are Beijing dates. Use these helpers, never `new Date()`
 * formatting, in pages.
 */
export const TIME_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** dayjs in Beijing time. A date-only value ('2022-03-01') is that calendar day, never shifted. */
export function beijing(value?: string | number | Date | Dayjs | null): Dayjs {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return dayjs.tz(value, TIME_ZONE);
  return dayjs(value ?? undefined).tz(TIME_ZONE);
}

/** Formats in Beijing time with a dayjs format (take it from the catalogue: t('date.dateTime')). */
export function formatBeijing(value: string | number | Date | null | undefined, format: string): string {
  if (value === null || value === undefined || value === '') return '';
  const time = beijing(value);
  return time.isValid() ? time.format(format) : '';
}

/** Today's calendar date in Beijing, 'YYYY-MM-DD'. */
export function todayInBeijing(): string {
  return beijing().format('YYYY-MM-DD');
}

export function setDateLocale(language: 'zh-CN' | 'en'): void {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
}
