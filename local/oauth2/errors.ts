/**
 * Creates the errors the stand-in throws. The add-on runs in its own vm context, where an Error
 * of this Node realm fails `instanceof Error`, so the runtime passes a factory of that context.
 */
export type CreateError = (name: string, message: string) => Error;

/** Creates errors of this realm, for callers that share it, such as unit tests. */
export const createRealmError: CreateError = (name, message) => {
  const error = new Error(message);
  error.name = name;

  return error;
};
