import { lazy, Suspense } from 'react';
import type { ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { SegmentBuilderPage } from './pages/segments/segment-builder-page.js';
import { TagCataloguePage } from './pages/segments/tag-catalogue-page.js';
import { FlowEditorPage } from './pages/advisor-ops/flow-editor-page.js';
import { ReviewQueuePage } from './pages/advisor-ops/review-queue-page.js';
import { KbPage } from './pages/advisor-ops/kb-page.js';
import { StrategyMatrixPage } from './pages/segments/strategy-matrix-page.js';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth/auth-context.js';
import { ComingSoon } from './components/coming-soon.js';
import { AppLayout } from './layout/app-layout.js';
import { homeOf } from './layout/nav.js';
import { CustomerAppShell } from './pages/customer-app/customer-app-shell.js';
import { LoginPage } from './pages/login-page.js';

/**
 * A page loaded on first visit (its own chunk; charts come in a shared chunk), so the login page downloads
 * neither the workbench nor ECharts.
 */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const AuditPage = page(() => import('./pages/admin/audit-page.js'), 'AuditPage');
const OrgPage = page(() => import('./pages/admin/org-page.js'), 'OrgPage');
const FundPkPage = page(() => import('./pages/analytics/fund-pk-page.js'), 'FundPkPage');
const Customer360Page = page(() => import('./pages/customers/customer-360-page.js'), 'Customer360Page');
const CustomerListPage = page(() => import('./pages/customers/customer-list-page.js'), 'CustomerListPage');
const ProposalPage = page(() => import('./pages/customers/proposal-page.js'), 'ProposalPage');
const ProductListPage = page(() => import('./pages/products/product-list-page.js'), 'ProductListPage');
const CopyPage = page(() => import('./pages/rm-assistant/copy-page.js'), 'CopyPage');
const ApprovalsPage = page(() => import('./pages/rm-assistant/approvals-page.js'), 'ApprovalsPage');
const ProductPage = page(() => import('./pages/products/product-page.js'), 'ProductPage');
const CustomerHomePage = page(() => import('./pages/customer-app/home-page.js'), 'CustomerHomePage');
const CheckupPage = page(() => import('./pages/customer-app/checkup-page.js'), 'CheckupPage');
const StatementPage = page(() => import('./pages/customer-app/statement-page.js'), 'StatementPage');
const AlertsPage = page(() => import('./pages/customer-app/alerts-page.js'), 'AlertsPage');
const MePage = page(() => import('./pages/customer-app/me-page.js'), 'MePage');
const PrivacyPage = page(() => import('./pages/customer-app/privacy-page.js'), 'PrivacyPage');
const AssessmentPage = page(() => import('./pages/customer-app/assessment-page.js'), 'AssessmentPage');
const RecommendationsPage = page(
  () => import('./pages/customer-app/recommendations-page.js'),
  'RecommendationsPage',
);
const AdvisorChatPage = page(() => import('./pages/advisor/chat-page.js'), 'AdvisorChatPage');
const HandoffsPage = page(() => import('./pages/advisor/handoffs-page.js'), 'HandoffsPage');
const EmbedChatPage = page(() => import('./pages/advisor/embed-chat-page.js'), 'EmbedChatPage');
const PkPage = page(() => import('./pages/customer-app/pk-page.js'), 'PkPage');
const JobsPage = page(() => import('./pages/jobs/jobs-page.js'), 'JobsPage');
const CampaignListPage = page(() => import('./pages/campaigns/campaign-list-page.js'), 'CampaignListPage');
const CampaignFormPage = page(() => import('./pages/campaigns/campaign-form-page.js'), 'CampaignFormPage');
const CampaignDetailPage = page(
  () => import('./pages/campaigns/campaign-detail-page.js'),
  'CampaignDetailPage',
);
const OutboxPage = page(() => import('./pages/outbox/outbox-page.js'), 'OutboxPage');
const InsightPage = page(() => import('./pages/insight/insight-page.js'), 'InsightPage');
const LeadsPage = page(() => import('./pages/mot/leads-page.js'), 'LeadsPage');
const MotRulesPage = page(() => import('./pages/mot/mot-rules-page.js'), 'MotRulesPage');

/** The investor's pages, the same under /app (the customer) and /workbench/customers/:id/app (their RM). */
const customerAppPages = (
  <>
    <Route index element={<CustomerHomePage />} />
    <Route path="checkup" element={<CheckupPage />} />
    <Route path="statement" element={<StatementPage />} />
    <Route path="alerts" element={<AlertsPage />} />
    <Route path="me" element={<MePage />} />
    <Route path="privacy" element={<PrivacyPage />} />
    <Route path="assessment" element={<AssessmentPage />} />
    <Route path="recommendations" element={<RecommendationsPage />} />
    <Route path="pk" element={<PkPage />} />
    <Route path="chat" element={<AdvisorChatPage />} />
  </>
);

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
    <Route
      path="/embed/chat"
      element={
        <Suspense fallback={null}>
          <EmbedChatPage />
        </Suspense>
      }
    />
    <Route path="/app" element={<CustomerAppShell />}>
      {customerAppPages}
    </Route>
    <Route element={<AppLayout />}>
      <Route index element={<Home />} />
      <Route path="advisor/chat" element={<AdvisorChatPage />} />
      <Route path="me" element={<Navigate to="/app" replace />} />
      <Route path="workbench/customers" element={<CustomerListPage />} />
      <Route path="workbench/customers/:id" element={<Customer360Page />} />
      <Route path="workbench/customers/:id/proposal" element={<ProposalPage />} />
      <Route path="workbench/copy" element={<CopyPage />} />
      <Route path="workbench/handoffs" element={<HandoffsPage />} />
      <Route path="console/approvals" element={<ApprovalsPage />} />
      <Route path="workbench/customers/:id/app" element={<CustomerAppShell />}>
        {customerAppPages}
      </Route>
      <Route path="workbench/leads" element={<LeadsPage />} />
      <Route path="console/mot-rules" element={<MotRulesPage />} />
      <Route path="console/products" element={<ProductListPage />} />
      <Route path="console/products/:code" element={<ProductPage />} />
      <Route path="console/pk" element={<FundPkPage />} />
      <Route path="console/segments" element={<SegmentBuilderPage />} />
      <Route path="console/tags" element={<TagCataloguePage />} />
      <Route path="console/advisor-flows" element={<FlowEditorPage />} />
      <Route path="console/advisor-review" element={<ReviewQueuePage />} />
      <Route path="console/advisor-kb" element={<KbPage />} />
      <Route path="console/strategy" element={<StrategyMatrixPage />} />
      <Route path="console/jobs" element={<JobsPage />} />
      <Route path="console/campaigns" element={<CampaignListPage />} />
      <Route path="console/campaigns/new" element={<CampaignFormPage />} />
      <Route path="console/campaigns/:id" element={<CampaignDetailPage />} />
      <Route path="console/outbox" element={<OutboxPage />} />
      <Route path="console/analytics" element={<Soon k="nav.analytics" />} />
      <Route path="console/insight" element={<InsightPage />} />
      <Route path="admin/org" element={<OrgPage />} />
      <Route path="admin/audit" element={<AuditPage />} />
      <Route path="*" element={<Home />} />
    </Route>
  </Routes>
);
