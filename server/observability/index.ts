// Metrics, request ids and log redaction. What other modules use:
//   observability (Fastify plugin), observabilityServerOptions / loggerOptions (Fastify options),
//   metricsRegistry(pool) and buildMetricsApp(pool) (/metrics on METRICS_PORT), observeJob / countDelivery (jobs),
//   instrumentAgenda (worker), countRateLimited / countReadinessCheck (edge limits, /readyz).
export { observability } from './plugin.ts';
export { loggerOptions, observabilityServerOptions } from './logging.ts';
export { redactionPatterns, redactLine, redactText } from './redact.ts';
export { countDelivery, countRateLimited, countReadinessCheck, observeJob, processRegistry } from './registry.ts';
export { buildMetricsApp, metricsRegistry } from './metrics-app.ts';
export { instrumentAgenda } from './agenda.ts';
