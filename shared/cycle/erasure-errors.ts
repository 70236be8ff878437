/** An erasure refused for what was asked (the user can put it right). Nothing was changed. */
export class ErasureRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErasureRefusedError';
  }
}
