import type { FastifyReply } from 'fastify';
import { ErrorBody } from '../../../contracts/common.js';
import {
  ProductCodeParams,
  ProductDetail,
  ProductListQuery,
  ProductPage,
} from '../../../contracts/products.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { acceptsGzip, cachedProductPage, gzipOf } from './page-cache.js';
import { productDetail, searchProducts } from './service.js';

export const registerProductRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/products', {
    config: { permission: 'products:read' },
    schema: {
      tags: ['products'],
      summary: 'Product shelf with latest NAV and one-year return (adjusted NAV)',
      querystring: ProductListQuery,
      response: { 200: ProductPage, 400: ErrorBody, 401: ErrorBody },
    },
    handler: (req) => searchProducts(deps, req.query),
  });

  app.get('/api/products/:code', {
    config: { permission: 'products:read' },
    schema: {
      tags: ['products'],
      summary: 'Product detail with the NAV series and performance from adjusted NAV',
      params: ProductCodeParams,
      response: { 200: ProductDetail, 401: ErrorBody, 404: ErrorBody },
    },
    // The page is the same for every caller: served from the cache, already serialised (and gzipped when the
    // client accepts it), instead of recomputing the figures and re-encoding the NAV history per request.
    handler: async (req, reply) => {
      const page = await cachedProductPage(deps.db, req.params.code, () =>
        productDetail(deps, req.params.code),
      );
      // Already serialised: a string or buffer with a JSON content type skips the serializer.
      const raw = reply as FastifyReply;
      void raw.type('application/json; charset=utf-8');
      if (!acceptsGzip(req.headers['accept-encoding'])) return raw.send(page.json);
      void raw.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
      return raw.send(gzipOf(page));
    },
  });
};
