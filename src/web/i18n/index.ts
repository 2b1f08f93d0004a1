import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { FEATURE_MESSAGES } from './features.js';
import { zhCN } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'caiban.lang';

const initialLang = (): Lang => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN');

const withFeatures = (base: object, lang: Lang): Record<string, unknown> => ({
  ...base,
  ...Object.fromEntries(FEATURE_MESSAGES.map((f) => [f.key, f[lang]])),
});

/** Chinese first: zh-CN is the default and the fallback; English is a switch kept in localStorage. */
export const initI18n = async (): Promise<void> => {
  await i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: withFeatures(zhCN, 'zh-CN') },
      en: { translation: withFeatures(en, 'en') },
    },
    lng: initialLang(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
};

export const setLang = async (lang: Lang): Promise<void> => {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
};
