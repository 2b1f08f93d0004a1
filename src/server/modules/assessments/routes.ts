import {
  AssessmentHistory,
  AssessmentParams,
  ConfirmAssessmentResult,
  QuestionnaireView,
  SubmitAssessmentBody,
  SubmitAssessmentResult,
} from '../../../contracts/assessments.js';
import { ErrorBody } from '../../../contracts/common.js';
import { CustomerIdParams } from '../../../contracts/customers.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { assessmentHistory, confirmAssessment, questionnaireView, submitAssessment } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Risk assessment (风险测评): the questionnaire, the customer's answers, the history and the confirmation. */
export const registerAssessmentRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/assessments/questionnaire', {
    config: { permission: 'authenticated' },
    schema: {
      tags: ['assessments'],
      summary:
        'The risk questionnaire in force (questions and options, its version, validity and frequency limits)',
      response: { 200: QuestionnaireView, 401: ErrorBody },
    },
    handler: () => questionnaireView(deps.policy),
  });

  app.get('/api/customers/:id/assessments', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['assessments'],
      summary:
        'Risk assessments of a customer, newest first, with the level on file and the frequency status',
      params: CustomerIdParams,
      response: { 200: AssessmentHistory, ...errors },
    },
    handler: (req) => assessmentHistory(deps, principalOf(req), req.params.id, req.id),
  });

  app.post('/api/customers/:id/assessments', {
    config: { permission: 'assessment:take' },
    schema: {
      tags: ['assessments'],
      summary:
        'The customer answers the questionnaire: 201 with score and level (a changed level is pending until ' +
        'confirmed); 429 with nextAllowedOn past the NFRA limit (2 a day, 8 in 12 months)',
      params: CustomerIdParams,
      body: SubmitAssessmentBody,
      response: { 201: SubmitAssessmentResult, ...errors, 429: ErrorBody },
    },
    handler: async (req, reply) => {
      const res = await submitAssessment(deps, principalOf(req), req.params.id, req.body, req.id);
      return reply.status(201).send(res);
    },
  });

  app.post('/api/customers/:id/assessments/:aid/confirm', {
    config: { permission: 'assessment:take' },
    schema: {
      tags: ['assessments'],
      summary: 'The customer confirms the changed level of a pending assessment; it then takes effect',
      params: AssessmentParams,
      response: { 200: ConfirmAssessmentResult, ...errors, 409: ErrorBody },
    },
    handler: (req) => confirmAssessment(deps, principalOf(req), req.params.id, req.params.aid, req.id),
  });
};
