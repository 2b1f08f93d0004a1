import { openPglite } from './src/server/db/connection.js';
import { migrate } from './src/server/db/migrate.js';
import { buildApp } from './src/server/app.js';
import http from 'node:http';
const db = await openPglite(null);
await migrate(db);
const app = await buildApp({ db, sessionSecret: 'x'.repeat(32), logLevel: 'silent' });
const show = (label: string, r: { statusCode: number; headers: Record<string, unknown>; body: string }) =>
  console.log(label, r.statusCode, r.headers['content-type'], r.headers['x-content-type-options'] ?? '-', r.body.slice(0, 200));
show('badurl', await app.inject({ method: 'GET', url: '/api/products/%E0%A4%A' }));
show('badurl2', await app.inject({ method: 'GET', url: '/api/products/%' }));
show('longparam', await app.inject({ method: 'GET', url: '/api/products/' + 'a'.repeat(200) }));
show('oversize', await app.inject({ method: 'POST', url: '/api/auth/login', payload: JSON.stringify({ username: 'a'.repeat(2_000_000), password: 'x' }), headers: { 'content-type': 'application/json' } }));
show('media', await app.inject({ method: 'POST', url: '/api/auth/login', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
show('badjson', await app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"a":', headers: { 'content-type': 'application/json' } }));
show('emptyjson', await app.inject({ method: 'POST', url: '/api/auth/login', payload: '', headers: { 'content-type': 'application/json' } }));
show('proto', await app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"__proto__":{"x":1},"username":"a","password":"b"}', headers: { 'content-type': 'application/json' } }));
show('nul', await app.inject({ method: 'POST', url: '/api/auth/login', payload: {username: 'a\u0000b', password: 'b'} }));
show('nulq', await app.inject({ method: 'GET', url: '/api/info?x=%00' }));
show('method', await app.inject({ method: 'PATCH' as 'GET', url: '/api/info' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
await new Promise<void>((resolve) => {
  const req = http.request({ host: '127.0.0.1', port, path: '/api/info', headers: { 'x-big': 'a'.repeat(20000) } }, (res) => {
    let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => { console.log('bighdr', res.statusCode, res.headers, b); resolve(); });
  });
  req.on('error', (e) => { console.log('err', e.message); resolve(); });
  req.end();
});
await app.close(); await db.close();
