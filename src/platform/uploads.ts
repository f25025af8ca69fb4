// File uploads (multipart/form-data), accepted only by the route groups that call acceptUploads:
// everywhere else a multipart body stays refused (415), as server.ts sets it up.
//
// The whole body is read into memory within the limits before the handler runs: each file at most
// `fileBytes` (a bigger one is kept as "too large", its bytes dropped, so the form can say so), at
// most `files` files (more: "too many"). Text fields are cleaned like any other form's
// (input.ts), and the CSRF token is checked once they are read — the root hook cannot, as the
// token travels inside the multipart body; routes here are marked so the root hook leaves them.
//
// What a file is is decided by its first bytes (magic numbers), never by its name or the type the
// browser declares: see detectFileType.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cleanFields, cleanText } from './input.ts';

export interface UploadedFile {
  /** The form field it came in. */
  field: string;
  /** The name on the guardian's device, as sent (cleaned, at most 200 characters); shown, never trusted. */
  fileName: string;
  bytes: Buffer;
  /** Over the size limit: its bytes were not kept. */
  tooLarge: boolean;
}

export interface Uploads {
  files: UploadedFile[];
  /** More files than the limit were sent (those after it were not read). */
  tooMany: boolean;
}

export interface UploadLimits {
  fileBytes: number;
  files: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The files of a multipart request to an upload route; undefined for any other body. */
    uploads: Uploads | undefined;
  }
  interface FastifyContextConfig {
    /** The route's CSRF token is checked by its upload scope once the multipart body is read. */
    csrfAfterUploads?: boolean;
  }
}

class BadMultipart extends Error {
  readonly statusCode = 400;
  constructor(cause: unknown) {
    super(`malformed multipart body: ${String(cause)}`);
  }
}

/**
 * Lets the routes of this plugin scope (a route group's `routes.app`) take multipart bodies with
 * files. Call it before registering the routes.
 */
export async function acceptUploads(app: FastifyInstance, limits: UploadLimits): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: limits.fileBytes, files: limits.files, fields: 40, fieldSize: 16 * 1024, parts: limits.files + 40, headerPairs: 100 },
  });
  app.decorateRequest('uploads', undefined);
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, csrfAfterUploads: true };
  });
  app.addHook('preValidation', async (req) => {
    if (req.method !== 'POST' || !req.isMultipart()) return;
    const { fields, uploads } = await readMultipart(req, limits);
    req.body = cleanFields(fields);
    req.uploads = uploads;
  });
  // After the body is read, as the root hook does for every other form.
  app.addHook('preValidation', (req, reply, done) => {
    if (req.method === 'POST') app.csrfProtection(req, reply, done);
    else done();
  });
}

async function readMultipart(req: FastifyRequest, limits: UploadLimits): Promise<{ fields: Record<string, string | string[]>; uploads: Uploads }> {
  const fields: Record<string, string | string[]> = Object.create(null);
  const uploads: Uploads = { files: [], tooMany: false };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        const existing = fields[part.fieldname];
        fields[part.fieldname] = existing === undefined ? part.value : [...(Array.isArray(existing) ? existing : [existing]), part.value];
        continue;
      }
      // Read to the end whatever its size: busboy stops keeping bytes past the limit (truncated).
      const chunks: Buffer[] = [];
      let kept = 0;
      for await (const chunk of part.file) {
        if (kept + chunk.length <= limits.fileBytes) chunks.push(chunk);
        kept += chunk.length;
      }
      const tooLarge = part.file.truncated || kept > limits.fileBytes;
      // An input left empty sends a part with no name and no bytes.
      if (!part.filename && kept === 0) continue;
      uploads.files.push({ field: part.fieldname, fileName: cleanText(part.filename ?? '').slice(0, 200), bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
    }
  } catch (error) {
    if (error instanceof req.server.multipartErrors.FilesLimitError) uploads.tooMany = true;
    else throw new BadMultipart(error);
  }
  return { fields: { ...fields }, uploads };
}

export type DetectedType = 'image/jpeg' | 'image/png' | 'application/pdf';

const SIGNATURES: ReadonlyArray<{ type: DetectedType; magic: readonly number[] }> = [
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // %PDF-
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** The type the bytes say they are (JPEG, PNG or PDF), or undefined for anything else. */
export function detectFileType(bytes: Uint8Array): DetectedType | undefined {
  return SIGNATURES.find((s) => bytes.length >= s.magic.length && s.magic.every((b, i) => bytes[i] === b))?.type;
}

export const EXTENSION_OF: Readonly<Record<DetectedType, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };
