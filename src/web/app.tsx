import { Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth/auth-context.js';
import { ComingSoon } from './components/coming-soon.js';
import { AppLayout } from './layout/app-layout.js';
import { homeOf } from './layout/nav.js';
import { AuditPage } from './pages/admin/audit-page.js';
import { FundPkPage } from './pages/analytics/fund-pk-page.js';
import { OrgPage } from './pages/admin/org-page.js';
import { Customer360Page } from './pages/customers/customer-360-page.js';
import { CustomerListPage } from './pages/customers/customer-list-page.js';
import { ProposalPage } from './pages/customers/proposal-page.js';
import { LoginPage } from './pages/login-page.js';
import { ProductListPage } from './pages/products/product-list-page.js';
import { ProductPage } from './pages/products/product-page.js';

const Home = () => {
  const { user } = useAuth();
  return user === null ? <Navigate to="/login" replace /> : <Navigate to={homeOf(user.role)} replace />;
};

const Soon = ({ k }: { k: string }) => {
  const { t } = useTranslation();
  return <ComingSoon title={t(k)} />;
};

export const App = () => (
  <Routes>
    <Route path="/login" element={<LoginPage />} />
    <Route element={<AppLayout />}>
      <Route index element={<Home />} />
      <Route path="advisor/chat" element={<Soon k="nav.advisorChat" />} />
      <Route path="me" element={<Customer360Page />} />
      <Route path="workbench/customers" element={<CustomerListPage />} />
      <Route path="workbench/customers/:id" element={<Customer360Page />} />
      <Route path="workbench/customers/:id/proposal" element={<ProposalPage />} />
      <Route path="workbench/leads" element={<Soon k="nav.leads" />} />
      <Route path="console/products" element={<ProductListPage />} />
      <Route path="console/products/:code" element={<ProductPage />} />
      <Route path="console/pk" element={<FundPkPage />} />
      <Route path="console/segments" element={<Soon k="nav.segments" />} />
      <Route path="console/campaigns" element={<Soon k="nav.campaigns" />} />
      <Route path="console/analytics" element={<Soon k="nav.analytics" />} />
      <Route path="admin/org" element={<OrgPage />} />
      <Route path="admin/audit" element={<AuditPage />} />
      <Route path="*" element={<Home />} />
    </Route>
  </Routes>
);
