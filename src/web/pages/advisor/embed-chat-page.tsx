import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth-context.js';
import { AdvisorChatPage } from './chat-page.js';

/**
 * The chat alone, for an iframe in the bank's own app or site (/embed/chat; the loader is /embed.js). It uses
 * the customer's session; without one it says so instead of navigating the frame away to the login page.
 * `?lang=en` picks English.
 */
export const EmbedChatPage = () => {
  const { t, i18n } = useTranslation();
  const { user, loading } = useAuth();
  useEffect(() => {
    const lang = new URLSearchParams(window.location.search).get('lang');
    if (lang === 'en' || lang === 'zh-CN') void i18n.changeLanguage(lang);
    const before = document.body.style.margin;
    document.body.style.margin = '0';
    document.body.style.background = '#f5f5f5';
    return () => {
      document.body.style.margin = before;
    };
  }, [i18n]);
  if (loading) return null;
  if (user === null)
    return (
      <div data-testid="embed-signin" style={{ padding: 16, fontSize: 14 }}>
        <a href="/login" target="_top">
          {t('advisorChat.customerOnly')}
        </a>
      </div>
    );
  return <AdvisorChatPage embedded />;
};
