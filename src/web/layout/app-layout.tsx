import { useQuery } from '@tanstack/react-query';
import { Avatar, Badge, Button, Dropdown, Grid, Layout, Menu, Skeleton, Space, Tag, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { apiFetch } from '../api/client.js';
import { useAuth } from '../auth/auth-context.js';
import { setLang } from '../i18n/index.js';
import { navFor } from './nav.js';

const { Header, Sider, Content } = Layout;

/**
 * The signed-in shell: role-based navigation on the left, user and language on top. On a phone (below the md
 * breakpoint) the navigation folds away behind its trigger and the header keeps only the user and language.
 */
export const AppLayout = () => {
  const { t, i18n } = useTranslation();
  const wide = Grid.useBreakpoint().md !== false;
  const { user, loading, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const groups = useMemo(() => (user === null ? [] : navFor(user.role)), [user]);
  // The RM's waiting hand-offs, for the badge on the workbench's hand-off entry (polled).
  const handoffs = useQuery({
    queryKey: ['handoffs'],
    queryFn: () => apiFetch<{ id: string }[]>('/api/workbench/handoffs'),
    enabled: user?.role === 'rm',
    refetchInterval: 10_000,
    retry: false,
  });
  const waiting = handoffs.data?.length ?? 0;
  if (loading) return null;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  const items = groups.map((g) => ({
    key: g.key,
    type: 'group' as const,
    label: t(g.labelKey),
    children: g.items.map((i) => ({
      key: i.path,
      label:
        i.key === 'handoffs' ? (
          <span>
            {t(i.labelKey)}{' '}
            <Badge count={waiting} size="small" data-testid="nav-handoffs-count" data-count={waiting} />
          </span>
        ) : (
          t(i.labelKey)
        ),
      'data-testid': `nav-${i.key}`,
    })),
  }));
  const selected = groups
    .flatMap((g) => g.items.map((i) => i.path))
    .filter((p) => location.pathname.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  const other = i18n.language === 'en' ? 'zh-CN' : 'en';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        width={220}
        theme="dark"
        breakpoint="lg"
        collapsedWidth={wide ? 64 : 0}
        zeroWidthTriggerStyle={{ top: 12, zIndex: 10 }}
      >
        <div style={{ height: 64, display: 'flex', alignItems: 'center', padding: '0 20px', gap: 10 }}>
          <div
            style={{
              width: 30,
              height: 30,
              borderRadius: 8,
              background: 'linear-gradient(135deg,#d4380d,#fa8c16)',
              color: '#fff',
              display: 'grid',
              placeItems: 'center',
              fontWeight: 700,
            }}
          >
            财
          </div>
          <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
            {t('app.name')}
          </Typography.Text>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected === undefined ? [] : [selected]}
          items={items}
          onClick={(e) => void navigate(e.key)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: wide ? '0 24px' : '0 12px 0 48px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {wide ? (
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('app.fullName')}
            </Typography.Text>
          ) : (
            <span />
          )}
          <Space size="middle">
            <Button type="text" onClick={() => void setLang(other)} data-testid="lang-switch">
              {t('common.language')}
            </Button>
            <Dropdown
              menu={{
                items: [{ key: 'logout', label: t('common.logout') }],
                onClick: () => void logout().then(() => navigate('/login')),
              }}
            >
              <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
                <Avatar style={{ background: '#d4380d' }}>{user.displayName.slice(0, 1)}</Avatar>
                {wide && <span>{user.displayName}</span>}
                <Tag color="volcano">{t(`roles.${user.role}`)}</Tag>
              </Space>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: wide ? 24 : 12, minWidth: 0 }}>
          {/* Pages load on first visit (app.tsx); the menu and header stay while one does. */}
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
};
