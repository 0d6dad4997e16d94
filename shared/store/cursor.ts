import * as z from 'zod';
import { InvalidCursorError } from '../usecases/ports.js';

/**
 * Opaque to clients, but never trusted: it carries only the position (sort key and id) and the
 * server rebuilds the start key with the caller's own partition, so a forged cursor cannot
 * reach another store's list.
 */
const Position = z.object({ s: z.string().min(1).max(200), id: z.string().min(1).max(64) }).strict();
export type Position = z.infer<typeof Position>;

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    return Position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}
