import type { TestProject } from 'vitest/node';
import { startEmulators, type Emulators } from '../../infra/local/emulators';

let emulators: Emulators | undefined;

/** Starts DynamoDB Local, s3rver and the SES emulator once per run, on free ports, in memory. */
export async function setup(project: TestProject): Promise<void> {
  emulators = await startEmulators();
  project.provide('endpoints', emulators.endpoints);
}

export async function teardown(): Promise<void> {
  await emulators?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: { dynamodb: string; s3: string; ses: string };
  }
}
