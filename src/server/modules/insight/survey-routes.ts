import { ErrorBody } from '../../../contracts/common.js';
import {
  SurveyDrivers,
  SurveyDriversQuery,
  SurveyImportBody,
  SurveyImportResult,
  SurveySummary,
} from '../../../contracts/insight.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { importSurveys, surveyDriversFor, surveySummary } from './survey.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** Survey files are larger than other requests: 16 MB of base64 (about 150,000 responses). */
const SURVEY_BODY_LIMIT = 16 * 1024 * 1024;

/** Survey (X-data) fusion (issue 15, item 5): import, summary, drivers; operations and admin (`insight:run`). */
export const registerSurveyRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.post('/api/insight/surveys', {
    config: { permission: 'insight:run' },
    bodyLimit: SURVEY_BODY_LIMIT,
    schema: {
      tags: ['insight'],
      summary:
        'Import survey responses (csv or xlsx, base64): customer_id, nps, csat_*, comment, response_date; bad rows → 400 listing every row and column, nothing stored (unless keep_good_rows)',
      body: SurveyImportBody,
      response: { 200: SurveyImportResult, ...errors },
    },
    handler: (req) =>
      importSurveys(
        deps,
        principalOf(req),
        {
          bytes: Buffer.from(req.body.file, 'base64'),
          ...(req.body.format ? { format: req.body.format } : {}),
          keepGoodRows: req.body.keep_good_rows,
        },
        req.id,
      ),
  });

  app.get('/api/insight/surveys', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary: 'Survey summary: NPS distribution, CSAT means, topic × sentiment counts, import batches',
      response: { 200: SurveySummary, ...errors },
    },
    handler: () => surveySummary(deps.db),
  });

  app.get('/api/insight/surveys/drivers', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'Drivers of NPS and of detractors (operational factors as of each response date, survey measures) and the renewal effects without/with the survey measures (worker thread)',
      querystring: SurveyDriversQuery,
      response: { 200: SurveyDrivers, ...errors },
    },
    handler: (req) => surveyDriversFor(deps.db, req.query, deps.now()),
  });
};
