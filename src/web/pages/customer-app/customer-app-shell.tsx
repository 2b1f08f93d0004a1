import { Skeleton, Typography } from 'antd';
import { Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useParams } from 'react-router-dom';
import { useAuth } from '../../auth/auth-context.js';
import { CustomerAppCtx, type CustomerAppContext } from './app-context.js';

const TABS = [
  { key: 'home', path: '' },
  { key: 'checkup', path: '/checkup' },
  { key: 'statement', path: '/statement' },
  { key: 'alerts', path: '/alerts' },
  { key: 'me', path: '/me' },
] as const;

/** Where each sub-page belongs in the tab bar (the assessment, recommendations and PK live under 我的). */
const tabOf = (rest: string): string => {
  const first = rest.split('/')[1] ?? '';
  if (first === '') return 'home';
  if (['assessment', 'recommendations', 'pk', 'privacy'].includes(first)) return 'me';
  return first;
};

/**
 * The investor's own app: a phone-first column with a bottom tab bar and no staff menus. Customers reach it at
 * /app; an RM opens the same pages for an own customer from the 360 (/workbench/customers/:id/app), inside a
 * 390 px frame so they see what the customer sees.
 */
export const CustomerAppShell = () => {
  const { t } = useTranslation();
  const { user, loading, permissions } = useAuth();
  const { id } = useParams();
  const location = useLocation();
  const ctx = useMemo<CustomerAppContext | null>(() => {
    if (user === null) return null;
    const staff = id !== undefined;
    const customerId = staff ? Number(id) : (user.customerId ?? NaN);
    if (!Number.isSafeInteger(customerId)) return null;
    return {
      customerId,
      base: staff ? `/workbench/customers/${customerId}/app` : '/app',
      staff,
      canTakeAssessment: permissions.includes('assessment:take'),
      canSetTargets: permissions.includes('alerts:write'),
    };
  }, [user, id, permissions]);
  // The app fills the phone's screen edge to edge (the browser's default 8 px body margin would frame it).
  const fullScreen = ctx !== null && !ctx.staff;
  useEffect(() => {
    if (!fullScreen) return undefined;
    const before = document.body.style.margin;
    document.body.style.margin = '0';
    return () => {
      document.body.style.margin = before;
    };
  }, [fullScreen]);
  if (loading) return null;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (ctx === null) return <Navigate to="/" replace />;
  const rest = location.pathname.slice(ctx.base.length);
  const current = tabOf(rest);
  return (
    <CustomerAppCtx.Provider value={ctx}>
      <div
        data-testid="customer-app"
        style={{
          maxWidth: ctx.staff ? 390 : 480,
          margin: '0 auto',
          minHeight: ctx.staff ? 760 : '100vh',
          display: 'flex',
          flexDirection: 'column',
          background: '#f5f5f5',
          border: ctx.staff ? '1px solid #d9d9d9' : undefined,
          borderRadius: ctx.staff ? 16 : undefined,
          overflow: 'clip',
        }}
      >
        <header
          style={{
            background: 'linear-gradient(135deg,#c1381c,#f08a24)',
            color: '#fff',
            padding: '12px 16px',
            minHeight: 48,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
          }}
        >
          <Typography.Text strong style={{ color: '#fff', fontSize: 17 }}>
            {t(`capp.tabs.${current}`)}
          </Typography.Text>
          {ctx.staff ? (
            <Link
              to={`/workbench/customers/${ctx.customerId}`}
              style={{ color: '#fff', fontSize: 12, textDecoration: 'underline' }}
              data-testid="capp-back-360"
            >
              {t('capp.staffPreview')}
            </Link>
          ) : current === 'chat' ? (
            <Typography.Text style={{ color: '#fff', fontSize: 12 }}>{t('capp.title')}</Typography.Text>
          ) : (
            <Link
              to="/app/chat"
              data-testid="capp-chat-link"
              style={{ color: '#fff', fontSize: 13, textDecoration: 'underline', padding: '12px 0' }}
            >
              {t('capp.askAdvisor')}
            </Link>
          )}
        </header>
        <main style={{ flex: 1, padding: 12, minWidth: 0 }}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <Outlet />
          </Suspense>
        </main>
        <nav
          data-testid="capp-tabs"
          style={{
            position: 'sticky',
            bottom: 0,
            display: 'flex',
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            paddingBottom: 'env(safe-area-inset-bottom)',
            zIndex: 10,
          }}
        >
          {TABS.map((tab) => (
            <NavLink
              key={tab.key}
              to={`${ctx.base}${tab.path}`}
              end={tab.key === 'home'}
              data-testid={`capp-tab-${tab.key}`}
              style={{
                flex: 1,
                minHeight: 56,
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 14,
                fontWeight: current === tab.key ? 600 : 400,
                color: current === tab.key ? '#c1381c' : '#595959',
                borderTop: current === tab.key ? '2px solid #c1381c' : '2px solid transparent',
              }}
            >
              {t(`capp.tabs.${tab.key}`)}
            </NavLink>
          ))}
        </nav>
      </div>
    </CustomerAppCtx.Provider>
  );
};
