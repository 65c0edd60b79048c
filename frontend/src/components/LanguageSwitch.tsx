import { Segmented } from 'antd';
import { useLocale } from '../i18n/LocaleProvider';
import type { Lang } from '../i18n';

/** 中文 / EN switch; the choice is remembered in localStorage. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang } = useLocale();
  return (
    <Segmented<Lang>
      size={size}
      value={lang}
      onChange={(v) => setLang(v)}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      aria-label="Language / 语言"
      data-testid="lang-switch"
    />
  );
}
