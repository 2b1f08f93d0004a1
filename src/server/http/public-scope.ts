import type { FastifyInstance } from 'fastify';

/**
 * Declares every route registered inside `scope` (including routes added by third-party plugins such as
 * the OpenAPI UI and the static file server) as `public`. Our own routes declare their permission directly;
 * this is only for plugin routes whose options we do not write.
 */
export const markPublic = (scope: FastifyInstance): void => {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), permission: 'public' };
  });
};
