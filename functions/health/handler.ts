import { jsonRoute, json } from '../../shared/http/stack';

export const handler = jsonRoute(async () => json(200, { status: 'ok' }));
