// The answer when this install has no report-link service (deps.reports unset).
import { answer, type Answer } from '../answer.ts';

export function reportsNotConfigured(): Answer {
  return answer({
    title: 'Report links are not configured',
    summary: 'This Pulse install cannot make report links yet.',
    tone: 'info',
    visibility: 'ephemeral',
  });
}
