import { z } from 'zod';
import { COPY_CHANNELS, COPY_STATUSES, SEGMENTS } from '../core/copy/index.js';
import { idNumber } from './common.js';

/** Marketing copy under maker/checker approval, and the content libraries (issue 16). */

const Text = z.object({ zh: z.string(), en: z.string() });

export const CopyFinding = z.object({
  rule: z.string(),
  blocking: z.boolean(),
  match: z.string().nullable(),
  start: z.number().nullable(),
  end: z.number().nullable(),
  message: Text,
  suggestion: Text,
});

export const CopyVersion = z.object({
  version: z.number(),
  text: z.string(),
  status: z.enum(COPY_STATUSES),
  findings: z.array(CopyFinding),
  blocking: z.number(),
  suggestedText: z.string().nullable(),
  makerId: z.number(),
  checkerId: z.number().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});

export const Copy = z.object({
  id: z.number(),
  segment: z.enum(SEGMENTS),
  productCode: z.string(),
  productName: z.string(),
  channel: z.enum(COPY_CHANNELS),
  aiGenerated: z.boolean(),
  createdBy: z.number(),
  createdAt: z.string(),
  /** The latest version: the one that is reviewed and sent. */
  current: CopyVersion,
  /** Every version, newest first: the audit trail of text, findings, maker and checker. */
  versions: z.array(CopyVersion),
});
export type Copy = z.infer<typeof Copy>;

export const CopyCreate = z
  .object({
    segment: z.enum(SEGMENTS),
    productCode: z.string().min(1, 'productCode must name a product').max(40),
    channel: z.enum(COPY_CHANNELS),
    /** `template` (default, no model) or `llm` (the optional LLM drafts; needs LLM_BASE_URL / LLM_MODEL). */
    source: z.enum(['template', 'llm']).default('template'),
  })
  .strict();

export const CopyParams = z.object({ id: idNumber() });
export const CopyEdit = z
  .object({ text: z.string().trim().min(1, 'text must not be empty').max(2000) })
  .strict();
export const CopyDecision = z.object({ note: z.string().max(500).optional() }).strict();
export const CopyReject = z
  .object({ note: z.string().trim().min(1, 'note must say why the copy is rejected').max(500) })
  .strict();
export const CopySend = z.object({ customerId: idNumber() }).strict();
export const CopyListQuery = z.object({
  status: z.enum(COPY_STATUSES).optional(),
});
export const CopyList = z.object({ items: z.array(Copy) });

export const SendResult = z.object({
  outboxId: z.number(),
  copyId: z.number(),
  version: z.number(),
  customerId: z.number(),
  channel: z.string(),
  text: z.string(),
});

export const LIBRARY_KINDS = ['script', 'material', 'campaign', 'knowledge'] as const;
export const LibraryItem = z.object({
  id: z.number(),
  kind: z.enum(LIBRARY_KINDS),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  createdBy: z.number(),
  createdAt: z.string(),
});
export const LibraryCreate = z
  .object({
    kind: z.enum(LIBRARY_KINDS),
    title: z.string().trim().min(1, 'title must not be empty').max(200),
    body: z.string().trim().min(1, 'body must not be empty').max(10_000),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  })
  .strict();
export const LibraryQuery = z.object({
  q: z.string().max(100).optional(),
  tag: z.string().max(40).optional(),
  kind: z.enum(LIBRARY_KINDS).optional(),
});
export const LibraryList = z.object({ items: z.array(LibraryItem) });
