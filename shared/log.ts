/**
 * Structured logs: one JSON object per line, which CloudWatch Logs Insights reads as fields. Never
 * pass a request or event in here: they carry the caller's address. The local runtime sets
 * PILLAR7_LOG_LEVEL=warn so a terminal shows the product's own output, not the functions' chatter.
 */
type Fields = Record<string, unknown>;

const quiet = () => process.env.PILLAR7_LOG_LEVEL === 'warn' || process.env.PILLAR7_LOG_LEVEL === 'error';

export const log = {
  info(message: string, fields: Fields = {}): void {
    if (!quiet()) console.log(JSON.stringify({ level: 'info', message, ...fields }));
  },
  error(message: string, fields: Fields = {}): void {
    console.error(JSON.stringify({ level: 'error', message, ...fields }));
  },
};
