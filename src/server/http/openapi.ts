import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { markPublic } from './public-scope.js';

/** OpenAPI document generated from the zod schemas of the routes; UI at /api/docs, JSON at /api/docs/json. */
export const registerOpenApi = async (app: FastifyInstance, version: string): Promise<void> => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Caiban 财伴 API',
        description:
          'Wealth-advisory platform API. Authenticate with POST /api/auth/login and send the token as ' +
          '`Authorization: Bearer <token>` (or rely on the session cookie).',
        version,
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (scope) => {
    markPublic(scope);
    await scope.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });
};
