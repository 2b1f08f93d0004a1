import { openPglite } from './src/server/db/connection.js';
import { migrate } from './src/server/db/migrate.js';
import { buildApp } from './src/server/app.js';
import http from 'node:http';
const db = await openPglite(null);
await migrate(db);
const app = await buildApp({ db, sessionSecret: 'x'.repeat(32), logLevel: 'silent' });
const show = (label: string, r: { statusCode: number; headers: Record<string, unknown>; body: string }) =>
  console.log(label, r.statusCode, r.headers['content-type'], r.headers['x-content-type-options'] ?? '-', r.headers['cache-control'], r.body.slice(0, 200));
show('badurl', await app.inject({ method: 'GET', url: '/api/products/%E0%A4%A' }));
show('longparam', await app.inject({ method: 'GET', url: '/api/products/' + 'a'.repeat(300) }));
show('param150', await app.inject({ method: 'GET', url: '/api/products/' + 'a'.repeat(150) }));
show('oversize', await app.inject({ method: 'POST', url: '/api/auth/login', payload: JSON.stringify({ username: 'a'.repeat(2_000_000), password: 'x' }), headers: { 'content-type': 'application/json' } }));
show('media', await app.inject({ method: 'POST', url: '/api/auth/login', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
show('badjson', await app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"a":', headers: { 'content-type': 'application/json' } }));
show('deep', await app.inject({ method: 'POST', url: '/api/auth/login', payload: '['.repeat(100000) + ']'.repeat(100000), headers: { 'content-type': 'application/json' } }));
show('nul', await app.inject({ method: 'POST', url: '/api/auth/login', payload: {username: 'a\u0000b', password: 'b'} }));
show('surr', await app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username":"a\\ud800b","password":"b"}', headers: { 'content-type': 'application/json' } }));
show('nulq', await app.inject({ method: 'GET', url: '/api/info?x=%00' }));
show('info', await app.inject({ method: 'GET', url: '/api/info' }));
show('health', await app.inject({ method: 'GET', url: '/healthz' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
await new Promise<void>((resolve) => {
  const req = http.request({ host: '127.0.0.1', port, path: '/api/info', headers: { 'x-big': 'a'.repeat(20000) } }, (res) => {
    let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => { console.log('bighdr', res.statusCode, res.headers, b); resolve(); });
  });
  req.on('error', (e) => { console.log('err', e.message); resolve(); });
  req.end();
});
await new Promise<void>((resolve) => {
  const req = http.request({ host: '127.0.0.1', port, path: '/api/products/%E0%A4%A' }, (res) => {
    let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => { console.log('badurl-real', res.statusCode, res.headers, b); resolve(); });
  });
  req.end();
});
await app.close(); await db.close();
