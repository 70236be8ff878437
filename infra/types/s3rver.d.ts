declare module 's3rver' {
  interface S3rverOptions {
    port?: number;
    address?: string;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<unknown>;
    close(): Promise<void>;
    /** S3 event notifications for every object stored or removed. */
    on(
      event: 'event',
      listener: (event: {
        Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string } } }[];
      }) => void,
    ): this;
  }
}
