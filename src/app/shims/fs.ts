/**
 * `node:fs` and `node:fs/promises` in the browser bundle: the page reads
 * the files embedded in it (embeddedTexts), never a file system; code that
 * tried would be a bug, and fails saying so.
 */
const NONE = 'the what-if page has no file system: it reads the files embedded in it';

function noFileSystem(): never {
  throw new Error(NONE);
}

export const constants = { O_RDONLY: 0, O_NONBLOCK: 0 };
export const open = async (): Promise<never> => noFileSystem();
export const stat = async (): Promise<never> => noFileSystem();
export const readFile = async (): Promise<never> => noFileSystem();
