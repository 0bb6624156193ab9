// /docs: Swagger UI served from the swagger-ui-dist package's own files — no CDN, so the reference works on an
// air-gapped network. Only the three files the page needs are exposed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kehoach API</title>
<link rel="stylesheet" href="./swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="./swagger-ui-bundle.js"></script>
<script src="./swagger-ui-standalone-preset.js"></script>
<script src="./init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

function assetDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

export function docsRouter(): Router {
  const dir = assetDir();
  const router = express.Router();
  router.get('/docs', (req, res, next) => {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) {
      res.redirect(301, '/docs/');
      return;
    }
    next();
  });
  router.get('/docs/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  for (const name of ASSETS) {
    router.get(`/docs/${name}`, (_req, res) => {
      res.sendFile(join(dir, name), { maxAge: '1d' });
    });
  }
  return router;
}
