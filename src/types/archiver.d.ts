// archiver 5 (already installed as exceljs's ZIP writer) ships no types; only what src/server/batch-routes.ts uses.
declare module 'archiver' {
  import type { Transform } from 'node:stream';

  interface EntryData {
    name: string;
    date?: Date;
  }
  interface Archiver extends Transform {
    append(source: Buffer | string, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
  }
  export default function archiver(format: 'zip', options?: { zlib?: { level?: number } }): Archiver;
}
