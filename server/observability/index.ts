// Metrics, request ids and log redaction. What other modules use:
//   observability (Fastify plugin), observabilityServerOptions / loggerOptions / genReqId (Fastify options),
//   metricsRegistry(pool) and buildMetricsApp(pool) (/metrics on METRICS_PORT), observeJob / countDelivery (jobs),
//   instrumentAgenda (worker), countRateLimited / countReadinessCheck (edge limits, /readyz).
export { observability } from './plugin.ts';
export { genReqId, loggerOptions, observabilityServerOptions, redactPaths, REQUEST_ID_HEADER } from './logging.ts';
export { redactionPatterns, redactLine, redactText } from './redact.ts';
export { cutLongStrings, MAX_LOGGED_CHARS } from './cut.ts';
export { countDelivery, countRateLimited, countReadinessCheck, observeHttp, observeJob, processRegistry, type DeliveryOutcome } from './registry.ts';
export { buildMetricsApp, metricsRegistry } from './metrics-app.ts';
export { instrumentAgenda } from './agenda.ts';
