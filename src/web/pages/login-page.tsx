import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Grid, Input, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { OtpRequestResponse } from '../../contracts/auth.js';
import { ApiError, apiFetch } from '../api/client.js';
import { useAuth } from '../auth/auth-context.js';
import { setLang } from '../i18n/index.js';
import { homeOf } from '../layout/nav.js';

const useDemo = (): boolean =>
  useQuery({
    queryKey: ['info'],
    queryFn: () => apiFetch<{ demo: boolean }>('/api/info'),
    staleTime: Infinity,
  }).data?.demo === true;

const StaffLogin = ({ onDone }: { onDone: () => void }) => {
  const demo = useDemo();
  const { t } = useTranslation();
  const { loginStaff } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await loginStaff(v.username, v.password);
      onDone();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401 ? t('login.badCredentials') : String((e as Error).message),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      layout="vertical"
      onFinish={(v: { username: string; password: string }) => void submit(v)}
      requiredMark={false}
    >
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, message: t('login.usernameRequired') }]}
      >
        <Input autoComplete="username" data-testid="login-username" size="large" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="login-password" size="large" />
      </Form.Item>
      {error !== null && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
        {t('login.submit')}
      </Button>
      {demo && (
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 16, fontSize: 12 }}
          data-testid="demo-hint"
        >
          {t('login.demoHint')}
        </Typography.Paragraph>
      )}
    </Form>
  );
};

/** The customer login's own answers (an unknown phone is not a "wrong username or password"). */
const customerLoginError = (e: unknown, t: (key: string) => string): string => {
  if (!(e instanceof ApiError)) return (e as Error).message;
  if (e.status === 401) return t('customerLogin.refused');
  if (e.status === 429) return t('customerLogin.tooMany');
  if (e.status === 503) return t('customerLogin.unavailable');
  return e.message;
};

const CustomerLogin = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const { loginCustomer } = useAuth();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sendCode = async () => {
    const phone = (await form.validateFields(['phone'])).phone;
    try {
      const r = await apiFetch<OtpRequestResponse>('/api/auth/otp/request', {
        method: 'POST',
        body: { phone },
      });
      setError(null);
      setDemoCode(r.demoCode);
    } catch (e) {
      setError(customerLoginError(e, t));
    }
  };
  const submit = async (v: { phone: string; code: string }) => {
    setError(null);
    try {
      await loginCustomer(v.phone, v.code);
      onDone();
    } catch (e) {
      setError(customerLoginError(e, t));
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
      <Form.Item
        name="phone"
        label={t('login.phone')}
        rules={[{ required: true, pattern: /^1\d{10}$/, message: t('login.phoneRequired') }]}
      >
        <Input size="large" maxLength={11} inputMode="numeric" data-testid="otp-phone" />
      </Form.Item>
      <Form.Item label={t('login.code')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="code"
            noStyle
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.codeRequired') }]}
          >
            <Input size="large" maxLength={6} inputMode="numeric" data-testid="otp-code" />
          </Form.Item>
          <Button size="large" onClick={() => void sendCode()} data-testid="otp-send">
            {t('login.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {demoCode !== null && (
        <Alert
          type="info"
          showIcon
          message={t('login.demoCode', { code: demoCode })}
          style={{ marginBottom: 16 }}
        />
      )}
      {error !== null && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="otp-error" />
      )}
      <Button type="primary" htmlType="submit" block size="large" data-testid="otp-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
};

export const LoginPage = () => {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  // On a phone (below md) the brand panel becomes a header above the card, which takes the screen's width.
  const wide = Grid.useBreakpoint().md !== false;
  if (user !== null) return <Navigate to={from ?? homeOf(user.role)} replace />;
  const done = () => void navigate(from ?? '/', { replace: true });
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        gridTemplateColumns: wide ? '1.1fr 1fr' : 'minmax(0, 1fr)',
        gridTemplateRows: wide ? undefined : 'auto 1fr',
        background: '#f5f6f8',
      }}
    >
      <div
        style={{
          background: 'linear-gradient(150deg,#7a1f0d 0%,#c1381c 55%,#f08a24 100%)',
          color: '#fff',
          padding: wide ? '64px 72px' : '20px 16px',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
        }}
      >
        <Typography.Title level={2} style={{ color: '#fff', margin: 0, fontSize: wide ? undefined : 20 }}>
          {t('app.fullName')}
        </Typography.Title>
        <div style={wide ? undefined : { display: 'none' }}>
          <Typography.Title level={1} style={{ color: '#fff', fontWeight: 600 }}>
            {t('app.tagline')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,.85)', fontSize: 16 }}>
            {t('nav.advisorChat')} · {t('nav.workbench')} · {t('nav.console')} · {t('nav.admin')}
          </Typography.Paragraph>
        </div>
        <Typography.Text style={{ color: 'rgba(255,255,255,.7)', display: wide ? undefined : 'none' }}>
          {t('products.disclaimer')}
        </Typography.Text>
      </div>
      <div style={{ display: 'grid', placeItems: wide ? 'center' : 'start stretch', padding: wide ? 0 : 12 }}>
        <Card
          style={{ width: wide ? 420 : '100%', maxWidth: 420, justifySelf: 'center' }}
          title={t('login.title')}
          extra={
            <Button type="link" onClick={() => void setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}>
              {t('common.language')}
            </Button>
          }
        >
          <Tabs
            items={[
              { key: 'staff', label: t('login.staffTab'), children: <StaffLogin onDone={done} /> },
              { key: 'customer', label: t('login.customerTab'), children: <CustomerLogin onDone={done} /> },
            ]}
          />
        </Card>
      </div>
    </div>
  );
};
