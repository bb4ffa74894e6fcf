import 'i18next';
import type zhCN from './zh-CN.json';

// Catalogue keys are typed: t('projects.titel') does not compile. zh-CN is the reference
// catalogue; tools/checks/web-i18n.spec.ts keeps en.json's keys identical.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
