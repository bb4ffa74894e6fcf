import 'i18next';
import type { zhCN } from './catalogues';

// Catalogue keys are typed: t('projects.titel') does not compile. zh-CN is the reference
// catalogue (src/i18n/zh-CN/*.json, merged in catalogues.ts); tools/checks/web-i18n.spec.ts keeps
// the en files' keys identical.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
