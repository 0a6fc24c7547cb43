import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SECURITY, PUBLIC_EXTENSION, SESSION_SECURITY } from './common/decorators/auth.decorators';

const DESCRIPTION = `
The REST API of the Hardhat Hosting VoIP portal. Every route is under \`/api/v1\`.

**Authentication.** Either a session — \`Authorization: Bearer <accessToken>\` from \`POST /auth/login\` (JWT, 1 hour;
renew it with \`POST /auth/refresh\`) — or an API key: \`X-API-Key: <key>\`, also accepted as
\`Authorization: Bearer hh_…\`. A key acts as its owner, except on \`/auth/*\`, \`/me/*\` and \`/api-keys*\` (403).

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with \`type\`, \`title\`, \`status\`, \`detail\`
and, for invalid input, \`errors: [{field, message}]\`. Another user's resource is always 404.

**Rate limits.** Sign-in: 5 attempts per 15 minutes per client IP. Every authenticated request: 100 per minute per
user (keys and sessions share it). Responses carry \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and
\`X-RateLimit-Reset\` (seconds); a 429 carries \`Retry-After\` (seconds).

**Lists** take \`page\` and \`pageSize\` (at most 100) and answer \`{data, meta: {page, pageSize, total, totalPages}}\`.
Timestamps are ISO 8601 in UTC; phone numbers are E.164.
`.trim();

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Hardhat Hosting VoIP API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .addServer('/', 'This server')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from /auth/login or /auth/refresh',
      },
      SESSION_SECURITY,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: 'An API key (hh_live_…) created under /api-keys',
      },
      API_KEY_SECURITY,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // @nestjs/swagger drops an empty security list, so @Public() routes carry a marker that becomes `security: []`:
  // they say explicitly that they need no credentials.
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as Record<string, unknown>[]) {
      if (typeof operation !== 'object' || !operation || !(PUBLIC_EXTENSION in operation)) continue;
      delete operation[PUBLIC_EXTENSION];
      operation['security'] = [];
    }
  }
  return document;
}

/** Swagger UI at /api/docs and the OpenAPI 3 document at /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Hardhat Hosting VoIP API',
    // Credentials pasted into Authorize stay in the page's memory, never in localStorage where any script reads them.
    swaggerOptions: { persistAuthorization: false },
  });
}
