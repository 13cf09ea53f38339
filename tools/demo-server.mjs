// `npm start`: serves the demo on localhost. Issue #7 makes it the full box-office demo.
import http from 'node:http';

const port = Number(process.env.PORT ?? 8080);
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><title>pass-check</title><h1>pass-check</h1><p>The demo arrives with the elements.</p>');
}).listen(port, '127.0.0.1', () => console.log(`pass-check demo on http://localhost:${port}/`));
