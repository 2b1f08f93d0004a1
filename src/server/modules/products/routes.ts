import { ErrorBody } from '../../../contracts/common.js';
import {
  ProductCodeParams,
  ProductDetail,
  ProductListQuery,
  ProductPage,
} from '../../../contracts/products.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
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
    handler: (req) => productDetail(deps, req.params.code),
  });
};
