import { ErrorBody } from '../../../contracts/common.js';
import {
  Copy,
  CopyCreate,
  CopyDecision,
  CopyEdit,
  CopyList,
  CopyListQuery,
  CopyParams,
  CopyReject,
  CopySend,
  LibraryCreate,
  LibraryItem,
  LibraryList,
  LibraryQuery,
  SendResult,
} from '../../../contracts/copy.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import {
  addLibraryItem,
  copyDetail,
  copyList,
  createCopy,
  decideCopy,
  editCopy,
  findLibraryItems,
  sendCopy,
  submitCopy,
} from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * Marketing copy under maker/checker (issue 16): the RM generates, edits and submits (`copy:write`),
 * operations approves or rejects (`copy:approve`), and only the approved latest version can be sent. The
 * libraries (scripts, materials, campaigns, knowledge) are read by all staff and curated by RMs and operations.
 */
export const registerCopyRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.post('/api/copies', {
    config: { permission: 'copy:write' },
    schema: {
      tags: ['copy'],
      summary:
        'Generate copy for a segment × product × channel (template, or source llm: the optional LLM drafts, AI-labelled) as a draft with its findings',
      body: CopyCreate,
      response: { 200: Copy, ...errors, 503: ErrorBody },
    },
    handler: (req) => createCopy(deps, principalOf(req), req.body, req.id),
  });

  app.get('/api/copies', {
    config: { permission: 'org:read' },
    schema: {
      tags: ['copy'],
      summary: 'Copies (an RM: their own; operations: all — filter status=submitted for the approval queue)',
      querystring: CopyListQuery,
      response: { 200: CopyList, ...errors },
    },
    handler: (req) => copyList(deps, principalOf(req), req.query.status),
  });

  app.get('/api/copies/:id', {
    config: { permission: 'org:read' },
    schema: {
      tags: ['copy'],
      summary: 'One copy with every version: text, findings, maker, checker (the audit trail)',
      params: CopyParams,
      response: { 200: Copy, ...errors },
    },
    handler: (req) => copyDetail(deps, principalOf(req), req.params.id),
  });

  app.patch('/api/copies/:id', {
    config: { permission: 'copy:write' },
    schema: {
      tags: ['copy'],
      summary: 'Edit the text (a decided version opens a new draft version needing a new approval)',
      params: CopyParams,
      body: CopyEdit,
      response: { 200: Copy, ...errors },
    },
    handler: (req) => editCopy(deps, principalOf(req), req.params.id, req.body.text, req.id),
  });

  app.post('/api/copies/:id/submit', {
    config: { permission: 'copy:write' },
    schema: {
      tags: ['copy'],
      summary: 'Submit the draft for approval (blocking findings must be fixed first)',
      params: CopyParams,
      response: { 200: Copy, ...errors },
    },
    handler: (req) => submitCopy(deps, principalOf(req), req.params.id, req.id),
  });

  app.post('/api/copies/:id/approve', {
    config: { permission: 'copy:approve' },
    schema: {
      tags: ['copy'],
      summary: 'Approve the submitted version (the checker is never the maker)',
      params: CopyParams,
      body: CopyDecision,
      response: { 200: Copy, ...errors },
    },
    handler: (req) => decideCopy(deps, principalOf(req), req.params.id, 'approve', req.body.note, req.id),
  });

  app.post('/api/copies/:id/reject', {
    config: { permission: 'copy:approve' },
    schema: {
      tags: ['copy'],
      summary: 'Reject the submitted version with a note',
      params: CopyParams,
      body: CopyReject,
      response: { 200: Copy, ...errors },
    },
    handler: (req) => decideCopy(deps, principalOf(req), req.params.id, 'reject', req.body.note, req.id),
  });

  app.post('/api/copies/:id/send', {
    config: { permission: 'copy:write' },
    schema: {
      tags: ['copy'],
      summary: 'Queue the approved copy for one of your customers (consent and the outbound guard apply)',
      params: CopyParams,
      body: CopySend,
      response: { 200: SendResult, ...errors },
    },
    handler: (req) => sendCopy(deps, principalOf(req), req.params.id, req.body.customerId, req.id),
  });

  app.get('/api/library', {
    config: { permission: 'org:read' },
    schema: {
      tags: ['copy'],
      summary: 'Search the libraries (scripts, materials, campaigns, knowledge) by text, tag and kind',
      querystring: LibraryQuery,
      response: { 200: LibraryList, ...errors },
    },
    handler: (req) => findLibraryItems(deps, req.query),
  });

  app.post('/api/library', {
    config: { permission: 'library:write' },
    schema: {
      tags: ['copy'],
      summary: 'Add a tagged item to a library',
      body: LibraryCreate,
      response: { 200: LibraryItem, ...errors },
    },
    handler: (req) => addLibraryItem(deps, principalOf(req), req.body),
  });
};
