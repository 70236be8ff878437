// aws-local-stepfunctions 3 declares Node >= 22 and calls Promise.withResolvers (new in Node 22) as it
// runs a Task state, while pillar7 runs on Node 20.19 or newer (Lambda, where the library never runs,
// on 22). Imported by the module that runs the library, this adds that one method where it is
// missing before any state machine runs; drop it once the project requires Node 22.
type Resolvers<T> = {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
};
const promise = Promise as PromiseConstructor & { withResolvers?: <T>() => Resolvers<T> };

promise.withResolvers ??= function <T>(this: PromiseConstructor): Resolvers<T> {
  let resolve!: Resolvers<T>['resolve'];
  let reject!: Resolvers<T>['reject'];
  const settled = new this<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise: settled, resolve, reject };
};
