import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setDateLocale } from '../format/date';
import { en, zhCN } from './catalogues';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'congress.language';

/** The interface language: Chinese unless the user chose English on this browser. */
export function storedLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function initI18n(): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'zh-CN',
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = currentLanguage();
  setDateLocale(currentLanguage());
}

export async function changeLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, language);
  setDateLocale(language);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18n };
