import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zh from './zh.json';
import en from './en.json';

export type Lang = 'zh' | 'en';
export const LANG_KEY = 'suiji.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function htmlLang(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** Initialises i18next once; later calls return the same instance. */
export function setupI18n(lang: Lang = storedLang()) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { zh: { translation: zh }, en: { translation: en } },
      lng: lang,
      fallbackLng: 'zh',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  return i18n;
}

export default i18n;
