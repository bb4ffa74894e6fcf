import { useTranslation } from 'react-i18next';
import { formatBeijing } from './date';

/** Date formatting in Beijing time with the catalogue's formats for the current language. */
export function useFormat() {
  const { t } = useTranslation();
  return {
    date: (value: string | number | Date | null | undefined) => formatBeijing(value, t('date.date')),
    dateTime: (value: string | number | Date | null | undefined) => formatBeijing(value, t('date.dateTime')),
    longDate: (value: string | number | Date | null | undefined) => formatBeijing(value, t('date.long')),
  };
}
