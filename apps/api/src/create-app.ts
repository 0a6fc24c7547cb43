import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_BASE_PATH } from '@hh/contracts';
import { AppModule } from './app/app.module';
import { findWebDist, serveWebApp } from './app/web-app/web-app.static';
import { AppConfig } from './config/app-config';
import { PROBLEM_CONTENT_TYPE, toProblem } from './common/filters/problem-details';
import { setupOpenApi } from './openapi';

export const BODY_LIMIT_BYTES = 100 * 1024;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Builds the whole HTTP application (used by main.ts and by the integration specs, so both run the same
 * server): Fastify with the 100 KB body limit, request ids and structured logs, helmet, CORS, cookies,
 * problem+json for Fastify's own errors, the API under /api/v1, Swagger, and the built web app.
 */
export async function createApp(config: AppConfig, logger?: LoggerService): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    // No requestIdHeader: Fastify would then take the header as it comes; genReqId checks it first.
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'reqId' }),
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
          },
    return503OnClosing: true,
    // Errors the router raises before any hook (a malformed percent-encoding in the path) are problems too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(error, request.url?.split('?')[0]);
      void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: logger ?? (config.logLevel === 'silent' ? false : undefined),
    bufferLogs: false,
    // Nest's parsers would add application/x-www-form-urlencoded (a CORS "simple" type, so a cross-site form
    // could post to the API); Fastify's own JSON parser is the only one we want.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;

  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Only JSON bodies (and, later, CSV imports) are accepted: anything else is a 415.
  fastify.removeContentTypeParser('text/plain');
  // Fastify's own request errors (bad JSON, body too large, unsupported type) reach the problem filter through
  // the error handler Nest installs at init.

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Recordings play from blob: URLs (fetched with the session's token, which an <audio src> cannot send).
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // The softphone's SIP WebSocket (VOIP_PROVIDER=sip) is another origin: Kamailio's.
        connectSrc: ["'self'", ...(config.voip.sip ? [webSocketOrigin(config.voip.sip.wsUri)] : [])],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.nodeEnv === 'production',
  });
  await app.register(fastifyCookie);
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'X-Request-Id'],
  });
  app.setGlobalPrefix(API_BASE_PATH.slice(1));
  app.enableShutdownHooks();
  setupOpenApi(app);

  const webDist = findWebDist(config.webDistPath);
  if (webDist) {
    await serveWebApp(fastify, webDist);
  } else {
    new Logger('WebApp').warn('No built web app found (run `npm run build`); serving the API only');
  }
  return app;
}

/** The origin of a ws(s):// URL, as a CSP source (a path would limit the source to that path only). */
function webSocketOrigin(uri: string): string {
  const url = new URL(uri);
  return `${url.protocol}//${url.host}`;
}
