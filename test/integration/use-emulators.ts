import { inject } from 'vitest';
import { fileURLToPath } from 'node:url';
import { useLocalEnvironment } from '../../infra/local/environment';

// Every integration file sees the environment a deployed function would, pointed at the emulators.
useLocalEnvironment(
  inject('endpoints'),
  fileURLToPath(new URL('../../config/example-trust.yaml', import.meta.url)),
);
