import { createContext, useContext } from 'react';

/** Whose app is shown and where it lives: the customer's own (/app) or an RM's view of an own customer. */
export type CustomerAppContext = {
  customerId: number;
  /** Route prefix of the app's pages: `/app`, or `/workbench/customers/:id/app` for staff. */
  base: string;
  /** A staff member previews the customer's pages (read-only for what only the customer may do). */
  staff: boolean;
  /** The caller may answer the risk questionnaire (the customer alone). */
  canTakeAssessment: boolean;
  /** The caller may set take-profit/stop-loss targets. */
  canSetTargets: boolean;
};

export const CustomerAppCtx = createContext<CustomerAppContext | null>(null);

export const useCustomerApp = (): CustomerAppContext => {
  const c = useContext(CustomerAppCtx);
  if (c === null) throw new Error('useCustomerApp outside the customer app');
  return c;
};
