import type { z } from 'zod';
import type {
  FlowTestResult,
  FlowUnitList,
  FlowUnitView,
  FlowVersionList,
  ModelInfo,
  PreviewResult,
  ReviewList,
} from '../../../contracts/advisor-ops.js';
import { apiFetch } from '../../api/client.js';

export type UnitList = z.infer<typeof FlowUnitList>;
export type UnitView = z.infer<typeof FlowUnitView>;
export type Versions = z.infer<typeof FlowVersionList>;
export type TestRun = z.infer<typeof FlowTestResult>;
export type Preview = z.infer<typeof PreviewResult>;
export type Review = z.infer<typeof ReviewList>;
export type Model = z.infer<typeof ModelInfo>;

const base = (unit: string) => `/api/ops/advisor/flows/${encodeURIComponent(unit)}`;

/** The advisor-operations routes the console pages call. */
export const opsApi = {
  units: () => apiFetch<UnitList>('/api/ops/advisor/flows'),
  unit: (unit: string) => apiFetch<UnitView>(base(unit)),
  versions: (unit: string) => apiFetch<Versions>(`${base(unit)}/versions`),
  saveDraft: (unit: string, doc: unknown) =>
    apiFetch<UnitView>(`${base(unit)}/draft`, { method: 'PUT', body: doc }),
  runTests: (unit: string) => apiFetch<TestRun>(`${base(unit)}/draft/tests`, { method: 'POST', body: {} }),
  preview: (unit: string, body: { text: string; state: Record<string, unknown> | null; customer: string }) =>
    apiFetch<Preview>(`${base(unit)}/draft/preview`, { method: 'POST', body }),
  publish: (unit: string) =>
    apiFetch<{ version: number }>(`${base(unit)}/publish`, { method: 'POST', body: {} }),
  rollback: (unit: string, version: number) =>
    apiFetch<{ version: number }>(`${base(unit)}/rollback`, { method: 'POST', body: { version } }),
  review: () => apiFetch<Review>('/api/ops/advisor/review'),
  label: (id: number, body: { kind: 'intent' | 'kb'; value: string } | { kind: 'dismiss' }) =>
    apiFetch<{ status: string }>(`/api/ops/advisor/review/${id}/label`, { method: 'POST', body }),
  model: () => apiFetch<Model>('/api/ops/advisor/model'),
  retrain: () => apiFetch<Model>('/api/ops/advisor/model/retrain', { method: 'POST', body: {} }),
};
