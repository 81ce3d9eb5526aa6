import { MAX_UPLOAD_MB } from '@colab/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { TooLarge, ValidationFailed } from '../errors.ts';
import type { FileStore } from './file-store.ts';

export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

/**
 * Receives one multipart `file` (and a few short fields) into the store's incoming folder,
 * stopping at the size limit. multer removes what it wrote when it gives up; its errors become
 * the API's own problem answers.
 */
export function receiveUpload(files: FileStore): RequestHandler {
  const upload = multer({
    dest: files.incomingDir,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 4_000 },
  }).single('file');
  return (req: Request, res: Response, next: NextFunction) =>
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE')
          return next(
            new TooLarge(
              [{ path: 'file', message: `Upload files of at most ${MAX_UPLOAD_MB} MB` }],
              `That file is over ${MAX_UPLOAD_MB} MB.`,
            ),
          );
        return next(
          new ValidationFailed([{ path: error.field ?? 'file', message: error.message }]),
        );
      }
      next(error);
    });
}
